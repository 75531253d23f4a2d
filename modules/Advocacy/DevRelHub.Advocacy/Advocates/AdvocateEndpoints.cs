using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Advocates;

internal static class AdvocateEndpoints
{
    public static void Map(IEndpointRouteBuilder advocacy)
    {
        advocacy.MapGet("/advocates", List)
            .RequireAuthorization()
            .WithName("ListAdvocates");
        advocacy.MapPost("/advocates", Create)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithName("CreateAdvocate")
            .WithSummary("Adds a member to the team (Admin).");
    }

    private static async Task<Ok<IReadOnlyList<AdvocateSummary>>> List(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListAdvocates(), cancellationToken));

    private static async Task<Created<AdvocateSummary>> Create(CreateAdvocate request, ISender sender, CancellationToken cancellationToken)
    {
        var advocate = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/advocacy/advocates/{advocate.Id}", advocate);
    }
}
