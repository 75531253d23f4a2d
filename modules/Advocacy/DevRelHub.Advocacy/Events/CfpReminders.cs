using System.Globalization;
using System.Text.Json.Nodes;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Instances;
using DevRelHub.Workflows.Runtime;
using Mediator;

namespace DevRelHub.Advocacy.Events;

/// <summary>
/// The workflow a draft submission runs: an e-mail to its advocate 7 days and 1 day before the CFP closes,
/// each only when that moment is still ahead when the draft is started. Editable in the designer like any
/// workflow; new drafts run the newest published version.
/// </summary>
internal static class CfpReminderProcess
{
    public const string Name = "CFP deadline reminders";

    public static WorkflowGraph Graph()
    {
        static WorkflowNode Mail(string id, string name, string subject, double x, double y) => new(id, "SendEmail", name, new Dictionary<string, string>
        {
            ["To"] = "advocateEmail",
            ["Subject"] = subject,
            ["Body"] = """
                Hello {{advocateName}},

                the call for papers of {{eventName}} closes on {{closesAt}}. Your draft "{{title}}" is not submitted yet.

                Submit it, or mark it submitted in DevRel Hub once you have, and these reminders stop.
                """,
        }, new NodePosition(x, y));

        return new WorkflowGraph(
            [
                new("start", "Start", "Draft started", null, new NodePosition(0, 0)),
                new("weekAhead", "Decision", "A week ahead?", new Dictionary<string, string> { ["Condition"] = "remindWeek == true" }, new NodePosition(240, 0)),
                new("waitWeek", "Timer", "7 days before", new Dictionary<string, string> { ["Until"] = "weekReminderAt" }, new NodePosition(480, 0)),
                Mail("mailWeek", "7-day reminder", "The CFP of {{eventName}} closes in 7 days", 720, 0),
                new("dayAhead", "Decision", "A day ahead?", new Dictionary<string, string> { ["Condition"] = "remindDay == true" }, new NodePosition(240, 200)),
                new("waitDay", "Timer", "1 day before", new Dictionary<string, string> { ["Until"] = "dayReminderAt" }, new NodePosition(480, 200)),
                Mail("mailDay", "1-day reminder", "The CFP of {{eventName}} closes tomorrow", 720, 200),
                new("done", "End", "Reminded", null, new NodePosition(480, 360)),
            ],
            [
                new("start", BuiltInActivities.Done, "weekAhead"),
                new("weekAhead", "True", "waitWeek"),
                new("weekAhead", "False", "dayAhead"),
                new("waitWeek", BuiltInActivities.Done, "mailWeek"),
                new("mailWeek", BuiltInActivities.Done, "dayAhead"),
                new("dayAhead", "True", "waitDay"),
                new("dayAhead", "False", "done"),
                new("waitDay", BuiltInActivities.Done, "mailDay"),
                new("mailDay", BuiltInActivities.Done, "done"),
            ]);
    }
}

internal sealed class EnsureCfpReminderProcessHandler(ISender sender) : IRequestHandler<EnsureCfpReminderProcess, Guid>
{
    public ValueTask<Guid> Handle(EnsureCfpReminderProcess request, CancellationToken cancellationToken) =>
        sender.Send(new EnsurePublishedWorkflow(CfpReminderProcess.Name, CfpReminderProcess.Graph()), cancellationToken);
}

/// <summary>Starts, stops and restarts the reminder workflows of draft submissions, writing the submission's own rows in the same transaction.</summary>
internal sealed class CfpReminders(DbSession session, WorkflowRuntime runtime, ISender sender, TimeProvider clock)
{
    public static readonly TimeSpan WeekAhead = TimeSpan.FromDays(7);
    public static readonly TimeSpan DayAhead = TimeSpan.FromDays(1);

    private const string SelectDrafts = """
        SELECT s.id AS Id, s.title AS Title, s.reminder_instance_id AS ReminderInstanceId, v.display_name AS AdvocateName, v.email AS AdvocateEmail,
               e.name AS EventName, e.cfp_closes_at AS CfpClosesAt
        FROM advocacy_submission s
        JOIN advocacy_advocate v ON v.id = s.advocate_id
        JOIN advocacy_event e ON e.id = s.event_id
        WHERE s.event_id = @EventId AND s.status = 'Draft'
        """;

    private const string SetInstance = "UPDATE advocacy_submission SET reminder_instance_id = @InstanceId WHERE id = @Id";

    /// <summary>
    /// Runs <paramref name="write"/> (the draft's own rows, given the reminder instance or null) and, while the CFP
    /// is still ahead, starts the reminders in the same transaction.
    /// </summary>
    public async Task StartAsync(Draft draft, string actor, Func<Sql, Guid?, Task> write, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (draft.CfpClosesAt is not { } closes || closes <= now)
        {
            await WriteAloneAsync(db => write(db, null), cancellationToken);
            return;
        }
        var definition = await sender.Send(new EnsureCfpReminderProcess(), cancellationToken);
        var variables = new JsonObject
        {
            ["submissionId"] = draft.Id.ToString(),
            ["advocateName"] = draft.AdvocateName,
            ["advocateEmail"] = draft.AdvocateEmail,
            ["eventName"] = draft.EventName,
            ["title"] = draft.Title,
            ["closesAt"] = closes.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["remindWeek"] = closes - WeekAhead > now,
            ["weekReminderAt"] = (closes - WeekAhead).ToString("O", CultureInfo.InvariantCulture),
            ["remindDay"] = closes - DayAhead > now,
            ["dayReminderAt"] = (closes - DayAhead).ToString("O", CultureInfo.InvariantCulture),
        };
        await runtime.StartAsync(definition, null, draft.Id.ToString(), variables, actor, cancellationToken,
            (transaction, instance) => write(Sql.Of(transaction), instance));
    }

    /// <summary>
    /// Stops a draft's reminders, if they still run, and runs <paramref name="write"/> (the submission's change) in
    /// the same transaction; without running reminders, in a transaction of its own.
    /// </summary>
    public async Task StopAsync(Guid? instanceId, string actor, Func<Sql, Task> write, CancellationToken cancellationToken)
    {
        if (instanceId is { } id && await IsRunningAsync(id, cancellationToken))
        {
            try
            {
                await runtime.CancelAsync(id, actor, cancellationToken, (transaction, _) => write(Sql.Of(transaction)));
                return;
            }
            catch (ConflictException)
            {
                // The reminders finished between the look and the cancel: there is nothing left to stop.
            }
        }
        await WriteAloneAsync(write, cancellationToken);
    }

    /// <summary>Restarts the reminders of every draft for an event whose CFP close moved.</summary>
    public async Task RescheduleAsync(Guid eventId, string actor, CancellationToken cancellationToken)
    {
        var drafts = await (await Sql.OfAsync(session, cancellationToken)).QueryAsync<Draft>(SelectDrafts, new { EventId = eventId });
        foreach (var draft in drafts)
        {
            await StopAsync(draft.ReminderInstanceId, actor, db => db.ExecuteAsync(SetInstance, new { draft.Id, InstanceId = (Guid?)null }), cancellationToken);
            await StartAsync(draft, actor, (db, instance) => db.ExecuteAsync(SetInstance, new { draft.Id, InstanceId = instance }), cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="write"/> in a transaction of the request's own, when no workflow write carries it.</summary>
    private async Task WriteAloneAsync(Func<Sql, Task> write, CancellationToken cancellationToken) =>
        await session.InTransactionAsync(async _ =>
        {
            await write(await Sql.OfAsync(session, cancellationToken));
            return true;
        }, cancellationToken);

    private async Task<bool> IsRunningAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var instance = await sender.Send(new GetWorkflowInstance(instanceId, JournalPageSize: 1), cancellationToken);
        return instance.Instance.Status is not (WorkflowStatus.Finished or WorkflowStatus.Cancelled);
    }

    internal sealed record Draft(Guid Id, string Title, Guid? ReminderInstanceId, string AdvocateName, string AdvocateEmail, string EventName, DateTimeOffset? CfpClosesAt);
}
