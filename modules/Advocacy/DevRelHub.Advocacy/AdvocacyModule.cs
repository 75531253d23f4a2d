using DevRelHub.Advocacy.Activities;
using DevRelHub.Advocacy.Advocates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy;

/// <summary>Advocates and the work they log.</summary>
public static class AdvocacyModule
{
    public static IEndpointRouteBuilder MapAdvocacyEndpoints(this IEndpointRouteBuilder app)
    {
        var advocacy = app.MapGroup("/api/advocacy").WithTags("Advocacy");
        AdvocateEndpoints.Map(advocacy);
        ActivityEndpoints.Map(advocacy);
        return app;
    }
}
