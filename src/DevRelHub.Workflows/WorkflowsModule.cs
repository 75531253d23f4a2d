using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Activities.List;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Definitions.Validate;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Workflows;

/// <summary>
/// The workflow engine's registrations and HTTP face. The engine knows no module and no role names:
/// modules register their activity descriptors, and the host says which roles edit workflows.
/// </summary>
public static class WorkflowsModule
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddSingleton<ActivityRegistry>();
        services.AddSingleton<WorkflowGraphValidator>();
        return services;
    }

    /// <summary>Everyone signed in reads workflows; <paramref name="editorRoles"/> create and change them.</summary>
    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app, string[] editorRoles)
    {
        var workflows = app.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization();
        ListActivityTypesEndpoint.Map(workflows);
        ValidateWorkflowGraphEndpoint.Map(workflows);
        workflows.MapGet("/definitions", List)
            .WithName("ListWorkflowDefinitions")
            .WithSummary("Every workflow, each at its newest version.");
        workflows.MapPost("/definitions", Create)
            .RequireAuthorization(policy => policy.RequireRole(editorRoles))
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
