using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace DevRelHub.Advocacy.Activities.Log;

internal sealed class LogActivityValidator : AbstractValidator<LogActivity>
{
    public LogActivityValidator()
    {
        RuleFor(x => x.AdvocateId).NotEmpty();
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
        RuleFor(x => x.OccurredOn).NotEmpty().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));
        RuleFor(x => x.Url).MaximumLength(2048)
            .Must(url => url is null || Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .WithMessage("Url must be an absolute http or https address.");
    }
}

internal sealed class LogActivityHandler(DbSession session, TimeProvider clock) : ICommandHandler<LogActivity, ActivitySummary>
{
    private const string AdvocateName = "SELECT display_name FROM advocacy_advocate WHERE id = @AdvocateId";

    private const string Insert = """
        INSERT INTO advocacy_activity (id, advocate_id, kind, title, occurred_on, url, created_at)
        VALUES (@Id, @AdvocateId, @Kind, @Title, @OccurredOn, @Url, @CreatedAt)
        """;

    public async ValueTask<ActivitySummary> Handle(LogActivity command, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var advocateName = await db.QuerySingleOrDefaultAsync<string>(session.Command(AdvocateName, new { command.AdvocateId }, cancellationToken))
            ?? throw new ValidationException([new ValidationFailure(nameof(command.AdvocateId), $"There is no advocate {command.AdvocateId}.")]);
        var now = clock.GetUtcNow();
        var activity = new ActivitySummary(
            Guid.CreateVersion7(now), command.AdvocateId, advocateName, command.Kind, command.Title.Trim(), command.OccurredOn,
            string.IsNullOrWhiteSpace(command.Url) ? null : command.Url.Trim());
        await db.ExecuteAsync(session.Command(Insert, new
        {
            activity.Id,
            activity.AdvocateId,
            Kind = activity.Kind.ToString(),
            activity.Title,
            activity.OccurredOn,
            activity.Url,
            CreatedAt = now,
        }, cancellationToken));
        return activity;
    }
}
