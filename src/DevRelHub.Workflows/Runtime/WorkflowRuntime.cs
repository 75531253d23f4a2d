using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Outbox;

namespace DevRelHub.Workflows.Runtime;

/// <summary>
/// Runs workflow instances. Each call is one transaction: read the instance, run its automatic nodes until
/// every path waits or ends, then save instance, bookmarks, journal and outbox together. A resume consumes
/// its bookmark in that same transaction, so a stimulus applies once however many callers race for it; a
/// run that finds the instance changed under it starts again from a fresh read.
/// </summary>
public sealed class WorkflowRuntime
{
    private readonly WriteGate gate;
    private readonly WorkflowDefinitionCache definitions;
    private readonly ActivityRegistry activities;
    private readonly TimeProvider clock;
    private readonly WorkflowEngineOptions options;

    internal WorkflowRuntime(WriteGate gate, WorkflowDefinitionCache definitions, ActivityRegistry activities,
        TimeProvider clock, WorkflowEngineOptions options)
    {
        this.gate = gate;
        this.definitions = definitions;
        this.activities = activities;
        this.clock = clock;
        this.options = options;
    }

    /// <summary>Starts an instance of a published version (the newest when <paramref name="version"/> is null) and runs it until it waits.</summary>
    /// <param name="before">A module's own writes for this start (the application the instance runs), in the same transaction, before the first node runs; given the new instance's id.</param>
    public Task<RunResult> StartAsync(Guid definitionId, int? version, string? correlationKey, JsonObject? variables, string actor, CancellationToken cancellationToken,
        Func<IWorkflowTransaction, Guid, Task>? before = null) =>
        WriteAsync(async tx =>
        {
            var workflow = await definitions.PublishedAsync(tx, definitionId, version);
            var now = clock.GetUtcNow();
            var row = new InstanceRow
            {
                Id = Guid.CreateVersion7(now),
                DefinitionId = definitionId,
                DefinitionVersion = workflow.Version,
                CorrelationKey = correlationKey,
                CreatedAt = now,
            };
            if (before is not null)
            {
                await before(tx, row.Id);
            }
            var run = new Run(row, workflow, variables?.DeepClone().AsObject() ?? [], now);
            run.Log(JournalEvent.Started, null, null, actor: actor, detail: $"version {workflow.Version}");
            if (workflow.Start is { } start)
            {
                await ExecuteAsync(tx, run, new Queue<ScheduledStep>([new ScheduledStep(start.Id, null)]));
            }
            return await SaveAsync(tx, run, isNew: true);
        }, cancellationToken);

    /// <summary>Resumes a bookmark with a stimulus; exactly one caller wins it, the others get a <see cref="ConflictException"/>.</summary>
    /// <param name="before">A module's own writes for this stimulus (a submitted scorecard), in the same transaction, before the node resumes; given the instance's id.</param>
    public Task<RunResult> ResumeAsync(Guid bookmarkId, Stimulus stimulus, CancellationToken cancellationToken, Func<IWorkflowTransaction, Guid, Task>? before = null) =>
        WriteAsync(async tx => await ResumeAsync(tx, await InstanceStore.ConsumeBookmarkAsync(tx, bookmarkId), $"Bookmark {bookmarkId}", stimulus, before)
            ?? throw new ConflictException($"Bookmark {bookmarkId} was already resumed, or never existed; nothing was changed."), cancellationToken);

    /// <summary>
    /// Resumes what an instance waits for at a node, as an activity of <paramref name="activityType"/>, without its
    /// bookmark's id (a scorecard for a panel: reading the instance's bookmarks first was a round trip of its own).
    /// Answers null, having written nothing, when the instance waits for no such thing there; as
    /// <see cref="ResumeAsync(Guid, Stimulus, CancellationToken, Func{IWorkflowTransaction, Guid, Task}?)"/> otherwise.
    /// </summary>
    public Task<RunResult?> ResumeAtAsync(Guid instanceId, string nodeId, string activityType, Stimulus stimulus, CancellationToken cancellationToken,
        Func<IWorkflowTransaction, Guid, Task>? before = null) =>
        WriteAsync(async tx =>
            await ResumeAsync(tx, await InstanceStore.ConsumeBookmarkAtAsync(tx, instanceId, nodeId, activityType), $"The bookmark of {nodeId}", stimulus, before),
            cancellationToken);

    private async Task<RunResult?> ResumeAsync(WorkflowTransaction tx, (InstanceRow? Row, bool Consumed) bookmark, string name, Stimulus stimulus,
        Func<IWorkflowTransaction, Guid, Task>? before)
    {
        var (row, consumed) = bookmark;
        if (row is null)
        {
            return null;
        }
        if (!consumed)
        {
            throw new ConflictException($"{name} was already resumed by another request; nothing was changed.");
        }
        if (row.CurrentStatus is not WorkflowStatus.Suspended)
        {
            throw new ConflictException($"Workflow instance {row.Id} is {row.Status}; {(row.CurrentStatus is WorkflowStatus.Faulted ? "retry it first" : "it waits for nothing")}.");
        }
        if (before is not null)
        {
            await before(tx, row.Id);
        }
        var run = await LoadRunAsync(tx, row);
        run.OpenBookmarks--;
        await ExecuteAsync(tx, run, new Queue<ScheduledStep>([new ScheduledStep(row.BookmarkNodeId!, stimulus)]));
        return await SaveAsync(tx, run, isNew: false);
    }

    /// <summary>Stops an instance: its bookmarks are removed and it never runs again.</summary>
    /// <param name="before">A module's own writes for this cancellation (a withdrawn application), in the same transaction.</param>
    public Task<RunResult> CancelAsync(Guid instanceId, string actor, CancellationToken cancellationToken, Func<IWorkflowTransaction, Guid, Task>? before = null) =>
        WriteAsync(async tx =>
        {
            var row = await InstanceAsync(tx, instanceId);
            if (row.CurrentStatus is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            {
                throw new ConflictException($"Workflow instance {instanceId} is already {row.Status}.");
            }
            if (before is not null)
            {
                await before(tx, instanceId);
            }
            await InstanceStore.DeleteBookmarksAsync(tx, instanceId);
            var run = await LoadRunAsync(tx, row);
            run.Execution.Pending.Clear();
            run.OpenBookmarks = 0;
            run.Status = WorkflowStatus.Cancelled;
            run.Incident = null;
            run.Log(JournalEvent.Cancelled, null, null, actor: actor);
            return await SaveAsync(tx, run, isNew: false);
        }, cancellationToken);

    /// <summary>
    /// Runs a faulted instance again from the step that threw, with the steps that were waiting behind it;
    /// <paramref name="variables"/> (the value that was missing, corrected) are merged in first.
    /// </summary>
    public Task<RunResult> RetryAsync(Guid instanceId, string actor, JsonObject? variables, CancellationToken cancellationToken) =>
        WriteAsync(async tx =>
        {
            var row = await InstanceAsync(tx, instanceId);
            if (row.CurrentStatus is not WorkflowStatus.Faulted)
            {
                throw new ConflictException($"Workflow instance {instanceId} is {row.Status}, not faulted; there is nothing to retry.");
            }
            var run = await LoadRunAsync(tx, row);
            var pending = new Queue<ScheduledStep>(run.Execution.Pending);
            run.Execution.Pending.Clear();
            run.Incident = null;
            run.Status = WorkflowStatus.Suspended;
            foreach (var (name, value) in variables ?? [])
            {
                run.Variables[name] = value?.DeepClone();
            }
            run.Log(JournalEvent.Retried, pending.TryPeek(out var first) ? first.NodeId : null, null, actor: actor);
            await ExecuteAsync(tx, run, pending);
            return await SaveAsync(tx, run, isNew: false);
        }, cancellationToken);

    /// <summary>
    /// Moves a waiting or faulted instance to another published version, when every node it waits on (or
    /// would retry) exists there as the same activity type; otherwise refuses, naming the nodes.
    /// </summary>
    public Task<RunResult> MigrateAsync(Guid instanceId, int toVersion, string actor, CancellationToken cancellationToken) =>
        WriteAsync(async tx =>
        {
            var row = await InstanceAsync(tx, instanceId);
            if (row.CurrentStatus is not (WorkflowStatus.Suspended or WorkflowStatus.Faulted))
            {
                throw new ConflictException($"Workflow instance {instanceId} is {row.Status}; only waiting or faulted instances move to another version.");
            }
            if (row.DefinitionVersion == toVersion)
            {
                throw new ConflictException($"Workflow instance {instanceId} already runs version {toVersion}.");
            }
            var target = await definitions.PublishedAsync(tx, row.DefinitionId, toVersion);
            var run = await LoadRunAsync(tx, row);
            var waiting = (await InstanceStore.WaitingNodesAsync(tx, instanceId))
                .Concat(run.Execution.Pending.Select(step => (step.NodeId, ActivityType: run.Workflow.Node(step.NodeId)?.ActivityType ?? "")));
            var missing = waiting
                .Where(node => target.Node(node.NodeId)?.ActivityType != node.ActivityType)
                .Select(node => $"{node.NodeId} ({node.ActivityType})")
                .Distinct()
                .ToList();
            if (missing.Count > 0)
            {
                throw new ConflictException(
                    $"Version {toVersion} has no {string.Join(", ", missing)}, which this instance waits on; it stays on version {row.DefinitionVersion}.");
            }
            run.Log(JournalEvent.Migrated, null, null, actor: actor, detail: $"version {row.DefinitionVersion} → {toVersion}");
            run.Workflow = target;
            return await SaveAsync(tx, run, isNew: false);
        }, cancellationToken);

    /// <summary>
    /// Forgets what an instance knew of the people it ran for: its variables, its pending steps, its journal's
    /// details, its bookmarks, its unsent mail and the addresses, subjects, bodies and attachments of the mail it sent. What
    /// it did stays — nodes, outcomes, actors, times — so statistics still count it. A running instance ends
    /// cancelled. <paramref name="before"/> is the module's own erasing, in the same transaction.
    /// </summary>
    public Task EraseAsync(Guid instanceId, CancellationToken cancellationToken, Func<IWorkflowTransaction, Guid, Task>? before = null) =>
        WriteAsync(async tx =>
        {
            if (before is not null)
            {
                await before(tx, instanceId);
            }
            await tx.Connection.ExecuteAsync(tx.Command(EraseInstance, new { Id = instanceId, Cancelled = nameof(WorkflowStatus.Cancelled), UpdatedAt = clock.GetUtcNow() }));
            return true;
        }, cancellationToken);

    private const string EraseInstance = """
        UPDATE workflow_instance SET variables = '{}', execution = NULL, incident = NULL, open_bookmarks = 0, revision = revision + 1, updated_at = @UpdatedAt,
            status = CASE WHEN status IN ('Finished', 'Cancelled') THEN status ELSE @Cancelled END
        WHERE id = @Id;
        DELETE FROM workflow_bookmark WHERE instance_id = @Id;
        UPDATE workflow_journal SET detail = NULL WHERE instance_id = @Id;
        DELETE FROM workflow_outbox WHERE instance_id = @Id AND sent_at IS NULL;
        UPDATE workflow_outbox SET to_address = 'erased@invalid', subject = '(erased)', body = '', attachments = NULL WHERE instance_id = @Id;
        """;

    private Task<T> WriteAsync<T>(Func<WorkflowTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WorkflowTransaction.RunAsync(gate, options.ConflictRetries, work, cancellationToken);

    private static async Task<InstanceRow> InstanceAsync(WorkflowTransaction tx, Guid instanceId) =>
        await InstanceStore.InstanceAsync(tx, instanceId) ?? throw new NotFoundException($"There is no workflow instance {instanceId}.");

    private async Task<Run> LoadRunAsync(WorkflowTransaction tx, InstanceRow row)
    {
        var workflow = await definitions.PublishedAsync(tx, row.DefinitionId, row.DefinitionVersion);
        return new Run(row, workflow, JsonNode.Parse(row.Variables)?.AsObject() ?? [], clock.GetUtcNow())
        {
            Execution = ExecutionState.Read(row.Execution),
            OpenBookmarks = row.OpenBookmarks,
            Incident = row.Incident,
            Status = row.CurrentStatus,
        };
    }

    private async Task ExecuteAsync(WorkflowTransaction tx, Run run, Queue<ScheduledStep> queue)
    {
        var steps = 0;
        while (queue.TryDequeue(out var step))
        {
            if (++steps > options.MaxStepsPerRun)
            {
                Fault(run, step, queue, $"The workflow ran {options.MaxStepsPerRun} steps without waiting for anything.");
                return;
            }
            var node = run.Workflow.Node(step.NodeId);
            if (node is null || activities.Find(node.ActivityType) is not { } activity)
            {
                Fault(run, step, queue, node is null
                    ? $"Node {step.NodeId} is not in version {run.Workflow.Version}."
                    : $"Node {node.Id}: there is no activity type {node.ActivityType} in this host.");
                return;
            }
            var type = activity.Descriptor.Type;
            run.Log(step.Stimulus is null ? JournalEvent.Entered : JournalEvent.Resumed, node.Id, type, actor: step.Stimulus?.Actor);
            if (!run.Execution.Nodes.TryGetValue(node.Id, out var nodeState))
            {
                nodeState = [];
            }
            var context = new ActivityContext(run.Instance.Id, run.Instance.CorrelationKey, node, activity.Descriptor, run.Variables, nodeState,
                run.Workflow.Incoming(node.Id), run.Now, options.SupervisorRoles, email => run.Emails.Add(new NewEmail(
                    Guid.CreateVersion7(run.Now), run.Instance.Id, node.Id, email.To, email.Subject, email.Body, OutboxAttachments.Write(email.Attachments), run.Now)),
                tx);
            ActivityResult result;
            try
            {
                result = step.Stimulus is { } stimulus ? await ResumeAsync(activity, context, stimulus) : await activity.ExecuteAsync(context);
            }
            catch (Exception e) when (e is not (StimulusRefusedException or OperationCanceledException))
            {
                Fault(run, step, queue, $"{node.Name ?? node.Id} ({type}) failed: {e.Message}");
                return;
            }
            if (nodeState.Count > 0)
            {
                run.Execution.Nodes[node.Id] = nodeState;
            }
            else
            {
                run.Execution.Nodes.Remove(node.Id);
            }
            if (result.Suspends)
            {
                run.Suspend(node.Id, type, result);
                continue;
            }
            run.Log(JournalEvent.Completed, node.Id, type, outcome: result.Outcome);
            if (result.Outcome is { } outcome)
            {
                foreach (var target in run.Workflow.Targets(node.Id, outcome))
                {
                    queue.Enqueue(new ScheduledStep(target, null));
                }
            }
        }
    }

    private ValueTask<ActivityResult> ResumeAsync(Activity activity, ActivityContext context, Stimulus stimulus)
    {
        if (activity.Descriptor.Behaviour is ActivityBehaviour.Timer && stimulus.Roles is { } roles && !roles.Any(options.SupervisorRoles.Contains))
        {
            throw new StimulusRefusedException($"{context.Node.Name ?? context.Node.Id} waits for its time; only the engine or a supervisor ends the wait.", forbidden: true);
        }
        foreach (var (name, value) in stimulus.Variables ?? [])
        {
            context.Variables[name] = value?.DeepClone();
        }
        return activity.ResumeAsync(context, stimulus);
    }

    private static void Fault(Run run, ScheduledStep step, Queue<ScheduledStep> queue, string incident)
    {
        run.Status = WorkflowStatus.Faulted;
        run.Incident = incident.Length > 2000 ? incident[..2000] : incident;
        run.Execution.Pending = [step, .. queue];
        run.Log(JournalEvent.Faulted, step.NodeId, run.Workflow.Node(step.NodeId)?.ActivityType, detail: incident);
    }

    private static async Task<RunResult> SaveAsync(WorkflowTransaction tx, Run run, bool isNew)
    {
        if (run.Status is not (WorkflowStatus.Faulted or WorkflowStatus.Cancelled))
        {
            run.Status = run.OpenBookmarks > 0 ? WorkflowStatus.Suspended : WorkflowStatus.Finished;
            if (run.Status is WorkflowStatus.Finished)
            {
                run.Log(JournalEvent.Finished, null, null);
            }
        }
        var row = run.Instance;
        var status = run.Status.ToString();
        var statusChanged = row.Status != status;
        row.DefinitionVersion = run.Workflow.Version;
        row.Status = status;
        row.Variables = run.Variables.ToJsonString();
        row.Execution = run.Execution.Write();
        row.Incident = run.Incident;
        row.OpenBookmarks = run.OpenBookmarks;
        row.JournalLength += run.Journal.Count;
        row.UpdatedAt = run.Now;
        await InstanceStore.SaveAsync(tx, row, isNew, statusChanged, run.Bookmarks, run.Journal, run.Emails);
        return new RunResult(row.Id, run.Status,
            [.. run.Bookmarks.Select(b => new Bookmark(b.Id, b.InstanceId, b.NodeId, b.ActivityType, b.DueAt, b.Data, b.CreatedAt))],
            run.Incident);
    }

    /// <summary>One run's working state: the instance and everything it will save.</summary>
    private sealed class Run(InstanceRow instance, CompiledWorkflow workflow, JsonObject variables, DateTimeOffset now)
    {
        public InstanceRow Instance { get; } = instance;
        public CompiledWorkflow Workflow { get; set; } = workflow;
        public JsonObject Variables { get; } = variables;
        public DateTimeOffset Now { get; } = now;
        public ExecutionState Execution { get; init; } = new();
        public WorkflowStatus Status { get; set; } = WorkflowStatus.Suspended;
        public string? Incident { get; set; }
        public int OpenBookmarks { get; set; }
        public List<NewBookmark> Bookmarks { get; } = [];
        public List<NewJournalEntry> Journal { get; } = [];
        public List<NewEmail> Emails { get; } = [];

        public void Log(JournalEvent journalEvent, string? nodeId, string? activityType, string? outcome = null, string? actor = null, string? detail = null) =>
            Journal.Add(new NewJournalEntry(Instance.Id, Instance.JournalLength + Journal.Count + 1, Now, journalEvent.ToString(),
                nodeId, activityType, outcome, actor, detail is { Length: > 2000 } ? detail[..2000] : detail));

        public void Suspend(string nodeId, string activityType, ActivityResult result)
        {
            Bookmarks.Add(new NewBookmark(Guid.CreateVersion7(Now), Instance.Id, nodeId, activityType, result.DueAt, result.Data, Now));
            OpenBookmarks++;
            Log(JournalEvent.Suspended, nodeId, activityType,
                detail: result.DueAt is { } due ? "until " + due.ToString("u", CultureInfo.InvariantCulture) : null);
        }
    }
}
