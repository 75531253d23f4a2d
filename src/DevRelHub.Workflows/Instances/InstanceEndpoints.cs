using System.Security.Claims;
using System.Text.Json.Nodes;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Runtime;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Workflows.Instances;

internal static class InstanceEndpoints
{
    public sealed record StartBody(Guid DefinitionId, int? Version, string? CorrelationKey, JsonObject? Variables);

    public sealed record MigrateBody(int ToVersion);

    public sealed record RetryBody(JsonObject? Variables);

    /// <summary>A person's answer to a waiting step: the outcome they chose and values to keep in the workflow's variables.</summary>
    public sealed record ResumeBody(string? Outcome, JsonObject? Variables);

    public static void Map(RouteGroupBuilder workflows, string[] editorRoles)
    {
        var instances = workflows.MapGroup("/instances");
        instances.MapGet("/", List).WithName("ListWorkflowInstances").WithSummary("Instances, newest first, by definition, status and correlation key.");
        instances.MapGet("/{id:guid}", Get).WithName("GetWorkflowInstance").WithSummary("An instance with its variables, bookmarks, incident and first journal page.");
        instances.MapGet("/{id:guid}/journal", Journal).WithName("GetWorkflowJournal").WithSummary("The journal after ?after=, ?limit= entries at a time.");

        var operate = instances.MapGroup("").RequireAuthorization(policy => policy.RequireRole(editorRoles));
        operate.MapPost("/", Start).WithName("StartWorkflow").WithSummary("Starts an instance of a published version and runs it until it waits.");
        operate.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelWorkflowInstance").WithSummary("Stops an instance for good.");
        operate.MapPost("/{id:guid}/retry", Retry).WithName("RetryWorkflowInstance").WithSummary("Runs a faulted instance again from the step that failed.");
        operate.MapPost("/{id:guid}/migrate", Migrate).WithName("MigrateWorkflowInstance")
            .WithSummary("Moves an instance to another published version when the nodes it waits on are there.");

        workflows.MapPost("/bookmarks/{id:guid}/resume", Resume).WithName("ResumeBookmark")
            .WithSummary("Answers a waiting step; the first answer wins, later ones get 409.");
    }

    private static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown";

    private static async Task<Ok<InstancePage>> List(Guid? definitionId, WorkflowStatus? status, string? correlationKey, int? page, int? pageSize,
        ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListWorkflowInstances(definitionId, status, correlationKey, page ?? 1, pageSize ?? 50), cancellationToken));

    private static async Task<Ok<WorkflowInstanceDetails>> Get(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetWorkflowInstance(id), cancellationToken));

    private static async Task<Ok<JournalPage>> Journal(Guid id, int? after, int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetWorkflowJournal(id, after ?? 0, limit ?? 50), cancellationToken));

    private static async Task<Created<RunResult>> Start(StartBody body, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new StartWorkflow(body.DefinitionId, body.Version, body.CorrelationKey, body.Variables, Actor(user)), cancellationToken);
        return TypedResults.Created($"/api/workflows/instances/{result.InstanceId}", result);
    }

    private static async Task<Ok<RunResult>> Cancel(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new CancelWorkflowInstance(id, Actor(user)), cancellationToken));

    private static async Task<Ok<RunResult>> Retry(Guid id, RetryBody? body, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RetryWorkflowInstance(id, Actor(user), body?.Variables), cancellationToken));

    private static async Task<Ok<RunResult>> Migrate(Guid id, MigrateBody body, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new MigrateWorkflowInstance(id, body.ToVersion, Actor(user)), cancellationToken));

    private static async Task<Ok<RunResult>> Resume(Guid id, ResumeBody body, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        var roles = user.FindAll(ClaimTypes.Role).Select(claim => claim.Value).ToList();
        return TypedResults.Ok(await sender.Send(new ResumeBookmark(id, new Stimulus(Actor(user), roles, body.Outcome, body.Variables)), cancellationToken));
    }
}
