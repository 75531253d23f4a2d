using DevRelHub.Advocacy.Activities.Get;
using DevRelHub.Advocacy.Activities.List;
using DevRelHub.Advocacy.Activities.Log;
using DevRelHub.Advocacy.Advocates.Create;
using DevRelHub.Advocacy.Advocates.List;
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
        ListAdvocatesEndpoint.Map(advocacy);
        CreateAdvocateEndpoint.Map(advocacy);
        ListActivitiesEndpoint.Map(advocacy);
        GetActivityEndpoint.Map(advocacy);
        LogActivityEndpoint.Map(advocacy);
        return app;
    }
}
