using DevRelHub.Hiring.Contracts;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Hiring.Candidates;

internal static class CandidateEndpoints
{
    public static void Map(IEndpointRouteBuilder hiring)
    {
        hiring.MapGet("/candidates", List)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Recruiter, Roles.HiringManager, Roles.Admin))
            .WithName("ListCandidates")
            .WithSummary("Candidates by name, a page at a time.");
        hiring.MapPost("/candidates", Create)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Recruiter, Roles.Admin))
            .WithName("CreateCandidate")
            .WithSummary("Records a new candidate.");
    }

    private static async Task<Ok<CandidatePage>> List(ISender sender, CancellationToken cancellationToken, string? search = null, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await sender.Send(new ListCandidates(search, page, pageSize), cancellationToken));

    private static async Task<Created<CandidateSummary>> Create(CreateCandidate request, ISender sender, CancellationToken cancellationToken)
    {
        var candidate = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/hiring/candidates/{candidate.Id}", candidate);
    }
}
