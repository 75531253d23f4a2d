using System.Security.Claims;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Process;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Hiring;

/// <summary>The hiring API beyond candidates and openings: applications and their decisions, interviews, scorecards, the funnel.</summary>
internal static class HiringEndpoints
{
    public static void Map(IEndpointRouteBuilder hiring)
    {
        var pipeline = hiring.MapGroup("").RequireAuthorization(policy => policy.RequireRole(HiringRoles.Pipeline));

        pipeline.MapGet("/candidates/{id:guid}", (Guid id, ISender sender, CancellationToken cancellationToken) => sender.Send(new GetCandidate(id), cancellationToken))
            .WithName("GetCandidate").WithSummary("A candidate's profile and applications.");
        hiring.MapPost("/candidates/{id:guid}/erase", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
            {
                await sender.Send(new EraseCandidate(id, user.Actor()), cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Recruiter, Roles.Admin))
            .WithName("EraseCandidate").WithSummary("Removes the candidate's personal data everywhere; statistics keep their counts.");

        pipeline.MapPost("/applications", async Task<Created<ApplicationDetails>> (NewApplication body, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
            {
                var application = await sender.Send(new CreateApplication(body.CandidateId, body.OpeningId, user.Actor()), cancellationToken);
                return TypedResults.Created($"/api/hiring/applications/{application.Application.Id}", application);
            })
            .WithName("CreateApplication").WithSummary("Applies a candidate to an opening and starts the hiring workflow.");
        pipeline.MapGet("/applications", (Guid? openingId, OpeningLevel? level, bool? activeOnly, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new ListApplications(openingId, level, activeOnly ?? true), cancellationToken))
            .WithName("ListApplications").WithSummary("Applications with their stage, by time in stage.");
        pipeline.MapGet("/applications/{id:guid}", (Guid id, ISender sender, CancellationToken cancellationToken) => sender.Send(new GetApplication(id), cancellationToken))
            .WithName("GetApplication").WithSummary("Stage, status, checklist and timeline of an application.");
        pipeline.MapPost("/applications/{id:guid}/decisions", (Guid id, DecisionBody body, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new DecideApplication(id, body.Decision, body.Reason, body.Notes, user.Actor(), user.RolesOf(), body.FinalInterview), cancellationToken))
            .WithName("DecideApplication").WithSummary("Advances or declines the current stage (a reason is required to decline), or records a withdrawal.");
        pipeline.MapPut("/applications/{id:guid}/checklist", (Guid id, Dictionary<int, bool> checks, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new CheckRequirements(id, checks, user.Actor()), cancellationToken))
            .WithName("CheckRequirements").WithSummary("Ticks the opening's requirements at screening: position → met.");

        pipeline.MapPost("/interviews", async Task<Created<InterviewDetails>> (NewInterview body, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
            {
                var interview = await sender.Send(new ScheduleInterview(body.ApplicationId, body.StartsAt, body.DurationMinutes, body.Interviewers ?? [],
                    body.Location, body.VideoLink, user.Actor()), cancellationToken);
                return TypedResults.Created($"/api/hiring/interviews/{interview.Id}", interview);
            })
            .WithName("ScheduleInterview").WithSummary("Schedules the current stage's interview and sends invitations with an .ics.");
        pipeline.MapPut("/interviews/{id:guid}", (Guid id, MovedInterview body, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new RescheduleInterview(id, body.StartsAt, body.DurationMinutes, user.Actor()), cancellationToken))
            .WithName("RescheduleInterview").WithSummary("Moves an interview; everyone gets the updated invitation.");
        pipeline.MapPost("/interviews/{id:guid}/cancel", (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new CancelInterview(id, user.Actor()), cancellationToken))
            .WithName("CancelInterview").WithSummary("Cancels an interview; everyone gets the cancellation.");

        var interviewing = hiring.MapGroup("/interviews").RequireAuthorization(policy => policy.RequireRole(HiringRoles.Interviewing));
        interviewing.MapGet("/", (ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new ListInterviews(user.Actor(), user.RolesOf()), cancellationToken))
            .WithName("ListInterviews").WithSummary("Interviews: all for the pipeline's roles, a panelist's own for panelists.");
        interviewing.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new GetInterview(id, user.Actor(), user.RolesOf()), cancellationToken))
            .WithName("GetInterview").WithSummary("An interview; a panelist sees only those they sit on.");
        interviewing.MapGet("/{id:guid}/scorecards", (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new GetScorecards(id, user.Actor(), user.RolesOf()), cancellationToken))
            .WithName("GetScorecards").WithSummary("The scorecards the caller may see; others' only after submitting one's own, or once the stage closed.");
        interviewing.MapPost("/{id:guid}/scorecards", async Task<Created<ScorecardView>> (Guid id, ScorecardBody body, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
            {
                var scorecard = await sender.Send(new SubmitScorecard(id, body.Ratings ?? [], body.Recommendation, body.Notes, user.Actor(), user.RolesOf()), cancellationToken);
                return TypedResults.Created($"/api/hiring/interviews/{id}/scorecards/{scorecard.Id}", scorecard);
            })
            .WithName("SubmitScorecard").WithSummary("Submits the caller's scorecard: 1–4 per attribute, a recommendation, notes.");

        hiring.MapGet("/funnel", (int year, int quarter, ISender sender, CancellationToken cancellationToken) => sender.Send(new GetHiringFunnel(year, quarter), cancellationToken))
            .RequireAuthorization(policy => policy.RequireRole(HiringRoles.Funnel))
            .WithName("GetHiringFunnel").WithSummary("Applications entering and leaving each stage in a quarter.");
    }

    internal sealed record NewApplication(Guid CandidateId, Guid OpeningId);

    internal sealed record DecisionBody(Decision Decision, string? Reason, string? Notes, bool? FinalInterview);

    internal sealed record NewInterview(Guid ApplicationId, DateTimeOffset StartsAt, int DurationMinutes, IReadOnlyList<Interviewer>? Interviewers, string? Location, string? VideoLink);

    internal sealed record MovedInterview(DateTimeOffset StartsAt, int? DurationMinutes);

    internal sealed record ScorecardBody(Dictionary<string, int>? Ratings, int Recommendation, string? Notes);
}
