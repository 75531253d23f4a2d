using DevRelHub.Advocacy.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Activities.List;

internal static class ListActivitiesEndpoint
{
    public static void Map(IEndpointRouteBuilder advocacy) =>
        advocacy.MapGet("/activities", Handle)
            .RequireAuthorization()
            .WithName("ListActivities")
            .WithSummary("Activities, newest first, optionally between two dates and of one advocate.");

    private static async Task<Ok<ActivityPage>> Handle(
        ISender sender, CancellationToken cancellationToken,
        DateOnly? from = null, DateOnly? to = null, Guid? advocateId = null, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await sender.Send(new ListActivities(from, to, advocateId, page, pageSize), cancellationToken));
}
