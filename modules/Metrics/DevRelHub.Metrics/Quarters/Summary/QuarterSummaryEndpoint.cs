using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Metrics.Quarters.Summary;

internal static class QuarterSummaryEndpoint
{
    public static void Map(IEndpointRouteBuilder metrics) =>
        metrics.MapGet("/quarters/{quarter}/summary", Handle)
            .RequireAuthorization()
            .WithName("GetQuarterSummary")
            .WithSummary("A quarter's awareness (quarter written 2026-Q3) and the totals it is made of.");

    private static async Task<Ok<QuarterSummary>> Handle(Quarter quarter, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetQuarterSummary(quarter), cancellationToken));
}
