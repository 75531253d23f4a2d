using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Process;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Runtime;

namespace DevRelHub.Hiring.Templates;

/// <summary>
/// The e-mails the process sends. Each has a built-in text; an Admin's edit is stored and wins. <c>{{name}}</c>
/// inserts a value: candidateName, openingTitle, stage, and for invitations startsAt, timeZone, durationMinutes, where.
/// </summary>
internal static class EmailTemplates
{
    public const string Offer = "offer";
    public const string Decline = "decline";
    public const string Invitation = "invitation";
    public const string Cancellation = "cancellation";

    public static IReadOnlyDictionary<string, (string Subject, string Body)> Defaults { get; } = new Dictionary<string, (string, string)>
    {
        [Offer] = ("Your offer: {{openingTitle}}", """
            Dear {{candidateName}},

            Thank you for the time and the talk you gave us. We are delighted to offer you the position of {{openingTitle}}.
            Your recruiter will call you to walk through the details; the written offer follows by separate mail.

            We hope to welcome you to the team soon.
            """),
        [Decline] = ("Your application: {{openingTitle}}", """
            Dear {{candidateName}},

            Thank you for your interest in the {{openingTitle}} position and for the time you gave us.
            After careful consideration we will not take your application further.

            We wish you every success.
            """),
        [Invitation] = ("Invitation: {{stage}} for {{openingTitle}}", """
            Hello,

            You are invited to the {{stage}} for {{candidateName}}, {{openingTitle}}.

            When: {{startsAt}} ({{timeZone}}), {{durationMinutes}} minutes
            Where: {{where}}

            The calendar invitation is attached.
            """),
        [Cancellation] = ("Cancelled: {{stage}} for {{openingTitle}}", """
            Hello,

            The {{stage}} for {{candidateName}}, {{openingTitle}}, on {{startsAt}} ({{timeZone}}) is cancelled.
            """),
    };

    private const string Select = "SELECT template_key AS \"Key\", subject AS Subject, body AS Body, updated_at AS UpdatedAt, updated_by AS UpdatedBy FROM hiring_email_template";

    public static async Task<IReadOnlyList<EmailTemplate>> AllAsync(Sql db)
    {
        var stored = (await db.QueryAsync<EmailTemplate>(Select)).ToDictionary(template => template.Key);
        return [.. Defaults.Select(pair => stored.GetValueOrDefault(pair.Key) ?? new EmailTemplate(pair.Key, pair.Value.Subject, pair.Value.Body, null, null))];
    }

    public static async Task<(string Subject, string Body)> RenderAsync(Sql db, string key, IReadOnlyDictionary<string, string?> values)
    {
        var stored = await db.SingleOrDefaultAsync<EmailTemplate>(Select + " WHERE template_key = @Key", new { Key = key });
        var (subject, body) = stored is null ? Defaults[key] : (stored.Subject, stored.Body);
        return (Render(subject, values), Render(body, values));
    }

    /// <summary>Replaces each <c>{{name}}</c> with its value; an unknown name becomes empty.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string?> values) =>
        Template.Render(template, values.GetValueOrDefault);
}
