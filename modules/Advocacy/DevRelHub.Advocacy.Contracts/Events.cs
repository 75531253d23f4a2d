using System.Text.Json.Serialization;
using Mediator;

namespace DevRelHub.Advocacy.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<EventKind>))]
public enum EventKind
{
    Conference,
    Meetup,
}

[JsonConverter(typeof(JsonStringEnumConverter<SubmissionStatus>))]
public enum SubmissionStatus
{
    Draft,
    Submitted,
    Accepted,
    Rejected,
    Waitlisted,
}

/// <summary>
/// What an event is: where and when it shows, and its call for papers. <paramref name="CfpClosesAt"/> is the
/// moment submissions close (an instant; the organisers' zone is the writer's business).
/// </summary>
public sealed record EventInput(
    string Name, EventKind Kind, DateOnly StartsOn, DateOnly EndsOn, string? City = null, bool Online = false, string? Url = null,
    DateOnly? CfpOpensOn = null, DateTimeOffset? CfpClosesAt = null, DateOnly? NotificationOn = null);

public sealed record EventRecord(
    Guid Id, string Name, EventKind Kind, DateOnly StartsOn, DateOnly EndsOn, string? City, bool Online, string? Url,
    DateOnly? CfpOpensOn, DateTimeOffset? CfpClosesAt, DateOnly? NotificationOn, int Submissions);

/// <summary>Adds a conference or meetup (advocates and Admin).</summary>
public sealed record CreateEvent(EventInput Event) : ICommand<EventRecord>;

/// <summary>Changes an event; when its CFP close moves, the reminders of its open submissions move with it.</summary>
public sealed record UpdateEvent(Guid Id, EventInput Event, string Actor) : IRequest<EventRecord>;

public sealed record GetEvent(Guid Id) : IQuery<EventRecord?>;

/// <summary>Events showing or with a CFP closing between two dates (inclusive), by date.</summary>
public sealed record ListEvents(DateOnly? From = null, DateOnly? To = null) : IQuery<IReadOnlyList<EventRecord>>;

/// <summary>A talk proposed to an event by an advocate.</summary>
/// <param name="ActivityId">The talk it became, once accepted and given.</param>
/// <param name="ReminderInstanceId">The reminder workflow that runs while it is a draft.</param>
public sealed record SubmissionRecord(
    Guid Id, Guid EventId, string EventName, DateTimeOffset? CfpClosesAt, Guid AdvocateId, string AdvocateName, string Title,
    string? Abstract, SubmissionStatus Status, Guid? ActivityId, Guid? ReminderInstanceId, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt);

/// <summary>
/// Starts a draft submission. While it is a draft and the CFP is open, a workflow reminds its advocate by
/// e-mail 7 days and 1 day before the CFP closes.
/// </summary>
public sealed record CreateSubmission(Guid EventId, Guid AdvocateId, string Title, string? Abstract, Editor By) : IRequest<SubmissionRecord>;

/// <summary>
/// Moves a submission on: submitted, then accepted, rejected or waitlisted. Leaving draft stops its reminders.
/// <paramref name="ActivityId"/> links the talk it became.
/// </summary>
public sealed record ChangeSubmission(Guid Id, SubmissionStatus Status, string? Title, string? Abstract, Guid? ActivityId, Editor By) : IRequest<SubmissionRecord>;

public sealed record GetSubmission(Guid Id) : IQuery<SubmissionRecord?>;

public sealed record ListSubmissions(Guid? AdvocateId = null, Guid? EventId = null, SubmissionStatus? Status = null) : IQuery<IReadOnlyList<SubmissionRecord>>;

/// <summary>Publishes the "CFP deadline reminders" workflow when the database has none of that name; answers its definition id.</summary>
public sealed record EnsureCfpReminderProcess : IRequest<Guid>;

[JsonConverter(typeof(JsonStringEnumConverter<CalendarEntryKind>))]
public enum CalendarEntryKind
{
    CfpOpens,
    CfpCloses,
    Notification,
    Show,
    Trip,
}

/// <summary>A day or a moment in the team's calendar: a CFP deadline, a show, a trip.</summary>
/// <param name="At">The moment, for a CFP close; null for whole-day entries.</param>
public sealed record CalendarEntry(CalendarEntryKind Kind, string Title, DateOnly Starts, DateOnly Ends, DateTimeOffset? At, Guid? EventId, Guid? AdvocateId, string? City);

/// <summary>CFP deadlines and show dates (and, for one advocate, their trips and submissions' events) between two dates.</summary>
public sealed record GetCalendar(DateOnly From, DateOnly To, Guid? AdvocateId = null) : IQuery<IReadOnlyList<CalendarEntry>>;

/// <summary>An advocate's upcoming CFP deadlines: open CFPs of events they have a draft for, and every other CFP still open, soonest first.</summary>
public sealed record ListCfpDeadlines(Guid? AdvocateId, int Days = 60) : IQuery<IReadOnlyList<CfpDeadline>>;

/// <param name="SubmissionStatus">The advocate's submission to it, if any.</param>
public sealed record CfpDeadline(Guid EventId, string EventName, DateTimeOffset ClosesAt, string? City, bool Online, SubmissionStatus? SubmissionStatus, Guid? SubmissionId);

/// <summary>
/// Makes a new secret calendar feed address for an advocate (the old one stops working), or with
/// <paramref name="Revoke"/> removes it. Answers the feed's path, or null when revoked.
/// </summary>
public sealed record ResetCalendarFeed(Guid AdvocateId, bool Revoke, Editor By) : ICommand<string?>;

/// <summary>The iCalendar text of an advocate's feed, or null when no advocate has this token.</summary>
public sealed record GetCalendarFeed(string Token) : IQuery<string?>;
