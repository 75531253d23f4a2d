using DevRelHub.Workflows.Definitions;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Workflows;

/// <summary>
/// The workflow engine's HTTP face. The engine knows no module and no role names: the host says which
/// roles may read and design workflows.
/// </summary>
public static class WorkflowsModule
{
    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app, string[] designerRoles)
    {
        var workflows = app.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization(policy => policy.RequireRole(designerRoles));
        workflows.MapGet("/definitions", List)
            .WithName("ListWorkflowDefinitions")
            .WithSummary("Every workflow, each at its newest version.");
        workflows.MapPost("/definitions", Create)
            .WithName("CreateWorkflowDefinition")
            .WithSummary("Starts a new workflow as an unpublished draft.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<WorkflowDefinitionSummary>>> List(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListWorkflowDefinitions(), cancellationToken));

    private static async Task<Created<WorkflowDefinitionSummary>> Create(CreateWorkflowDefinition request, ISender sender, CancellationToken cancellationToken)
    {
        var definition = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/workflows/definitions/{definition.Id}", definition);
    }
}
