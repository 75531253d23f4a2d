using System.Security.Claims;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Metrics.Observations.Record;

internal static class RecordObservationsEndpoint
{
    public static void Map(IEndpointRouteBuilder metrics) =>
        metrics.MapPost("/observations", Handle)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Advocate, Roles.Admin))
            .WithName("RecordObservations")
            .WithSummary($"Stores a JSON array of up to {RecordObservations.MaxBatch:N0} observations: all, or none when one is wrong. Re-sending (source, externalId, observedOn) updates the value and keeps the old one as a correction.");

    private static async Task<Ok<ObservationBatchResult>> Handle(IReadOnlyList<ObservationInput> observations, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RecordObservations(observations, user.Email()), cancellationToken));
}
