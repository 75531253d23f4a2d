using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Workflows.Definitions.Validate;

internal static class ValidateWorkflowGraphEndpoint
{
    public sealed record Answer(bool Valid, IReadOnlyList<GraphProblem> Problems);

    public static void Map(IEndpointRouteBuilder workflows) =>
        workflows.MapPost("/definitions/validate", Handle)
            .WithName("ValidateWorkflowGraph")
            .WithSummary("Every problem of a workflow graph at once, with the nodes each concerns.");

    private static async Task<Ok<Answer>> Handle(WorkflowGraph graph, ISender sender, CancellationToken cancellationToken)
    {
        var problems = await sender.Send(new ValidateWorkflowGraph(graph), cancellationToken);
        return TypedResults.Ok(new Answer(problems.Count == 0, problems));
    }
}
