using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Workflows.Definitions;

internal static class DefinitionEndpoints
{
    public static void Map(RouteGroupBuilder workflows, string[] editorRoles)
    {
        var definitions = workflows.MapGroup("/definitions");
        definitions.MapGet("/", List).WithName("ListWorkflowDefinitions").WithSummary("Every workflow, each at its newest version.");
        definitions.MapGet("/{id:guid}", Get).WithName("GetWorkflowDefinition")
            .WithSummary("A workflow's newest version with its graph; ?published=true for the newest published one.");
        definitions.MapGet("/{id:guid}/versions", Versions).WithName("ListWorkflowVersions").WithSummary("Every version of a workflow, newest first.");
        definitions.MapGet("/{id:guid}/versions/{version:int}", GetVersion).WithName("GetWorkflowDefinitionVersion").WithSummary("One version of a workflow with its graph.");
        definitions.MapGet("/{id:guid}/versions/{version:int}/export", Export).WithName("ExportWorkflowDefinition")
            .WithSummary("One version as a JSON file that import reads back.");

        var edit = definitions.MapGroup("").RequireAuthorization(policy => policy.RequireRole(editorRoles));
        edit.MapPost("/", Create).WithName("CreateWorkflowDefinition").WithSummary("Starts a new workflow as an unpublished draft.");
        edit.MapPut("/{id:guid}/draft", SaveDraft).WithName("SaveWorkflowDraft")
            .WithSummary("Saves a graph as the draft (a new version after a published one); answers what would stop publishing.");
        edit.MapPost("/{id:guid}/publish", Publish).WithName("PublishWorkflowDefinition")
            .WithSummary("Publishes the draft as an immutable version; a graph with problems is refused with every problem listed.");
        edit.MapPost("/import", Import).WithName("ImportWorkflowDefinition")
            .WithSummary("Reads an exported workflow: a new workflow, or a new draft of the one with the same name.");
    }

    private static async Task<Ok<IReadOnlyList<WorkflowDefinitionSummary>>> List(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListWorkflowDefinitions(), cancellationToken));

    private static async Task<Ok<WorkflowDefinitionVersion>> Get(Guid id, bool? published, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetWorkflowDefinition(id, PublishedOnly: published ?? false), cancellationToken));

    private static async Task<Ok<IReadOnlyList<WorkflowVersionSummary>>> Versions(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListWorkflowVersions(id), cancellationToken));

    private static async Task<Ok<WorkflowDefinitionVersion>> GetVersion(Guid id, int version, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetWorkflowDefinition(id, version), cancellationToken));

    private static async Task<FileContentHttpResult> Export(Guid id, int version, ISender sender, CancellationToken cancellationToken)
    {
        var definition = await sender.Send(new GetWorkflowDefinition(id, version), cancellationToken);
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new WorkflowDefinitionDocument(definition.Name, definition.Graph), WorkflowGraph.Json);
        var fileName = string.Concat(definition.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')) + $"-v{version}.json";
        return TypedResults.File(json, "application/json", fileName);
    }

    private static async Task<Created<WorkflowDefinitionSummary>> Create(CreateWorkflowDefinition request, ISender sender, CancellationToken cancellationToken)
    {
        var definition = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/workflows/definitions/{definition.Id}", definition);
    }

    private static async Task<Ok<SavedDraft>> SaveDraft(Guid id, WorkflowGraph graph, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SaveWorkflowDraft(id, graph), cancellationToken));

    private static async Task<Ok<WorkflowDefinitionSummary>> Publish(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new PublishWorkflowDefinition(id), cancellationToken));

    private static async Task<Created<SavedDraft>> Import(WorkflowDefinitionDocument document, ISender sender, CancellationToken cancellationToken)
    {
        var saved = await sender.Send(new ImportWorkflowDefinition(document), cancellationToken);
        return TypedResults.Created($"/api/workflows/definitions/{saved.Id}/versions/{saved.Version}", saved);
    }
}
