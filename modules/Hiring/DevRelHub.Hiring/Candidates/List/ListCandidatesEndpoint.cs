using DevRelHub.Hiring.Contracts;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Hiring.Candidates.List;

internal static class ListCandidatesEndpoint
{
    public static void Map(IEndpointRouteBuilder hiring) =>
        hiring.MapGet("/candidates", Handle)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Recruiter, Roles.HiringManager, Roles.Admin))
            .WithName("ListCandidates")
            .WithSummary("Candidates by name, a page at a time.");

    private static async Task<Ok<CandidatePage>> Handle(ISender sender, CancellationToken cancellationToken, string? search = null, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await sender.Send(new ListCandidates(search, page, pageSize), cancellationToken));
}
