using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace DevRelHub.Advocacy.Events;

internal static class SubmissionStore
{
    public const string Select = """
        SELECT s.id AS Id, s.event_id AS EventId, e.name AS EventName, e.cfp_closes_at AS CfpClosesAt, s.advocate_id AS AdvocateId,
               v.display_name AS AdvocateName, s.title AS Title, s.abstract AS Abstract, s.status AS Status, s.activity_id AS ActivityId,
               s.reminder_instance_id AS ReminderInstanceId, s.created_at AS CreatedAt, s.submitted_at AS SubmittedAt
        FROM advocacy_submission s
        JOIN advocacy_event e ON e.id = s.event_id
        JOIN advocacy_advocate v ON v.id = s.advocate_id
        """;

    public static Task<SubmissionRecord?> FindAsync(Sql db, Guid id) => db.SingleOrDefaultAsync<SubmissionRecord>(Select + "\nWHERE s.id = @Id", new { Id = id });
}

internal sealed class CreateSubmissionValidator : AbstractValidator<CreateSubmission>
{
    public CreateSubmissionValidator()
    {
        RuleFor(x => x.EventId).NotEmpty();
        RuleFor(x => x.AdvocateId).NotEmpty();
        RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
        RuleFor(x => x.Abstract).MaximumLength(10_000);
    }
}

internal sealed class CreateSubmissionHandler(DbSession session, CfpReminders reminders, TimeProvider clock) : IRequestHandler<CreateSubmission, SubmissionRecord>
{
    private const string Insert = """
        INSERT INTO advocacy_submission (id, event_id, advocate_id, title, abstract, status, reminder_instance_id, created_at)
        VALUES (@Id, @EventId, @AdvocateId, @Title, @Abstract, 'Draft', @InstanceId, @CreatedAt)
        """;

    private const string SelectAdvocate = "SELECT display_name AS AdvocateName, email AS AdvocateEmail FROM advocacy_advocate WHERE id = @Id";

    public async ValueTask<SubmissionRecord> Handle(CreateSubmission request, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        await Ownership.EnsureMayEditAsync(db, request.AdvocateId, request.By, nameof(request.AdvocateId));
        var target = await EventStore.FindAsync(db, request.EventId)
            ?? throw new ValidationException([new ValidationFailure(nameof(request.EventId), $"There is no event {request.EventId}.")]);
        var advocate = (await db.SingleOrDefaultAsync<(string AdvocateName, string AdvocateEmail)?>(SelectAdvocate, new { Id = request.AdvocateId }))!.Value;
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var title = request.Title.Trim();
        var draft = new CfpReminders.Draft(id, title, null, advocate.AdvocateName, advocate.AdvocateEmail, target.Name, target.CfpClosesAt);
        await reminders.StartAsync(draft, request.By.Email, (tx, instance) => tx.ExecuteAsync(Insert, new
        {
            Id = id, request.EventId, request.AdvocateId, Title = title, Abstract = Validation.Clean(request.Abstract), InstanceId = instance, CreatedAt = now,
        }), cancellationToken);
        return (await SubmissionStore.FindAsync(db, id))!;
    }
}

internal sealed class ChangeSubmissionValidator : AbstractValidator<ChangeSubmission>
{
    public ChangeSubmissionValidator()
    {
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Title).MaximumLength(300).Must(title => title is null || title.Trim().Length > 0).WithMessage("'Title' must not be empty.");
        RuleFor(x => x.Abstract).MaximumLength(10_000);
    }
}

/// <summary>
/// Moves a submission: draft → submitted → accepted, rejected or waitlisted (a decision can be corrected; a
/// submission does not go back to draft). Leaving draft stops the reminders in the same transaction.
/// </summary>
internal sealed class ChangeSubmissionHandler(DbSession session, CfpReminders reminders, TimeProvider clock) : IRequestHandler<ChangeSubmission, SubmissionRecord>
{
    private const string Update = """
        UPDATE advocacy_submission SET status = @Status, title = @Title, abstract = @Abstract, activity_id = @ActivityId,
               submitted_at = @SubmittedAt, updated_at = @Now
        WHERE id = @Id
        """;

    private const string ActivityExists = "SELECT COUNT(*) FROM advocacy_activity WHERE id = @Id AND advocate_id = @AdvocateId";

    public async ValueTask<SubmissionRecord> Handle(ChangeSubmission request, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var submission = await SubmissionStore.FindAsync(db, request.Id) ?? throw new NotFoundException($"There is no submission {request.Id}.");
        await Ownership.EnsureMayEditAsync(db, submission.AdvocateId, request.By, "AdvocateId");
        if (request.Status is SubmissionStatus.Draft && submission.Status is not SubmissionStatus.Draft)
        {
            throw new ConflictException($"The submission is {submission.Status}; it does not go back to draft.");
        }
        if (request.ActivityId is { } activity && await db.ScalarAsync<int>(ActivityExists, new { Id = activity, submission.AdvocateId }) == 0)
        {
            throw new ValidationException([new ValidationFailure(nameof(request.ActivityId), $"{submission.AdvocateName} has no activity {activity}.")]);
        }
        var now = clock.GetUtcNow();
        var row = new
        {
            request.Id,
            Status = request.Status.ToString(),
            Title = request.Title?.Trim() ?? submission.Title,
            Abstract = request.Abstract is null ? submission.Abstract : Validation.Clean(request.Abstract),
            ActivityId = request.ActivityId ?? submission.ActivityId,
            SubmittedAt = submission.SubmittedAt ?? (request.Status is SubmissionStatus.Draft ? null : now),
            Now = now,
        };
        if (submission.Status is SubmissionStatus.Draft && request.Status is not SubmissionStatus.Draft)
        {
            await reminders.StopAsync(submission.ReminderInstanceId, request.By.Email, tx => tx.ExecuteAsync(Update, row), cancellationToken);
        }
        else
        {
            await session.InTransactionAsync(async _ => await db.ExecuteAsync(Update, row), cancellationToken);
        }
        return (await SubmissionStore.FindAsync(db, request.Id))!;
    }
}

internal sealed class GetSubmissionHandler(DbSession session) : IQueryHandler<GetSubmission, SubmissionRecord?>
{
    public async ValueTask<SubmissionRecord?> Handle(GetSubmission query, CancellationToken cancellationToken) =>
        await SubmissionStore.FindAsync(await Sql.OfAsync(session, cancellationToken), query.Id);
}

internal sealed class ListSubmissionsHandler(DbSession session) : IQueryHandler<ListSubmissions, IReadOnlyList<SubmissionRecord>>
{
    public async ValueTask<IReadOnlyList<SubmissionRecord>> Handle(ListSubmissions query, CancellationToken cancellationToken)
    {
        var where = Filter.Where(
            (query.AdvocateId is not null, "s.advocate_id = @AdvocateId"),
            (query.EventId is not null, "s.event_id = @EventId"),
            (query.Status is not null, "s.status = @Status"));
        var db = await Sql.OfAsync(session, cancellationToken);
        return await db.QueryAsync<SubmissionRecord>(SubmissionStore.Select + where + "\nORDER BY e.cfp_closes_at, s.created_at",
            new { query.AdvocateId, query.EventId, Status = query.Status?.ToString() });
    }
}
