using System.Security.Claims;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Process;
using DevRelHub.Identity.Contracts;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Hiring.Templates;

internal sealed class SaveEmailTemplateValidator : AbstractValidator<SaveEmailTemplate>
{
    public SaveEmailTemplateValidator()
    {
        RuleFor(x => x.Key).Must(EmailTemplates.Defaults.ContainsKey)
            .WithMessage($"Key must be one of: {string.Join(", ", EmailTemplates.Defaults.Keys)}.");
        RuleFor(x => x.Subject).NotEmpty().MaximumLength(500);
        RuleFor(x => x.Body).NotEmpty().MaximumLength(8000);
    }
}

internal sealed class ListEmailTemplatesHandler(DbSession session) : IQueryHandler<ListEmailTemplates, IReadOnlyList<EmailTemplate>>
{
    public async ValueTask<IReadOnlyList<EmailTemplate>> Handle(ListEmailTemplates query, CancellationToken cancellationToken) =>
        await EmailTemplates.AllAsync(await Sql.OfAsync(session, cancellationToken));
}

internal sealed class SaveEmailTemplateHandler(DbSession session, TimeProvider clock) : ICommandHandler<SaveEmailTemplate, EmailTemplate>
{
    private const string Delete = "DELETE FROM hiring_email_template WHERE template_key = @Key";

    private const string Insert = """
        INSERT INTO hiring_email_template (template_key, subject, body, updated_at, updated_by) VALUES (@Key, @Subject, @Body, @UpdatedAt, @UpdatedBy)
        """;

    public async ValueTask<EmailTemplate> Handle(SaveEmailTemplate command, CancellationToken cancellationToken)
    {
        var template = new EmailTemplate(command.Key, command.Subject.Trim(), command.Body, clock.GetUtcNow(), command.Actor);
        var db = await session.ConnectionAsync(cancellationToken);
        await db.ExecuteAsync(session.Command(Delete, template, cancellationToken));
        await db.ExecuteAsync(session.Command(Insert, template, cancellationToken));
        return template;
    }
}

internal static class EmailTemplateEndpoints
{
    public static void Map(IEndpointRouteBuilder hiring)
    {
        var templates = hiring.MapGroup("/email-templates").RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        templates.MapGet("/", (ISender sender, CancellationToken cancellationToken) => sender.Send(new ListEmailTemplates(), cancellationToken))
            .WithName("ListHiringEmailTemplates").WithSummary("The offer, decline and invitation e-mails, as they will be sent.");
        templates.MapPut("/{key}", (string key, TemplateText body, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new SaveEmailTemplate(key, body.Subject, body.Body, user.Actor()), cancellationToken))
            .WithName("SaveHiringEmailTemplate").WithSummary("Changes an e-mail template; {{name}} inserts a value.");
    }

    internal sealed record TemplateText(string Subject, string Body);
}
