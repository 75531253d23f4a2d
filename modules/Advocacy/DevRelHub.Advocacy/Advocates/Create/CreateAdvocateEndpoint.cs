using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Advocates.Create;

internal static class CreateAdvocateEndpoint
{
    public static void Map(IEndpointRouteBuilder advocacy) =>
        advocacy.MapPost("/advocates", Handle)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithName("CreateAdvocate")
            .WithSummary("Adds a member to the team (Admin).");

    private static async Task<Created<AdvocateSummary>> Handle(CreateAdvocate request, ISender sender, CancellationToken cancellationToken)
    {
        var advocate = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/advocacy/advocates/{advocate.Id}", advocate);
    }
}
