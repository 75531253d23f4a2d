using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace DevRelHub.Advocacy.Events;

internal sealed class EventInputValidator : AbstractValidator<EventInput>
{
    public EventInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.StartsOn).PlausibleDate();
        RuleFor(x => x.EndsOn).GreaterThanOrEqualTo(x => x.StartsOn).WithMessage("The event must not end before it starts.");
        RuleFor(x => x.City).MaximumLength(100);
        RuleFor(x => x.City).NotEmpty().When(x => !x.Online).WithMessage("'City' is needed for an event that is not online.");
        RuleFor(x => x.Url).OptionalWebAddress();
        RuleFor(x => x.CfpClosesAt).NotNull().When(x => x.CfpOpensOn is not null || x.NotificationOn is not null)
            .WithMessage("A CFP needs the moment it closes.");
        RuleFor(x => x.CfpClosesAt).Must((input, closes) => closes is null || DateOnly.FromDateTime(closes.Value.UtcDateTime) <= input.StartsOn)
            .WithMessage("The CFP must close before the event starts.");
        RuleFor(x => x.CfpOpensOn).Must((input, opens) => opens is null || input.CfpClosesAt is null || opens <= DateOnly.FromDateTime(input.CfpClosesAt.Value.UtcDateTime))
            .WithMessage("The CFP must open before it closes.");
        RuleFor(x => x.NotificationOn).Must((input, notification) => notification is null || input.CfpClosesAt is null || notification >= DateOnly.FromDateTime(input.CfpClosesAt.Value.UtcDateTime))
            .WithMessage("Speakers are notified after the CFP closes.");
    }
}

internal sealed class CreateEventValidator : AbstractValidator<CreateEvent>
{
    public CreateEventValidator() => RuleFor(x => x.Event).NotNull().SetValidator(new EventInputValidator());
}

internal sealed class UpdateEventValidator : AbstractValidator<UpdateEvent>
{
    public UpdateEventValidator() => RuleFor(x => x.Event).NotNull().SetValidator(new EventInputValidator());
}

/// <summary>An event's row and the queries that read it.</summary>
internal static class EventStore
{
    public const string Select = """
        SELECT e.id AS Id, e.name AS Name, e.kind AS Kind, e.starts_on AS StartsOn, e.ends_on AS EndsOn, e.city AS City, e.online AS Online,
               e.url AS Url, e.cfp_opens_on AS CfpOpensOn, e.cfp_closes_at AS CfpClosesAt, e.notification_on AS NotificationOn,
               (SELECT CAST(COUNT(*) AS INT) FROM advocacy_submission s WHERE s.event_id = e.id) AS Submissions
        FROM advocacy_event e
        """;

    private const string Insert = """
        INSERT INTO advocacy_event (id, name, kind, starts_on, ends_on, city, online, url, cfp_opens_on, cfp_closes_at, notification_on, created_at)
        VALUES (@Id, @Name, @Kind, @StartsOn, @EndsOn, @City, @Online, @Url, @CfpOpensOn, @CfpClosesAt, @NotificationOn, @Now)
        """;

    private const string Update = """
        UPDATE advocacy_event SET name = @Name, kind = @Kind, starts_on = @StartsOn, ends_on = @EndsOn, city = @City, online = @Online, url = @Url,
               cfp_opens_on = @CfpOpensOn, cfp_closes_at = @CfpClosesAt, notification_on = @NotificationOn, updated_at = @Now
        WHERE id = @Id
        """;

    public static Task<EventRecord?> FindAsync(Sql db, Guid id) => db.SingleOrDefaultAsync<EventRecord>(Select + "\nWHERE e.id = @Id", new { Id = id });

    public static Task InsertAsync(Sql db, Guid id, EventInput input, DateTimeOffset now) => db.ExecuteAsync(Insert, Row(id, input, now));

    public static Task UpdateAsync(Sql db, Guid id, EventInput input, DateTimeOffset now) => db.ExecuteAsync(Update, Row(id, input, now));

    private static object Row(Guid id, EventInput input, DateTimeOffset now) => new
    {
        Id = id,
        Name = input.Name.Trim(),
        Kind = input.Kind.ToString(),
        input.StartsOn,
        input.EndsOn,
        City = Validation.Clean(input.City),
        input.Online,
        Url = Validation.Clean(input.Url),
        input.CfpOpensOn,
        CfpClosesAt = input.CfpClosesAt?.ToUniversalTime(),
        input.NotificationOn,
        Now = now,
    };
}

internal sealed class CreateEventHandler(DbSession session, TimeProvider clock) : ICommandHandler<CreateEvent, EventRecord>
{
    public async ValueTask<EventRecord> Handle(CreateEvent command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await EventStore.InsertAsync(db, id, command.Event, now);
        return (await EventStore.FindAsync(db, id))!;
    }
}

/// <summary>Changes an event. A CFP close that moved restarts the reminders of the drafts for it, so they remind at the new dates.</summary>
internal sealed class UpdateEventHandler(DbSession session, CfpReminders reminders, TimeProvider clock) : IRequestHandler<UpdateEvent, EventRecord>
{
    public async ValueTask<EventRecord> Handle(UpdateEvent request, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var before = await EventStore.FindAsync(db, request.Id) ?? throw new NotFoundException($"There is no event {request.Id}.");
        await session.InTransactionAsync(async _ =>
        {
            await EventStore.UpdateAsync(db, request.Id, request.Event, clock.GetUtcNow());
            return 0;
        }, cancellationToken);
        if (before.CfpClosesAt != request.Event.CfpClosesAt?.ToUniversalTime())
        {
            await reminders.RescheduleAsync(request.Id, request.Actor, cancellationToken);
        }
        return (await EventStore.FindAsync(db, request.Id))!;
    }
}

internal sealed class GetEventHandler(DbSession session) : IQueryHandler<GetEvent, EventRecord?>
{
    public async ValueTask<EventRecord?> Handle(GetEvent query, CancellationToken cancellationToken) =>
        await EventStore.FindAsync(await Sql.OfAsync(session, cancellationToken), query.Id);
}

internal sealed class ListEventsHandler(DbSession session) : IQueryHandler<ListEvents, IReadOnlyList<EventRecord>>
{
    private const string Order = "\nORDER BY e.starts_on, e.name";

    public async ValueTask<IReadOnlyList<EventRecord>> Handle(ListEvents query, CancellationToken cancellationToken)
    {
        var where = Filter.Where(
            (query.From is not null, "(e.ends_on >= @From OR e.cfp_closes_at >= @FromInstant)"),
            (query.To is not null, "(e.starts_on <= @To OR e.cfp_closes_at < @ToInstant)"));
        var db = await Sql.OfAsync(session, cancellationToken);
        return await db.QueryAsync<EventRecord>(EventStore.Select + where + Order, new
        {
            query.From,
            query.To,
            FromInstant = query.From is { } from ? Instant(from) : (DateTimeOffset?)null,
            ToInstant = query.To is { } to ? Instant(to.AddDays(1)) : (DateTimeOffset?)null,
        });
    }

    private static DateTimeOffset Instant(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
