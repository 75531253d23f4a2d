using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace DevRelHub.Advocacy.Activities;

internal sealed class LogActivityValidator : AbstractValidator<LogActivity>
{
    public LogActivityValidator() => RuleFor(x => x.Activity).NotNull().SetValidator(new ActivityInputValidator());
}

internal sealed class UpdateActivityValidator : AbstractValidator<UpdateActivity>
{
    public UpdateActivityValidator() => RuleFor(x => x.Activity).NotNull().SetValidator(new ActivityInputValidator());
}

internal sealed class LogActivityHandler(DbSession session, IPublisher publisher, TimeProvider clock) : ICommandHandler<LogActivity, ActivityRecord>
{
    public async ValueTask<ActivityRecord> Handle(LogActivity command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        await ActivityChecks.EnsureAsync(db, command.Activity, command.By);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await ActivityStore.InsertAsync(db, id, command.Activity, now);
        var activity = (await ActivityStore.FindAsync(db, id))!;
        await publisher.Publish(new ActivityLogged(activity.Summary), cancellationToken);
        return activity;
    }
}

internal sealed class UpdateActivityHandler(DbSession session, IPublisher publisher, TimeProvider clock) : ICommandHandler<UpdateActivity, ActivityRecord>
{
    public async ValueTask<ActivityRecord> Handle(UpdateActivity command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var before = await ActivityStore.FindAsync(db, command.Id) ?? throw new NotFoundException($"There is no activity {command.Id}.");
        await Ownership.EnsureMayEditAsync(db, before.AdvocateId, command.By, "AdvocateId");
        await ActivityChecks.EnsureAsync(db, command.Activity, command.By);
        await ActivityStore.UpdateAsync(db, command.Id, command.Activity, clock.GetUtcNow());
        var activity = (await ActivityStore.FindAsync(db, command.Id))!;
        await publisher.Publish(new ActivityChanged(activity.Summary), cancellationToken);
        return activity;
    }
}

internal sealed class DeleteActivityHandler(DbSession session, IPublisher publisher) : ICommandHandler<DeleteActivity>
{
    private const string Unlink = """
        UPDATE advocacy_submission SET activity_id = NULL WHERE activity_id = @Id;
        UPDATE advocacy_contribution SET activity_id = NULL WHERE activity_id = @Id;
        DELETE FROM advocacy_activity_import WHERE activity_id = @Id;
        DELETE FROM advocacy_activity WHERE id = @Id;
        """;

    public async ValueTask<Unit> Handle(DeleteActivity command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var activity = await ActivityStore.FindAsync(db, command.Id) ?? throw new NotFoundException($"There is no activity {command.Id}.");
        await Ownership.EnsureMayEditAsync(db, activity.AdvocateId, command.By, "AdvocateId");
        await ActivityStore.DeleteChildrenAsync(db, command.Id);
        await db.ExecuteAsync(Unlink, new { command.Id });
        await publisher.Publish(new ActivityRemoved(command.Id), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>The checks an activity needs beyond its fields: the editor may write for its advocate, its co-authors exist.</summary>
internal static class ActivityChecks
{
    private const string AdvocateExists = "SELECT COUNT(*) FROM advocacy_advocate WHERE id = @Id";

    public static async Task EnsureAsync(Sql db, ActivityInput activity, Editor by)
    {
        await Ownership.EnsureMayEditAsync(db, activity.AdvocateId, by, "Activity.AdvocateId");
        foreach (var coAuthor in (activity.CoAuthorIds ?? []).Distinct())
        {
            if (await db.ScalarAsync<int>(AdvocateExists, new { Id = coAuthor }) == 0)
            {
                throw new ValidationException([new ValidationFailure("Activity.CoAuthorIds", $"There is no advocate {coAuthor} to be a co-author.")]);
            }
        }
    }
}

internal sealed class GetActivityHandler(DbSession session) : IQueryHandler<GetActivity, ActivityRecord?>
{
    public async ValueTask<ActivityRecord?> Handle(GetActivity query, CancellationToken cancellationToken) =>
        await ActivityStore.FindAsync(await Sql.OfAsync(session, cancellationToken), query.Id);
}

internal sealed class ListActivitiesValidator : AbstractValidator<ListActivities>
{
    public ListActivitiesValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 200);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage("To must not be before From.");
    }
}

internal sealed class ListActivitiesHandler(DbSession session, ISqlDialect dialect) : IQueryHandler<ListActivities, ActivityPage>
{
    private const string Count = "SELECT CAST(COUNT(*) AS BIGINT) FROM advocacy_activity a";
    private const string Order = "\nORDER BY a.occurred_on DESC, a.id DESC";

    public async ValueTask<ActivityPage> Handle(ListActivities query, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            query.From,
            query.To,
            query.AdvocateId,
            Kind = query.Kind?.ToString(),
            Tag = query.Tag?.Trim().ToLowerInvariant(),
            Offset = (query.Page - 1) * query.PageSize,
            Limit = query.PageSize,
        };
        var where = Filter.Where(
            (query.From is not null, "a.occurred_on >= @From"),
            (query.To is not null, "a.occurred_on <= @To"),
            (query.AdvocateId is not null, "(a.advocate_id = @AdvocateId OR EXISTS (SELECT 1 FROM advocacy_activity_coauthor c WHERE c.activity_id = a.id AND c.advocate_id = @AdvocateId))"),
            (query.Kind is not null, "a.kind = @Kind"),
            (!string.IsNullOrWhiteSpace(query.Tag), "a.id IN (SELECT t.activity_id FROM advocacy_activity_tag t WHERE t.tag = @Tag)"));
        var db = await Sql.OfAsync(session, cancellationToken);
        // The count and the page in one command.
        await using var results = await db.QueryMultipleAsync($"{Count}{where};\n{ActivityStore.SummaryColumns}{where}{Order}{dialect.Paging}", parameters);
        var total = await results.ReadSingleAsync<long>();
        return new ActivityPage([.. await results.ReadAsync<ActivitySummary>()], query.Page, query.PageSize, total);
    }
}

internal sealed class CountActivitiesHandler(DbSession session) : IQueryHandler<CountActivities, long>
{
    internal const string Count = """
        SELECT CAST(COUNT(*) AS BIGINT) FROM advocacy_activity
        WHERE occurred_on >= @From AND occurred_on <= @To
        """;

    public async ValueTask<long> Handle(CountActivities query, CancellationToken cancellationToken) =>
        await (await Sql.OfAsync(session, cancellationToken)).ScalarAsync<long>(Count, new { query.From, query.To });
}

internal sealed class CountActivitiesByAdvocateHandler(DbSession session) : IQueryHandler<CountActivitiesByAdvocate, IReadOnlyList<AdvocateActivityCount>>
{
    private const string Count = """
        SELECT advocate_id AS AdvocateId, CAST(COUNT(*) AS INT) AS Activities FROM advocacy_activity
        WHERE occurred_on >= @From AND occurred_on <= @To
        GROUP BY advocate_id
        """;

    public async ValueTask<IReadOnlyList<AdvocateActivityCount>> Handle(CountActivitiesByAdvocate query, CancellationToken cancellationToken) =>
        await (await Sql.OfAsync(session, cancellationToken)).QueryAsync<AdvocateActivityCount>(Count, new { query.From, query.To });
}

internal sealed class ListTagsHandler(DbSession session) : IQueryHandler<ListTags, IReadOnlyList<TagCount>>
{
    private const string Select = """
        SELECT tag AS Tag, CAST(COUNT(*) AS INT) AS Activities FROM advocacy_activity_tag
        GROUP BY tag ORDER BY COUNT(*) DESC, tag
        """;

    public async ValueTask<IReadOnlyList<TagCount>> Handle(ListTags query, CancellationToken cancellationToken) =>
        await (await Sql.OfAsync(session, cancellationToken)).QueryAsync<TagCount>(Select);
}
