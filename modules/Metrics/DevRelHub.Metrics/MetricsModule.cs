using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Metrics;

/// <summary>Observations of what the team's work achieved, and the KPIs made of them.</summary>
public static class MetricsModule
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapGroup("/api/metrics").WithTags("Metrics");
        metrics.MapPost("/observations", RecordObservation)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Advocate, Roles.Admin))
            .WithName("RecordObservation")
            .WithSummary("Records a number observed about an activity.");
        metrics.MapGet("/quarters/{quarter}/summary", Summary)
            .RequireAuthorization()
            .WithName("GetQuarterSummary")
            .WithSummary("A quarter's awareness (quarter written 2026-Q3) and the totals it is made of.");
        return app;
    }

    private static async Task<Created<ObservationSummary>> RecordObservation(RecordObservation request, ISender sender, CancellationToken cancellationToken)
    {
        var observation = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/metrics/observations/{observation.Id}", observation);
    }

    private static async Task<Ok<QuarterSummary>> Summary(Quarter quarter, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetQuarterSummary(quarter), cancellationToken));
}
