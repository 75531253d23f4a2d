using DevRelHub.Metrics.Observations;
using DevRelHub.Metrics.Observations.History;
using DevRelHub.Metrics.Observations.Import;
using DevRelHub.Metrics.Observations.Record;
using DevRelHub.Metrics.Quarters;
using DevRelHub.Metrics.Quarters.Breakdowns;
using DevRelHub.Metrics.Quarters.Summary;
using DevRelHub.Metrics.Quarters.Trend;
using DevRelHub.Metrics.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Metrics;

/// <summary>Observations of what the team's work achieved, the monthly rollup kept from them, and the KPIs, breakdowns and targets read from it.</summary>
public static class MetricsModule
{
    public static IServiceCollection AddMetricsModule(this IServiceCollection services) =>
        services.AddScoped<ObservationWriter>().AddScoped<MonthlyRollup>().AddSingleton<ObservationBatcher>();

    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapGroup("/api/metrics").WithTags("Metrics");
        RecordObservationsEndpoint.Map(metrics);
        ImportObservationsEndpoint.Map(metrics);
        ObservationHistoryEndpoint.Map(metrics);
        QuarterSummaryEndpoint.Map(metrics);
        BreakdownEndpoints.Map(metrics);
        TrendEndpoint.Map(metrics);
        TargetEndpoints.Map(metrics);
        return app;
    }
}
