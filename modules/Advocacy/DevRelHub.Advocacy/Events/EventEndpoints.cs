using System.Security.Claims;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Events;

internal static class EventEndpoints
{
    public static void Map(IEndpointRouteBuilder advocacy)
    {
        var writers = new[] { Roles.Advocate, Roles.Admin };
        advocacy.MapGet("/events", async (ISender sender, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null) =>
            TypedResults.Ok(await sender.Send(new ListEvents(from, to), cancellationToken))).WithName("ListEvents");
        advocacy.MapGet("/events/{id:guid}", async Task<Results<Ok<EventRecord>, NotFound>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
            await sender.Send(new GetEvent(id), cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound()).WithName("GetEvent");
        advocacy.MapPost("/events", CreateEvent).RequireAuthorization(policy => policy.RequireRole(writers)).WithName("CreateEvent");
        advocacy.MapPut("/events/{id:guid}", UpdateEvent).RequireAuthorization(policy => policy.RequireRole(writers))
            .WithName("UpdateEvent").WithSummary("Changes an event; a moved CFP close moves its drafts' reminders.");

        advocacy.MapGet("/submissions", async (ISender sender, CancellationToken cancellationToken, Guid? advocateId = null, Guid? eventId = null, SubmissionStatus? status = null) =>
            TypedResults.Ok(await sender.Send(new ListSubmissions(advocateId, eventId, status), cancellationToken))).WithName("ListSubmissions");
        advocacy.MapGet("/submissions/{id:guid}", async Task<Results<Ok<SubmissionRecord>, NotFound>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
            await sender.Send(new GetSubmission(id), cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound()).WithName("GetSubmission");
        advocacy.MapPost("/submissions", CreateSubmission).RequireAuthorization(policy => policy.RequireRole(writers))
            .WithName("CreateSubmission").WithSummary("Starts a draft; its advocate is reminded 7 days and 1 day before the CFP closes.");
        advocacy.MapPut("/submissions/{id:guid}", ChangeSubmission).RequireAuthorization(policy => policy.RequireRole(writers))
            .WithName("ChangeSubmission").WithSummary("Moves a submission on (submitted, accepted, rejected, waitlisted); leaving draft stops its reminders.");

        advocacy.MapGet("/calendar", async (ISender sender, CancellationToken cancellationToken, DateOnly from, DateOnly to, Guid? advocateId = null) =>
            TypedResults.Ok(await sender.Send(new GetCalendar(from, to, advocateId), cancellationToken))).WithName("GetCalendar");
        advocacy.MapGet("/cfp-deadlines", async (ISender sender, CancellationToken cancellationToken, Guid? advocateId = null, int days = 60) =>
            TypedResults.Ok(await sender.Send(new ListCfpDeadlines(advocateId, days), cancellationToken))).WithName("ListCfpDeadlines");
        advocacy.MapPost("/advocates/{id:guid}/calendar-feed", ResetFeed).RequireAuthorization(policy => policy.RequireRole(writers))
            .WithName("ResetCalendarFeed").WithSummary("Makes a new secret feed address; the previous one stops working.");
        advocacy.MapDelete("/advocates/{id:guid}/calendar-feed", RevokeFeed).RequireAuthorization(policy => policy.RequireRole(writers))
            .WithName("RevokeCalendarFeed");
        advocacy.MapGet("/calendar/{token}.ics", Feed).AllowAnonymous()
            .WithName("CalendarFeed").WithSummary("An advocate's iCalendar feed; the secret token in the address is the only credential calendars can send.");
    }

    private static async Task<Created<EventRecord>> CreateEvent(EventInput input, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(new CreateEvent(input), cancellationToken);
        return TypedResults.Created($"/api/advocacy/events/{created.Id}", created);
    }

    private static async Task<Ok<EventRecord>> UpdateEvent(Guid id, EventInput input, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UpdateEvent(id, input, user.Editor().Email), cancellationToken));

    private static async Task<Created<SubmissionRecord>> CreateSubmission(SubmissionInput input, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(new CreateSubmission(input.EventId, input.AdvocateId, input.Title, input.Abstract, user.Editor()), cancellationToken);
        return TypedResults.Created($"/api/advocacy/submissions/{created.Id}", created);
    }

    private static async Task<Ok<SubmissionRecord>> ChangeSubmission(Guid id, SubmissionChange change, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ChangeSubmission(id, change.Status, change.Title, change.Abstract, change.ActivityId, user.Editor()), cancellationToken));

    private static async Task<Ok<FeedAddress>> ResetFeed(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new FeedAddress(await sender.Send(new ResetCalendarFeed(id, Revoke: false, user.Editor()), cancellationToken)));

    private static async Task<NoContent> RevokeFeed(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new ResetCalendarFeed(id, Revoke: true, user.Editor()), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<ContentHttpResult, NotFound>> Feed(string token, ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetCalendarFeed(token), cancellationToken) is { } calendar
            ? TypedResults.Text(calendar, "text/calendar; charset=utf-8")
            : TypedResults.NotFound();

    internal sealed record SubmissionInput(Guid EventId, Guid AdvocateId, string Title, string? Abstract);

    internal sealed record SubmissionChange(SubmissionStatus Status, string? Title = null, string? Abstract = null, Guid? ActivityId = null);

    internal sealed record FeedAddress(string? Path);
}
