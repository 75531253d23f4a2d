using System.Security.Claims;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Activities;

internal static class ActivityEndpoints
{
    public static void Map(IEndpointRouteBuilder advocacy)
    {
        advocacy.MapGet("/activities", List).WithName("ListActivities")
            .WithSummary("Activities, newest first; filter by quarter (2026-Q3) or dates, advocate, kind and tag.");
        advocacy.MapGet("/activities/{id:guid}", Get).WithName("GetActivity");
        advocacy.MapPost("/activities", Log).RequireAuthorization(policy => policy.RequireRole(Roles.Advocate, Roles.Admin))
            .WithName("LogActivity").WithSummary("Records a piece of work; details.kind names its kind and brings that kind's fields.");
        advocacy.MapPut("/activities/{id:guid}", Update).RequireAuthorization(policy => policy.RequireRole(Roles.Advocate, Roles.Admin))
            .WithName("UpdateActivity");
        advocacy.MapDelete("/activities/{id:guid}", Delete).RequireAuthorization(policy => policy.RequireRole(Roles.Advocate, Roles.Admin))
            .WithName("DeleteActivity");
        advocacy.MapGet("/tags", async (ISender sender, CancellationToken cancellationToken) => TypedResults.Ok(await sender.Send(new ListTags(), cancellationToken)))
            .WithName("ListTags");
    }

    private static async Task<Ok<ActivityPage>> List(
        ISender sender, CancellationToken cancellationToken, string? quarter = null, DateOnly? from = null, DateOnly? to = null,
        Guid? advocateId = null, ActivityKind? kind = null, string? tag = null, int page = 1, int pageSize = 50)
    {
        if (quarter is not null)
        {
            var q = Quarter.TryParse(quarter, null, out var parsed)
                ? parsed
                : throw new ValidationException([new ValidationFailure(nameof(quarter), $"'{quarter}' is not a quarter; write it as 2026-Q3.")]);
            (from, to) = (q.FirstDay, q.LastDay);
        }
        return TypedResults.Ok(await sender.Send(new ListActivities(from, to, advocateId, kind, tag, page, pageSize), cancellationToken));
    }

    private static async Task<Results<Ok<ActivityRecord>, NotFound>> Get(Guid id, ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetActivity(id), cancellationToken) is { } activity ? TypedResults.Ok(activity) : TypedResults.NotFound();

    private static async Task<Created<ActivityRecord>> Log(ActivityInput input, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        var activity = await sender.Send(new LogActivity(input, user.Editor()), cancellationToken);
        return TypedResults.Created($"/api/advocacy/activities/{activity.Id}", activity);
    }

    private static async Task<Ok<ActivityRecord>> Update(Guid id, ActivityInput input, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UpdateActivity(id, input, user.Editor()), cancellationToken));

    private static async Task<NoContent> Delete(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteActivity(id, user.Editor()), cancellationToken);
        return TypedResults.NoContent();
    }
}
