using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DevRelHub.Workflows.Runtime;

/// <summary>Where an instance stands once a run has saved it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
{
    /// <summary>Waiting on at least one bookmark: a person, a message or a time.</summary>
    Suspended,
    Finished,
    Cancelled,
    /// <summary>An activity threw; the incident says which and why, and retry runs it again.</summary>
    Faulted,
}

/// <summary>What happened to an instance, one row per event, numbered from 1.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JournalEvent>))]
public enum JournalEvent
{
    Started,
    Entered,
    Completed,
    Suspended,
    Resumed,
    Faulted,
    Retried,
    Cancelled,
    Migrated,
    Finished,
}

public sealed record WorkflowInstanceSummary(
    Guid Id, Guid DefinitionId, int DefinitionVersion, WorkflowStatus Status, string? CorrelationKey,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a suspended node waits for. Timers have a due time; a person's task carries its assignee in <see cref="Data"/>.</summary>
public sealed record Bookmark(Guid Id, Guid InstanceId, string NodeId, string ActivityType, DateTimeOffset? DueAt, JsonObject? Data, DateTimeOffset CreatedAt);

public sealed record JournalEntry(int Seq, DateTimeOffset At, JournalEvent Event, string? NodeId, string? ActivityType, string? Outcome, string? Actor, string? Detail);

/// <summary>A page of the journal in order; <see cref="Next"/> is the <c>after</c> of the following page, null on the last.</summary>
public sealed record JournalPage(IReadOnlyList<JournalEntry> Entries, int Total, int? Next);

/// <summary>An instance with its variables, what it waits for, why it faulted, and the first page of its journal.</summary>
public sealed record WorkflowInstanceDetails(
    WorkflowInstanceSummary Instance, JsonObject Variables, string? Incident, IReadOnlyList<Bookmark> Bookmarks, JournalPage Journal);

/// <summary>What a start, resume, retry or migration left behind.</summary>
public sealed record RunResult(Guid InstanceId, WorkflowStatus Status, IReadOnlyList<Bookmark> Bookmarks, string? Incident);

public sealed record InstancePage(IReadOnlyList<WorkflowInstanceSummary> Items, int Total);
