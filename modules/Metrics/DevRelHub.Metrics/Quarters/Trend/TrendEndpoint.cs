using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Metrics.Quarters.Trend;

internal static class TrendEndpoint
{
    public static void Map(IEndpointRouteBuilder metrics) =>
        metrics.MapGet("/quarters/{quarter}/trend", Handle).RequireAuthorization()
            .WithName("GetTrend")
            .WithSummary($"Awareness (per month too) and involvement for the quarters up to this one, oldest first (?quarters=, 8 unless said, at most {GetTrend.MaxQuarters}).");

    private static async Task<Ok<IReadOnlyList<TrendPoint>>> Handle(Quarter quarter, int? quarters, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetTrend(quarter, quarters ?? 8), cancellationToken));
}
