using Mediator;

namespace DevRelHub.Workflows.Definitions;

/// <summary>The newest version of a workflow definition.</summary>
public sealed record WorkflowDefinitionSummary(Guid Id, string Name, int Version, bool IsPublished, DateTimeOffset CreatedAt);

/// <summary>One version of a definition with its graph. Published versions never change; the newest version may be a draft.</summary>
public sealed record WorkflowDefinitionVersion(
    Guid Id, string Name, int Version, bool IsPublished, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, WorkflowGraph Graph);

public sealed record WorkflowVersionSummary(int Version, bool IsPublished, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

/// <summary>A whole definition as a file: what export writes and import reads.</summary>
public sealed record WorkflowDefinitionDocument(string Name, WorkflowGraph Graph, string Format = WorkflowDefinitionDocument.CurrentFormat)
{
    public const string CurrentFormat = "devrelhub-workflow/1";

    /// <summary>Reads an exported file; null when the text is JSON of another shape. Malformed JSON throws <see cref="System.Text.Json.JsonException"/>.</summary>
    public static WorkflowDefinitionDocument? FromJson(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<WorkflowDefinitionDocument>(json, WorkflowGraph.Json);
}

/// <summary>A draft as saved, with what would stop it being published (an empty list: it can be).</summary>
public sealed record SavedDraft(Guid Id, int Version, IReadOnlyList<Validate.GraphProblem> Problems);

/// <summary>Starts a new workflow as an unpublished draft, version 1, with an empty graph. Names are unique.</summary>
public sealed record CreateWorkflowDefinition(string Name) : ICommand<WorkflowDefinitionSummary>;

/// <summary>Every workflow, by name, each at its newest version.</summary>
public sealed record ListWorkflowDefinitions : IQuery<IReadOnlyList<WorkflowDefinitionSummary>>;

/// <summary>A version of a definition: the one given, else the newest published one when <paramref name="PublishedOnly"/>, else the newest.</summary>
public sealed record GetWorkflowDefinition(Guid Id, int? Version = null, bool PublishedOnly = false) : IQuery<WorkflowDefinitionVersion>;

/// <summary>Every version of a definition, newest first.</summary>
public sealed record ListWorkflowVersions(Guid Id) : IQuery<IReadOnlyList<WorkflowVersionSummary>>;

/// <summary>Saves the graph as the definition's draft: the newest version when it is unpublished, else a new version after it.</summary>
public sealed record SaveWorkflowDraft(Guid Id, WorkflowGraph Graph) : ICommand<SavedDraft>;

/// <summary>Publishes the draft: validated, then immutable. Instances started from then on run it.</summary>
public sealed record PublishWorkflowDefinition(Guid Id) : ICommand<WorkflowDefinitionSummary>;

/// <summary>
/// Publishes <paramref name="Graph"/> as the first version of a workflow named <paramref name="Name"/> when the database has
/// no workflow of that name; answers its definition id. How a module ships the process it runs, which people then change in
/// the designer.
/// </summary>
public sealed record EnsurePublishedWorkflow(string Name, WorkflowGraph Graph) : IRequest<Guid>;

/// <summary>Reads an exported definition: a new workflow when its name is new, else a new draft of the one with that name.</summary>
public sealed record ImportWorkflowDefinition(WorkflowDefinitionDocument Document) : ICommand<SavedDraft>;
