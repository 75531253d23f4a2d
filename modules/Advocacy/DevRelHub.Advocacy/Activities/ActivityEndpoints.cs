using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
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
        advocacy.MapGet("/activities", List)
            .RequireAuthorization()
            .WithName("ListActivities")
            .WithSummary("Activities, newest first, optionally between two dates and of one advocate.");
        advocacy.MapGet("/activities/{id:guid}", Get)
            .RequireAuthorization()
            .WithName("GetActivity");
        advocacy.MapPost("/activities", Log)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Advocate, Roles.Admin))
            .WithName("LogActivity")
            .WithSummary("Records a piece of work by an advocate.");
    }

    private static async Task<Ok<ActivityPage>> List(
        ISender sender, CancellationToken cancellationToken,
        DateOnly? from = null, DateOnly? to = null, Guid? advocateId = null, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await sender.Send(new ListActivities(from, to, advocateId, page, pageSize), cancellationToken));

    private static async Task<Results<Ok<ActivitySummary>, NotFound>> Get(Guid id, ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetActivity(id), cancellationToken) is { } activity ? TypedResults.Ok(activity) : TypedResults.NotFound();

    private static async Task<Created<ActivitySummary>> Log(LogActivity request, ISender sender, CancellationToken cancellationToken)
    {
        var activity = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/advocacy/activities/{activity.Id}", activity);
    }
}
