using System.Globalization;
using System.Text.Json.Nodes;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Templates;
using DevRelHub.Identity.Contracts;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Runtime;

namespace DevRelHub.Hiring.Process;

/// <summary>
/// A stage of the hiring process where people meet the candidate and someone decides: entering it moves the
/// application there (stage, visit, timeline) in the engine's transaction; the decision — advance, or decline
/// with a reason — comes from a person in one of the DecidedBy roles and is recorded in the same transaction.
/// </summary>
internal abstract class HiringStage(string type, string stage, string description, string interviewerRole, string duration, IReadOnlyList<ActivityInput> extraInputs,
    IReadOnlyList<string>? outcomes = null)
    : Activity(new(type, "Hiring", description, ActivityBehaviour.Blocking,
        [
            new(InterviewerRoleInput, ActivityInputKind.Role, Required: true, $"Who meets the candidate (default {interviewerRole})"),
            new(DurationInput, ActivityInputKind.Duration, Required: true, $"How long the meeting is (default {duration})"),
            new(DecidedByInput, ActivityInputKind.Role, Required: true, "Roles that decide this stage, comma-separated"),
            .. extraInputs,
        ],
        outcomes ?? [Advance, Decline]))
{
    public const string Advance = nameof(Decision.Advance);
    public const string Decline = nameof(Decision.Decline);
    public const string InterviewerRoleInput = "InterviewerRole";
    public const string DurationInput = "Duration";
    public const string DecidedByInput = "DecidedBy";
    public const string DefaultDecidedBy = $"{Roles.Recruiter}, {Roles.HiringManager}";

    public string DefaultStage { get; } = stage;

    /// <summary>The inputs a new node of this type gets (the seeded process and the designer's toolbox use them).</summary>
    public virtual Dictionary<string, string> DefaultInputs() => new()
    {
        [InterviewerRoleInput] = interviewerRole,
        [DurationInput] = duration,
        [DecidedByInput] = DefaultDecidedBy,
    };

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        await ApplicationStore.EnterStageAsync(Sql.Of(context.Transaction), ApplicationId(context), StageName(context), context.Node.Id, Descriptor.Type, context.Now);
        return ActivityResult.Suspend(data: Waiting(context, WaitingFor.Decision));
    }

    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus)
    {
        var decidedBy = Split(context.RequiredInput(DecidedByInput));
        if (!decidedBy.Any(role => stimulus.MayActAs(role, context.SupervisorRoles)))
        {
            throw new StimulusRefusedException($"{StageName(context)} is decided by {string.Join(" or ", decidedBy)}.", forbidden: true);
        }
        var outcome = context.ChosenOutcome(stimulus with { Outcome = OutcomeFor(stimulus.Outcome) });
        return ActivityResult.Complete(await DecideAsync(context, outcome, stimulus.Actor));
    }

    /// <summary>Records a decision on this stage: the visit closes with the outcome, the timeline says who and why.</summary>
    protected async Task<string> DecideAsync(ActivityContext context, string outcome, string actor)
    {
        var reason = Text(context.Variables, "reason");
        if (outcome is Decline or "Rejected" && reason is null)
        {
            throw new StimulusRefusedException("Say why: a reason is required to decline.");
        }
        var db = Sql.Of(context.Transaction);
        var application = ApplicationId(context);
        await ApplicationStore.LeaveStageAsync(db, application, outcome, context.Now);
        var detail = string.Join("\n", new[] { reason, Text(context.Variables, "notes") }.Where(text => text is not null));
        await ApplicationStore.AddTimelineAsync(db, application, context.Now, TimelineKinds.Decision, $"{StageName(context)}: {outcome}",
            detail.Length == 0 ? null : detail, actor);
        context.Variables["stage"] = StageName(context);
        return outcome;
    }

    /// <summary>What a person's decision means at this node; the offer reads Advance as the candidate's acceptance.</summary>
    protected virtual string? OutcomeFor(string? decision) => decision;

    protected JsonObject Waiting(ActivityContext context, string waitingFor) => new()
    {
        ["stage"] = StageName(context),
        ["waitingFor"] = waitingFor,
        ["decidedBy"] = context.Node.Input(DecidedByInput),
        ["interviewerRole"] = context.Node.Input(InterviewerRoleInput),
    };

    public string StageName(ActivityContext context) => context.Node.Name ?? DefaultStage;

    public static Guid ApplicationId(ActivityContext context) =>
        Guid.TryParse(context.CorrelationKey, out var id) ? id : throw new InvalidOperationException("A hiring step runs only in an application's workflow (its correlation key is the application id).");

    public override IEnumerable<string> CheckInputs(WorkflowNode node)
    {
        if (node.Input(DurationInput) is { } text && !ActivityContext.TryParseDuration(text, out _))
        {
            yield return $"{DurationInput} '{text}' is not a duration.";
        }
        if (node.Input(DecidedByInput) is { } roles && Split(roles).FirstOrDefault(role => !Roles.All.Contains(role)) is { } unknown)
        {
            yield return $"{DecidedByInput}: there is no role '{unknown}'. Roles: {string.Join(", ", Roles.All)}.";
        }
    }

    protected static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static string? Text(JsonObject variables, string name) =>
        variables[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}

/// <summary>What a stage's bookmark says it waits for, as the pipeline shows it.</summary>
internal static class WaitingFor
{
    public const string Decision = "decision";
    public const string Scorecards = "scorecards";
    public const string Answer = "answer";
}

internal sealed class ScreeningCallActivity() : HiringStage("ScreeningCall", "Screening call",
    "A recruiter's call with the candidate; the recruiter ticks the opening's checklist and advances or declines.", Roles.Recruiter, "PT30M", []);

internal sealed class HiringManagerInterviewActivity() : HiringStage("HiringManagerInterview", "Hiring manager interview",
    "A 45-minute interview with the Director of Developer Advocacy.", Roles.HiringManager, "PT45M", []);

internal sealed class FinalInterviewActivity() : HiringStage("FinalInterview", "Final interview",
    "An optional last conversation with the CEO and/or the VP Marketing.", Roles.Executive, "PT45M",
    [new(InterviewersInput, ActivityInputKind.Text, Required: false, "Who meets the candidate, for example: CEO, VP Marketing")])
{
    public const string InterviewersInput = "Interviewers";

    public override Dictionary<string, string> DefaultInputs() => new(base.DefaultInputs()) { [InterviewersInput] = "CEO, VP Marketing" };
}

/// <summary>
/// The panel: the candidate presents a topic of their choice (20–30 minutes) and takes questions (20–30 minutes).
/// Each panelist's submitted scorecard resumes this node; once the quorum has submitted, the panel's mean
/// recommendation against the threshold decides — unless the panel disagrees (ratings two or more apart), when
/// it waits for a person's decision. A decider may also decide at any time.
/// </summary>
internal sealed class PanelPresentationActivity() : HiringStage("PanelPresentation", "Panel presentation",
    "The candidate presents a topic of their choice to a panel of directors, who score it independently.", Roles.Panelist, "PT55M",
    [
        new(QuorumInput, ActivityInputKind.Number, Required: true, "How many scorecards decide the panel"),
        new(ThresholdInput, ActivityInputKind.Number, Required: true, "The mean recommendation (1 Strong No … 4 Strong Yes) to advance"),
        new(TalkMinutesInput, ActivityInputKind.Number, Required: true, "Minutes of talk, 20–30"),
        new(QuestionMinutesInput, ActivityInputKind.Number, Required: true, "Minutes of Q&A, 20–30"),
    ])
{
    public const string Type = "PanelPresentation";
    public const string QuorumInput = "Quorum";
    public const string ThresholdInput = "Threshold";
    public const string TalkMinutesInput = "TalkMinutes";
    public const string QuestionMinutesInput = "QuestionMinutes";

    /// <summary>The stimulus a submitted scorecard sends; not an outcome, a nudge to count again.</summary>
    public const string ScorecardSubmitted = "ScorecardSubmitted";

    public override Dictionary<string, string> DefaultInputs() => new(base.DefaultInputs())
    {
        [QuorumInput] = "3",
        [ThresholdInput] = "2.5",
        [TalkMinutesInput] = "25",
        [QuestionMinutesInput] = "25",
    };

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        await base.ExecuteAsync(context);
        return ActivityResult.Suspend(data: Waiting(context, WaitingFor.Scorecards));
    }

    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus)
    {
        if (stimulus.Outcome != ScorecardSubmitted)
        {
            return await base.ResumeAsync(context, stimulus);
        }
        var db = Sql.Of(context.Transaction);
        var application = ApplicationId(context);
        var scorecards = await Scorecards.Panel.ScoresAsync(db, application, context.Node.Id);
        var quorum = int.Parse(context.RequiredInput(QuorumInput), CultureInfo.InvariantCulture);
        if (scorecards.Count < quorum)
        {
            return ActivityResult.Suspend(data: Waiting(context, WaitingFor.Scorecards));
        }
        var result = Scorecards.Panel.Aggregate(scorecards);
        var threshold = double.Parse(context.RequiredInput(ThresholdInput), CultureInfo.InvariantCulture);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{scorecards.Count} scorecards, mean recommendation {result.MeanRecommendation:0.00} (threshold {threshold:0.00}), spread {result.RecommendationSpread}");
        if (result.Disagreement)
        {
            var split = string.Join(", ", result.Attributes.Where(attribute => attribute.Disagreement).Select(attribute => attribute.Attribute));
            await ApplicationStore.AddTimelineAsync(db, application, context.Now, TimelineKinds.Decision, "Panel disagrees: a decision is needed",
                $"{summary}. Ratings two or more apart on: {(split.Length == 0 ? "the overall recommendation" : split)}.", null);
            return ActivityResult.Suspend(data: Waiting(context, WaitingFor.Decision));
        }
        var outcome = result.MeanRecommendation >= threshold ? Advance : Decline;
        if (outcome is Decline)
        {
            context.Variables["reason"] = $"The panel's {summary}.";
        }
        await DecideAsync(context, outcome, "panel");
        return ActivityResult.Complete(outcome);
    }

    public override IEnumerable<string> CheckInputs(WorkflowNode node)
    {
        foreach (var problem in base.CheckInputs(node))
        {
            yield return problem;
        }
        if (node.Input(QuorumInput) is { } quorum && !(int.TryParse(quorum, CultureInfo.InvariantCulture, out var q) && q is >= 1 and <= 20))
        {
            yield return $"{QuorumInput} '{quorum}' is not a number of panelists from 1 to 20.";
        }
        if (node.Input(ThresholdInput) is { } threshold
            && !(double.TryParse(threshold, CultureInfo.InvariantCulture, out var t) && t is >= Ratings.StrongNo and <= Ratings.StrongYes))
        {
            yield return $"{ThresholdInput} '{threshold}' is not a mean recommendation from 1 to 4.";
        }
        foreach (var name in new[] { TalkMinutesInput, QuestionMinutesInput })
        {
            if (node.Input(name) is { } minutes && !(int.TryParse(minutes, CultureInfo.InvariantCulture, out var m) && m is >= 20 and <= 30))
            {
                yield return $"{name} '{minutes}' is not 20 to 30 minutes.";
            }
        }
    }
}

/// <summary>Sends the offer e-mail and waits for the candidate's answer, which a recruiter records: Accepted (hired) or Rejected.</summary>
internal sealed class OfferActivity() : HiringStage("Offer", "Offer",
    "Sends the offer by e-mail and waits for the candidate's answer.", Roles.Recruiter, "P14D",
    [new(TemplateInput, ActivityInputKind.EmailTemplate, Required: true, "The e-mail template sent (offer)")],
    [nameof(Accepted), nameof(Rejected)])
{
    public const string TemplateInput = "Template";
    public const string Accepted = nameof(Accepted);
    public const string Rejected = nameof(Rejected);

    public override Dictionary<string, string> DefaultInputs() => new(base.DefaultInputs()) { [TemplateInput] = EmailTemplates.Offer };

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        await base.ExecuteAsync(context);
        var db = Sql.Of(context.Transaction);
        var application = await ApplicationStore.FindAsync(db, ApplicationId(context));
        await ApplicationStore.SetStatusAsync(db, application.Id, ApplicationStatus.Offered);
        await Mail.SendAsync(context, db, application, context.RequiredInput(TemplateInput));
        return ActivityResult.Suspend(data: Waiting(context, WaitingFor.Answer));
    }

    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus)
    {
        var result = await base.ResumeAsync(context, stimulus);
        var accepted = result.Outcome == Accepted;
        await ApplicationStore.CloseAsync(Sql.Of(context.Transaction), ApplicationId(context),
            accepted ? ApplicationStatus.Hired : ApplicationStatus.OfferDeclined, accepted ? null : Text(context.Variables, "reason"), context.Now);
        return result;
    }

    protected override string? OutcomeFor(string? decision) => decision switch
    {
        Advance => Accepted,
        Decline => Rejected,
        _ => decision,
    };

    public override IEnumerable<string> CheckInputs(WorkflowNode node) =>
        base.CheckInputs(node).Concat(Mail.CheckTemplate(node, TemplateInput));
}

/// <summary>Closes a declined application: the reason is kept, the candidate gets the decline e-mail.</summary>
internal sealed class DeclineActivity() : Activity(new("Decline", "Hiring",
    "Closes the application as declined, with the reason given, and sends the candidate the decline e-mail.", ActivityBehaviour.Automatic,
    [new(OfferActivity.TemplateInput, ActivityInputKind.EmailTemplate, Required: true, "The e-mail template sent (decline)")],
    [BuiltInActivities.Done]))
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var db = Sql.Of(context.Transaction);
        var application = await ApplicationStore.FindAsync(db, HiringStage.ApplicationId(context));
        var reason = HiringStage.Text(context.Variables, "reason");
        await ApplicationStore.CloseAsync(db, application.Id, ApplicationStatus.Declined, reason, context.Now);
        await Mail.SendAsync(context, db, application, context.RequiredInput(OfferActivity.TemplateInput));
        return ActivityResult.Complete(BuiltInActivities.Done);
    }

    public override IEnumerable<string> CheckInputs(WorkflowNode node) => Mail.CheckTemplate(node, OfferActivity.TemplateInput);
}

/// <summary>Mail a hiring step sends the candidate: rendered from its template, queued with the step, noted in the timeline.</summary>
internal static class Mail
{
    public static async Task SendAsync(ActivityContext context, Sql db, ApplicationRow application, string template)
    {
        var (subject, body) = await EmailTemplates.RenderAsync(db, template, application.TemplateValues());
        context.SendEmail(application.CandidateEmail, subject, body);
        await ApplicationStore.AddTimelineAsync(db, application.Id, context.Now, TimelineKinds.Email, $"E-mail to the candidate: {subject}", null, null);
    }

    public static IEnumerable<string> CheckTemplate(WorkflowNode node, string input) =>
        node.Input(input) is { } key && !EmailTemplates.Defaults.ContainsKey(key)
            ? [$"{input} '{key}' is not an e-mail template. Templates: {string.Join(", ", EmailTemplates.Defaults.Keys)}."]
            : [];
}
