using DevRelHub.Advocacy.Activities;
using DevRelHub.Advocacy.Advocates;
using DevRelHub.Advocacy.Contributions;
using DevRelHub.Advocacy.Events;
using DevRelHub.Advocacy.Imports;
using DevRelHub.Advocacy.Invitations;
using DevRelHub.Advocacy.Travel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Advocacy;

/// <summary>Advocates and the work they log: activities, events and CFPs, travel, invitations, community contributions.</summary>
public static class AdvocacyModule
{
    public static IServiceCollection AddAdvocacyModule(this IServiceCollection services) =>
        services.AddScoped<CfpReminders>().AddScoped<HiredCandidates>().AddSingleton<AdvocacyChanges>();

    public static IEndpointRouteBuilder MapAdvocacyEndpoints(this IEndpointRouteBuilder app)
    {
        var advocacy = app.MapGroup("/api/advocacy").WithTags("Advocacy");
        AdvocateEndpoints.Map(advocacy);
        ActivityEndpoints.Map(advocacy);
        EventEndpoints.Map(advocacy);
        TravelEndpoints.Map(advocacy);
        InvitationEndpoints.Map(advocacy);
        ContributionEndpoints.Map(advocacy);
        ImportEndpoints.Map(advocacy);
        return app;
    }
}
