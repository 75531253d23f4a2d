using DevRelHub.Advocacy.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Activities.Get;

internal static class GetActivityEndpoint
{
    public static void Map(IEndpointRouteBuilder advocacy) =>
        advocacy.MapGet("/activities/{id:guid}", Handle)
            .RequireAuthorization()
            .WithName("GetActivity");

    private static async Task<Results<Ok<ActivitySummary>, NotFound>> Handle(Guid id, ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetActivity(id), cancellationToken) is { } activity ? TypedResults.Ok(activity) : TypedResults.NotFound();
}
