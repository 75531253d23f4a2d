using System.Globalization;
using System.Text;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Process;
using DevRelHub.Hiring.Templates;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Outbox;

using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using DevRelHub.Workflows.Runtime;

namespace DevRelHub.Hiring.Interviews;

/// <summary>
/// Invitations to an interview: one e-mail per person (candidate and each interviewer) with the time in their
/// own zone in the text and an iCalendar event in that zone attached. A moved interview sends the same event
/// with a higher sequence, so calendars update it; a cancelled one sends the cancellation.
/// </summary>
internal static class Invitations
{
    public static async Task SendAsync(Sql db, EmailOutbox outbox, ApplicationRow application, InterviewRow interview, IReadOnlyList<Interviewer> interviewers,
        bool cancelled, CancellationToken cancellationToken)
    {
        var people = new List<Interviewer> { new(application.CandidateEmail, application.CandidateName, application.CandidateTimeZone) };
        people.AddRange(interviewers);
        foreach (var person in people)
        {
            var zone = person.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
            var local = TimeZoneInfo.ConvertTime(interview.StartsAt, zone);
            var values = new Dictionary<string, string?>(application.TemplateValues(), StringComparer.OrdinalIgnoreCase)
            {
                ["stage"] = interview.Stage,
                ["startsAt"] = local.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture),
                ["timeZone"] = zone.Id,
                ["durationMinutes"] = interview.DurationMinutes.ToString(CultureInfo.InvariantCulture),
                ["where"] = string.Join(" · ", new[] { interview.Location, interview.VideoLink }.Where(text => !string.IsNullOrWhiteSpace(text))) is { Length: > 0 } where
                    ? where : "to be confirmed",
            };
            var (subject, body) = await EmailTemplates.RenderAsync(db, cancelled ? EmailTemplates.Cancellation : EmailTemplates.Invitation, values);
            var calendar = Calendar(interview, subject, zone, people, cancelled);
            await outbox.EnqueueAsync(new OutgoingEmail(person.Email, subject, body,
                [new EmailAttachment("invite.ics", $"text/calendar; method={(cancelled ? "CANCEL" : "REQUEST")}; charset=utf-8", Encoding.UTF8.GetBytes(calendar))]),
                application.InstanceId, cancellationToken);
        }
    }

    private static string Calendar(InterviewRow interview, string subject, TimeZoneInfo zone, IReadOnlyList<Interviewer> people, bool cancelled)
    {
        var local = TimeZoneInfo.ConvertTime(interview.StartsAt, zone).DateTime;
        var calendar = new Ical.Net.Calendar { Method = cancelled ? "CANCEL" : "REQUEST" };
        if (zone != TimeZoneInfo.Utc)
        {
            calendar.AddTimeZone(zone.Id);
        }
        var tzId = zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{interview.Id:N}@devrelhub",
            Sequence = interview.Sequence,
            Summary = subject,
            Location = string.Join(" · ", new[] { interview.Location, interview.VideoLink }.Where(text => !string.IsNullOrWhiteSpace(text))),
            DtStart = new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), tzId),
            DtEnd = new CalDateTime(DateTime.SpecifyKind(local.AddMinutes(interview.DurationMinutes), DateTimeKind.Unspecified), tzId),
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer("mailto:hiring@devrelhub.test"),
        };
        foreach (var person in people)
        {
            calendarEvent.Attendees.Add(new Attendee($"mailto:{person.Email}") { CommonName = person.Name, Rsvp = !cancelled });
        }
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
