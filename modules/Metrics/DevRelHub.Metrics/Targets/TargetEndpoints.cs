using System.Security.Claims;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Metrics.Targets;

internal static class TargetEndpoints
{
    public static void Map(IEndpointRouteBuilder metrics)
    {
        var targets = metrics.MapGroup("/targets");
        targets.MapGet("/", List).RequireAuthorization()
            .WithName("ListTargets").WithSummary("Targets per quarter and KPI, for the team and per advocate; ?quarter=2026-Q3 for one quarter.");
        targets.MapPut("/", Set).RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.Executive))
            .WithName("SetTarget").WithSummary("Sets a quarter's target for a KPI, for the team or (advocateId) one advocate, replacing the one before.");
        targets.MapDelete("/{quarter}/{kpi}", Remove).RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.Executive))
            .WithName("RemoveTarget").WithSummary("Removes a quarter's target for a KPI (the team's, or ?advocateId= one advocate's).");
    }

    private static async Task<Ok<IReadOnlyList<TargetRecord>>> List(Quarter? quarter, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListTargets(quarter), cancellationToken));

    private static async Task<Ok<TargetRecord>> Set(TargetInput target, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SetTarget(target, user.Email()), cancellationToken));

    private static async Task<NoContent> Remove(Quarter quarter, KpiName kpi, Guid? advocateId, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new RemoveTarget(quarter, kpi, advocateId), cancellationToken);
        return TypedResults.NoContent();
    }
}
