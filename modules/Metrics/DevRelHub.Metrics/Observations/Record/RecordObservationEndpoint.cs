using DevRelHub.Metrics.Contracts;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Metrics.Observations.Record;

internal static class RecordObservationEndpoint
{
    public static void Map(IEndpointRouteBuilder metrics) =>
        metrics.MapPost("/observations", Handle)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Advocate, Roles.Admin))
            .WithName("RecordObservation")
            .WithSummary("Records a number observed about an activity.");

    private static async Task<Created<ObservationSummary>> Handle(RecordObservation request, ISender sender, CancellationToken cancellationToken)
    {
        var observation = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/metrics/observations/{observation.Id}", observation);
    }
}
