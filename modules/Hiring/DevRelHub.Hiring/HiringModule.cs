using DevRelHub.Hiring.Candidates.Create;
using DevRelHub.Hiring.Candidates.List;
using DevRelHub.Hiring.Openings;
using DevRelHub.Hiring.Pipeline;
using DevRelHub.Hiring.Privacy;
using DevRelHub.Hiring.Process;
using DevRelHub.Hiring.Templates;
using DevRelHub.Workflows.Activities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Hiring;

/// <summary>Openings, candidates and the hiring process, with the activities it contributes to the workflow engine.</summary>
public static class HiringModule
{
    public static IServiceCollection AddHiringModule(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new HiringOptions();
        configuration.GetSection("Hiring").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<PipelineChanges>();
        services.AddActivity<ScreeningCallActivity>();
        services.AddActivity<HiringManagerInterviewActivity>();
        services.AddActivity<PanelPresentationActivity>();
        services.AddActivity<FinalInterviewActivity>();
        services.AddActivity<OfferActivity>();
        services.AddActivity<DeclineActivity>();
        if (options.RetainDeclinedMonths > 0)
        {
            services.AddHostedService<RetentionService>();
        }
        return services;
    }

    public static IEndpointRouteBuilder MapHiringEndpoints(this IEndpointRouteBuilder app)
    {
        var hiring = app.MapGroup("/api/hiring").WithTags("Hiring");
        ListCandidatesEndpoint.Map(hiring);
        CreateCandidateEndpoint.Map(hiring);
        OpeningEndpoints.Map(hiring);
        HiringEndpoints.Map(hiring);
        EmailTemplateEndpoints.Map(hiring);
        return app;
    }
}
