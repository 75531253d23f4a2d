using DevRelHub.Hiring.Candidates.Create;
using DevRelHub.Hiring.Candidates.List;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Hiring;

/// <summary>Openings, candidates and the hiring process.</summary>
public static class HiringModule
{
    public static IEndpointRouteBuilder MapHiringEndpoints(this IEndpointRouteBuilder app)
    {
        var hiring = app.MapGroup("/api/hiring").WithTags("Hiring");
        ListCandidatesEndpoint.Map(hiring);
        CreateCandidateEndpoint.Map(hiring);
        return app;
    }
}
