using System.Text.Json.Nodes;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Runtime;
using Mediator;

namespace DevRelHub.Workflows.Instances;

// The runtime's writes are IRequest, not ICommand: the engine owns their transactions, because a run that
// lost a race to another writer is retried from a fresh read, which a surrounding transaction would forbid.

/// <summary>Starts an instance of a published version (the newest when <paramref name="Version"/> is null).</summary>
public sealed record StartWorkflow(Guid DefinitionId, int? Version = null, string? CorrelationKey = null, JsonObject? Variables = null, string Actor = "system")
    : IRequest<RunResult>;

/// <summary>Resumes a bookmark with a stimulus; applied once, however many callers race.</summary>
public sealed record ResumeBookmark(Guid BookmarkId, Stimulus Stimulus) : IRequest<RunResult>;

public sealed record CancelWorkflowInstance(Guid InstanceId, string Actor) : IRequest<RunResult>;

/// <summary>Runs a faulted instance again from the failed step, after merging <paramref name="Variables"/> (a corrected value) into its variables.</summary>
public sealed record RetryWorkflowInstance(Guid InstanceId, string Actor, JsonObject? Variables = null) : IRequest<RunResult>;

public sealed record MigrateWorkflowInstance(Guid InstanceId, int ToVersion, string Actor) : IRequest<RunResult>;

/// <summary>Instances, newest first, filtered by any of definition, status and correlation key.</summary>
public sealed record ListWorkflowInstances(Guid? DefinitionId = null, WorkflowStatus? Status = null, string? CorrelationKey = null, int Page = 1, int PageSize = 50)
    : IQuery<InstancePage>;

/// <summary>An instance with its bookmarks and the first page of its journal.</summary>
public sealed record GetWorkflowInstance(Guid InstanceId, int JournalPageSize = 50) : IQuery<WorkflowInstanceDetails>;

/// <summary>The journal entries after <paramref name="After"/>, in order.</summary>
public sealed record GetWorkflowJournal(Guid InstanceId, int After = 0, int Limit = 50) : IQuery<JournalPage>;
