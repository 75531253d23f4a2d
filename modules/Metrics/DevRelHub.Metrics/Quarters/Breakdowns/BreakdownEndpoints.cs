using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Metrics.Quarters.Breakdowns;

internal static class BreakdownEndpoints
{
    private static readonly string Choices = string.Join("|", Enum.GetNames<BreakdownBy>().Select(name => name.ToLowerInvariant()));

    public static void Map(IEndpointRouteBuilder metrics)
    {
        metrics.MapGet("/quarters/{quarter}/breakdown", Breakdown).RequireAuthorization()
            .WithName("GetBreakdown")
            .WithSummary($"A quarter's awareness by {Choices} (?by=), largest first, each with its change on the quarter before and the year before.");
        metrics.MapGet("/quarters/{quarter}/activities", Activities).RequireAuthorization()
            .WithName("ListActivityAwareness")
            .WithSummary($"The activities behind a figure, largest first: all of the quarter's, or one breakdown row's (?by={Choices}&key= the row's key).");
    }

    private static async Task<Results<Ok<Breakdown>, ProblemHttpResult>> Breakdown(Quarter quarter, string? by, ISender sender, CancellationToken cancellationToken) =>
        Parse(by) is { } parsed
            ? TypedResults.Ok(await sender.Send(new GetBreakdown(quarter, parsed), cancellationToken))
            : NotAChoice(by);

    private static async Task<Results<Ok<IReadOnlyList<ActivityAwareness>>, ProblemHttpResult>> Activities(
        Quarter quarter, string? by, string? key, int? top, ISender sender, CancellationToken cancellationToken)
    {
        if (by is not null && Parse(by) is null)
        {
            return NotAChoice(by);
        }
        return TypedResults.Ok(await sender.Send(new ListActivityAwareness(quarter, Parse(by), key, top ?? 500), cancellationToken));
    }

    private static BreakdownBy? Parse(string? by) =>
        Enum.GetValues<BreakdownBy>().Select(value => (BreakdownBy?)value).FirstOrDefault(value => string.Equals(value.ToString(), by, StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult NotAChoice(string? by) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid",
            detail: $"'{by}' is not a breakdown; use by={Choices}.");
}
