using DevRelHub.Hiring.Contracts;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Hiring.Candidates.Create;

internal static class CreateCandidateEndpoint
{
    public static void Map(IEndpointRouteBuilder hiring) =>
        hiring.MapPost("/candidates", Handle)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Recruiter, Roles.Admin))
            .WithName("CreateCandidate")
            .WithSummary("Records a new candidate.");

    private static async Task<Created<CandidateSummary>> Handle(CreateCandidate request, ISender sender, CancellationToken cancellationToken)
    {
        var candidate = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/hiring/candidates/{candidate.Id}", candidate);
    }
}
