using DevRelHub.Advocacy.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Advocates.List;

internal static class ListAdvocatesEndpoint
{
    public static void Map(IEndpointRouteBuilder advocacy) =>
        advocacy.MapGet("/advocates", Handle)
            .RequireAuthorization()
            .WithName("ListAdvocates");

    private static async Task<Ok<IReadOnlyList<AdvocateSummary>>> Handle(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListAdvocates(), cancellationToken));
}
