using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Activities.Log;

internal static class LogActivityEndpoint
{
    public static void Map(IEndpointRouteBuilder advocacy) =>
        advocacy.MapPost("/activities", Handle)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Advocate, Roles.Admin))
            .WithName("LogActivity")
            .WithSummary("Records a piece of work by an advocate.");

    private static async Task<Created<ActivitySummary>> Handle(LogActivity request, ISender sender, CancellationToken cancellationToken)
    {
        var activity = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/advocacy/activities/{activity.Id}", activity);
    }
}
