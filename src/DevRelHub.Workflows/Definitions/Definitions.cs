using Mediator;

namespace DevRelHub.Workflows.Definitions;

/// <summary>The newest version of a workflow definition.</summary>
public sealed record WorkflowDefinitionSummary(Guid Id, string Name, int Version, bool IsPublished, DateTimeOffset CreatedAt);

/// <summary>Starts a new workflow as an unpublished draft, version 1. Names are unique.</summary>
public sealed record CreateWorkflowDefinition(string Name) : ICommand<WorkflowDefinitionSummary>;

/// <summary>Every workflow, by name, each at its newest version.</summary>
public sealed record ListWorkflowDefinitions : IQuery<IReadOnlyList<WorkflowDefinitionSummary>>;
