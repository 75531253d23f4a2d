using System.Security.Cryptography;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Mediator;

namespace DevRelHub.Advocacy.Events;

internal sealed class GetCalendarValidator : AbstractValidator<GetCalendar>
{
    public GetCalendarValidator() =>
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).WithMessage("To must not be before From.")
            .Must((query, to) => to.DayNumber - query.From.DayNumber <= 400).WithMessage("A calendar spans at most 400 days.");
}

/// <summary>
/// The team's calendar between two dates: every CFP opening and closing, notification day and show, and every
/// trip. For one advocate: every CFP deadline (what they might submit to), the other dates of the events they
/// submitted to or travel to, and their own trips.
/// </summary>
internal sealed class GetCalendarHandler(DbSession session) : IQueryHandler<GetCalendar, IReadOnlyList<CalendarEntry>>
{
    private const string SelectEvents = """
        SELECT e.id AS Id, e.name AS Name, e.starts_on AS StartsOn, e.ends_on AS EndsOn, e.city AS City, e.online AS Online,
               e.cfp_opens_on AS CfpOpensOn, e.cfp_closes_at AS CfpClosesAt, e.notification_on AS NotificationOn
        FROM advocacy_event e
        WHERE e.id IN (
            SELECT id FROM advocacy_event WHERE ends_on >= @From AND starts_on <= @To
            UNION SELECT id FROM advocacy_event WHERE cfp_closes_at >= @FromInstant AND cfp_closes_at < @ToInstant
            UNION SELECT id FROM advocacy_event WHERE cfp_opens_on >= @From AND cfp_opens_on <= @To
            UNION SELECT id FROM advocacy_event WHERE notification_on >= @From AND notification_on <= @To)
        """;

    private const string SelectInvolvement = """
        SELECT event_id FROM advocacy_submission WHERE advocate_id = @AdvocateId
        UNION SELECT event_id FROM advocacy_trip WHERE advocate_id = @AdvocateId AND event_id IS NOT NULL
        """;

    private const string SelectTrips = """
        SELECT t.advocate_id AS AdvocateId, v.display_name AS AdvocateName, t.destination AS Destination, t.departs_on AS DepartsOn,
               t.returns_on AS ReturnsOn, t.event_id AS EventId
        FROM advocacy_trip t JOIN advocacy_advocate v ON v.id = t.advocate_id
        WHERE t.departs_on >= @Earliest AND t.departs_on <= @To AND t.returns_on >= @From
        """;

    public async ValueTask<IReadOnlyList<CalendarEntry>> Handle(GetCalendar query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var parameters = new
        {
            query.From,
            query.To,
            query.AdvocateId,
            Earliest = query.From.AddDays(-Trips.MaxDays),
            FromInstant = new DateTimeOffset(query.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            ToInstant = new DateTimeOffset(query.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        };
        var events = await db.QueryAsync<EventRow>(SelectEvents, parameters);
        var involved = query.AdvocateId is null ? null : (await db.QueryAsync<Guid>(SelectInvolvement, parameters)).ToHashSet();
        var trips = await db.QueryAsync<TripRow>(SelectTrips + (query.AdvocateId is null ? "" : " AND t.advocate_id = @AdvocateId"), parameters);

        bool InRange(DateOnly day) => day >= query.From && day <= query.To;
        var entries = new List<CalendarEntry>();
        foreach (var e in events)
        {
            var place = e.Online ? "online" : e.City;
            if (e.CfpClosesAt is { } closes && DateOnly.FromDateTime(closes.UtcDateTime) is var day && InRange(day))
            {
                entries.Add(new CalendarEntry(CalendarEntryKind.CfpCloses, $"CFP closes: {e.Name}", day, day, closes, e.Id, null, place));
            }
            if (involved is not null && !involved.Contains(e.Id))
            {
                continue;
            }
            if (e.CfpOpensOn is { } opens && InRange(opens))
            {
                entries.Add(new CalendarEntry(CalendarEntryKind.CfpOpens, $"CFP opens: {e.Name}", opens, opens, null, e.Id, null, place));
            }
            if (e.NotificationOn is { } notification && InRange(notification))
            {
                entries.Add(new CalendarEntry(CalendarEntryKind.Notification, $"Speakers notified: {e.Name}", notification, notification, null, e.Id, null, place));
            }
            if (e.StartsOn <= query.To && e.EndsOn >= query.From)
            {
                entries.Add(new CalendarEntry(CalendarEntryKind.Show, e.Name, e.StartsOn, e.EndsOn, null, e.Id, null, place));
            }
        }
        entries.AddRange(trips.Select(trip => new CalendarEntry(
            CalendarEntryKind.Trip, $"{trip.AdvocateName} in {trip.Destination}", trip.DepartsOn, trip.ReturnsOn, null, trip.EventId, trip.AdvocateId, trip.Destination)));
        return [.. entries.OrderBy(entry => entry.Starts).ThenBy(entry => entry.At).ThenBy(entry => entry.Kind).ThenBy(entry => entry.Title, StringComparer.Ordinal)];
    }

    private sealed record EventRow(
        Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, string? City, bool Online, DateOnly? CfpOpensOn, DateTimeOffset? CfpClosesAt, DateOnly? NotificationOn);

    private sealed record TripRow(Guid AdvocateId, string AdvocateName, string Destination, DateOnly DepartsOn, DateOnly ReturnsOn, Guid? EventId);
}

internal sealed class ListCfpDeadlinesHandler(DbSession session, TimeProvider clock) : IQueryHandler<ListCfpDeadlines, IReadOnlyList<CfpDeadline>>
{
    private const string Select = """
        SELECT e.id AS EventId, e.name AS EventName, e.cfp_closes_at AS ClosesAt, e.city AS City, e.online AS Online,
               s.status AS SubmissionStatus, s.id AS SubmissionId
        FROM advocacy_event e
        LEFT JOIN advocacy_submission s ON s.event_id = e.id AND s.advocate_id = @AdvocateId
        WHERE e.cfp_closes_at >= @Now AND e.cfp_closes_at < @Until
        ORDER BY e.cfp_closes_at, e.name
        """;

    public async ValueTask<IReadOnlyList<CfpDeadline>> Handle(ListCfpDeadlines query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var db = await Sql.OfAsync(session, cancellationToken);
        return await db.QueryAsync<CfpDeadline>(Select, new { AdvocateId = query.AdvocateId ?? Guid.Empty, Now = now, Until = now.AddDays(Math.Clamp(query.Days, 1, 366)) });
    }
}

internal sealed class ResetCalendarFeedHandler(DbSession session) : ICommandHandler<ResetCalendarFeed, string?>
{
    private const string SetToken = "UPDATE advocacy_advocate SET feed_token = @Token WHERE id = @Id";

    public async ValueTask<string?> Handle(ResetCalendarFeed command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        await Ownership.EnsureMayEditAsync(db, command.AdvocateId, command.By, nameof(command.AdvocateId));
        var token = command.Revoke ? null : Base64Url(RandomNumberGenerator.GetBytes(32));
        await db.ExecuteAsync(SetToken, new { Id = command.AdvocateId, Token = token });
        return token is null ? null : CalendarFeed.PathFor(token);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>An advocate's personal calendar as iCalendar: three months back to a year ahead.</summary>
internal sealed class CalendarFeed(DbSession session, ISender sender, TimeProvider clock) : IQueryHandler<GetCalendarFeed, string?>
{
    private const string SelectAdvocate = "SELECT id AS Id, display_name AS Name FROM advocacy_advocate WHERE feed_token = @Token";

    public static string PathFor(string token) => $"/api/advocacy/calendar/{token}.ics";

    public async ValueTask<string?> Handle(GetCalendarFeed query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query.Token) || query.Token.Length > 64)
        {
            return null;
        }
        var db = await Sql.OfAsync(session, cancellationToken);
        var advocate = await db.SingleOrDefaultAsync<(Guid Id, string Name)?>(SelectAdvocate, new { query.Token });
        if (advocate is not { } owner)
        {
            return null;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var entries = await sender.Send(new GetCalendar(today.AddDays(-90), today.AddDays(300), owner.Id), cancellationToken);
        var calendar = new Ical.Net.Calendar { ProductId = "-//DevRel Hub//Advocacy calendar//EN" };
        calendar.AddProperty("X-WR-CALNAME", $"DevRel Hub · {owner.Name}");
        foreach (var entry in entries)
        {
            var item = new CalendarEvent
            {
                Uid = $"{entry.Kind}-{entry.EventId ?? entry.AdvocateId}-{entry.Starts:yyyyMMdd}@devrelhub",
                Summary = entry.Title,
                Location = entry.City,
                DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC"),
            };
            if (entry.At is { } at)
            {
                item.DtStart = new CalDateTime(at.UtcDateTime, "UTC");
                item.DtEnd = new CalDateTime(at.UtcDateTime.AddMinutes(30), "UTC");
            }
            else
            {
                item.DtStart = new CalDateTime(entry.Starts.Year, entry.Starts.Month, entry.Starts.Day);
                item.DtEnd = new CalDateTime(entry.Ends.Year, entry.Ends.Month, entry.Ends.Day).AddDays(1);
            }
            calendar.Events.Add(item);
        }
        return new CalendarSerializer().SerializeToString(calendar);
    }
}
