using DevRelHub.Metrics.Observations.Record;
using DevRelHub.Metrics.Quarters.Summary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Metrics;

/// <summary>Observations of what the team's work achieved, and the KPIs made of them.</summary>
public static class MetricsModule
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapGroup("/api/metrics").WithTags("Metrics");
        RecordObservationEndpoint.Map(metrics);
        QuarterSummaryEndpoint.Map(metrics);
        return app;
    }
}
