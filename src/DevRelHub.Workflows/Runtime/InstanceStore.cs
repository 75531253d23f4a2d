using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using DevRelHub.Workflows.Activities;

namespace DevRelHub.Workflows.Runtime;

/// <summary>An instance as stored; the run works on it and saves it back with its revision checked.</summary>
internal sealed class InstanceRow
{
    public Guid Id { get; set; }
    public Guid DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public string Status { get; set; } = "";
    public string? CorrelationKey { get; set; }
    public string Variables { get; set; } = "{}";
    public string? Execution { get; set; }
    public string? Incident { get; set; }
    public int OpenBookmarks { get; set; }
    public int JournalLength { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when the row was read through a bookmark: the node that waits.</summary>
    public string? BookmarkNodeId { get; set; }

    public WorkflowStatus CurrentStatus => Enum.Parse<WorkflowStatus>(Status);
}

/// <summary>What a run keeps between its visits besides variables: per-node state (a join's arrivals) and, after a fault, the steps to retry.</summary>
internal sealed class ExecutionState
{
    public Dictionary<string, JsonObject> Nodes { get; set; } = new(StringComparer.Ordinal);

    public List<ScheduledStep> Pending { get; set; } = [];

    public static ExecutionState Read(string? json) =>
        json is null ? new() : JsonSerializer.Deserialize<ExecutionState>(json, Definitions.WorkflowGraph.Json) ?? new();

    /// <summary>Null when there is nothing to keep, which is the usual case, so the column stays empty.</summary>
    public string? Write() => Nodes.Count == 0 && Pending.Count == 0 ? null : JsonSerializer.Serialize(this, Definitions.WorkflowGraph.Json);
}

internal sealed record ScheduledStep(string NodeId, Stimulus? Stimulus);

internal sealed record NewBookmark(Guid Id, Guid InstanceId, string NodeId, string ActivityType, DateTimeOffset? DueAt, string? Data, DateTimeOffset CreatedAt);

internal sealed record NewJournalEntry(Guid InstanceId, int Seq, DateTimeOffset At, string Event, string? NodeId, string? ActivityType, string? Outcome, string? Actor, string? Detail);

internal sealed record NewEmail(Guid Id, Guid InstanceId, string NodeId, string To, string Subject, string Body, DateTimeOffset CreatedAt);

/// <summary>The engine's SQL over its instance, bookmark, journal and outbox tables.</summary>
internal static class InstanceStore
{
    private const string InstanceColumns = """
        i.id AS Id, i.definition_id AS DefinitionId, i.definition_version AS DefinitionVersion, i.status AS Status,
        i.correlation_key AS CorrelationKey, i.variables AS Variables, i.execution AS Execution, i.incident AS Incident,
        i.open_bookmarks AS OpenBookmarks, i.journal_length AS JournalLength, i.revision AS Revision,
        i.created_at AS CreatedAt, i.updated_at AS UpdatedAt
        """;

    private const string SelectInstance = $"SELECT {InstanceColumns} FROM workflow_instance i WHERE i.id = @Id";

    private const string SelectByBookmark = $"""
        SELECT {InstanceColumns}, b.node_id AS BookmarkNodeId
        FROM workflow_bookmark b JOIN workflow_instance i ON i.id = b.instance_id
        WHERE b.id = @Id
        """;

    private const string DeleteBookmark = "DELETE FROM workflow_bookmark WHERE id = @Id";

    private const string DeleteBookmarks = "DELETE FROM workflow_bookmark WHERE instance_id = @Id";

    private const string SelectWaitingNodes = "SELECT node_id AS NodeId, activity_type AS ActivityType FROM workflow_bookmark WHERE instance_id = @Id";

    private const string Insert = """
        INSERT INTO workflow_instance (id, definition_id, definition_version, status, correlation_key, variables, execution, incident,
            open_bookmarks, journal_length, revision, created_at, updated_at)
        VALUES (@Id, @DefinitionId, @DefinitionVersion, @Status, @CorrelationKey, @Variables, @Execution, @Incident,
            @OpenBookmarks, @JournalLength, 1, @CreatedAt, @UpdatedAt)
        """;

    private const string Update = """
        UPDATE workflow_instance
        SET definition_version = @DefinitionVersion, status = @Status, variables = @Variables, execution = @Execution, incident = @Incident,
            open_bookmarks = @OpenBookmarks, journal_length = @JournalLength, revision = revision + 1, updated_at = @UpdatedAt
        WHERE id = @Id AND revision = @Revision
        """;

    private const string InsertBookmark = """
        INSERT INTO workflow_bookmark (id, instance_id, node_id, activity_type, due_at, data, created_at)
        VALUES (@Id, @InstanceId, @NodeId, @ActivityType, @DueAt, @Data, @CreatedAt)
        """;

    private const string InsertEmail = """
        INSERT INTO workflow_outbox (id, instance_id, node_id, to_address, subject, body, created_at, attempts)
        VALUES (@Id, @InstanceId, @NodeId, @To, @Subject, @Body, @CreatedAt, 0)
        """;

    private const int JournalRowsPerInsert = 100;
    private static readonly string[] JournalColumns = ["instance_id", "seq", "at", "event", "node_id", "activity_type", "outcome", "actor", "detail"];
    private static readonly Dictionary<int, string> JournalInserts = [];

    public static Task<InstanceRow?> InstanceAsync(WorkflowTransaction tx, Guid id) =>
        tx.Connection.QuerySingleOrDefaultAsync<InstanceRow>(tx.Command(SelectInstance, new { Id = id }));

    public static Task<InstanceRow?> InstanceByBookmarkAsync(WorkflowTransaction tx, Guid bookmarkId) =>
        tx.Connection.QuerySingleOrDefaultAsync<InstanceRow>(tx.Command(SelectByBookmark, new { Id = bookmarkId }));

    /// <summary>Consumes the bookmark: true for the one caller whose delete took the row; the others find it gone.</summary>
    public static async Task<bool> ConsumeBookmarkAsync(WorkflowTransaction tx, Guid bookmarkId) =>
        await tx.Connection.ExecuteAsync(tx.Command(DeleteBookmark, new { Id = bookmarkId })) == 1;

    public static Task<int> DeleteBookmarksAsync(WorkflowTransaction tx, Guid instanceId) =>
        tx.Connection.ExecuteAsync(tx.Command(DeleteBookmarks, new { Id = instanceId }));

    public static async Task<IReadOnlyList<(string NodeId, string ActivityType)>> WaitingNodesAsync(WorkflowTransaction tx, Guid instanceId) =>
        [.. await tx.Connection.QueryAsync<(string, string)>(tx.Command(SelectWaitingNodes, new { Id = instanceId }))];

    public static async Task SaveAsync(WorkflowTransaction tx, InstanceRow row, bool isNew,
        IReadOnlyList<NewBookmark> bookmarks, IReadOnlyList<NewJournalEntry> journal, IReadOnlyList<NewEmail> emails)
    {
        if (isNew)
        {
            await tx.Connection.ExecuteAsync(tx.Command(Insert, row));
        }
        else if (await tx.Connection.ExecuteAsync(tx.Command(Update, row)) != 1)
        {
            throw new InstanceChangedException(row.Id);
        }
        foreach (var bookmark in bookmarks)
        {
            await tx.Connection.ExecuteAsync(tx.Command(InsertBookmark, bookmark));
        }
        foreach (var email in emails)
        {
            await tx.Connection.ExecuteAsync(tx.Command(InsertEmail, email));
        }
        for (var start = 0; start < journal.Count; start += JournalRowsPerInsert)
        {
            await AppendJournalAsync(tx, journal.Skip(start).Take(JournalRowsPerInsert).ToList());
        }
    }

    /// <summary>Appends journal rows with one multi-row INSERT per hundred, the statement text cached per row count.</summary>
    private static Task AppendJournalAsync(WorkflowTransaction tx, List<NewJournalEntry> rows)
    {
        string sql;
        lock (JournalInserts)
        {
            if (!JournalInserts.TryGetValue(rows.Count, out sql!))
            {
                var text = new StringBuilder($"INSERT INTO workflow_journal ({string.Join(", ", JournalColumns)}) VALUES ");
                for (var i = 0; i < rows.Count; i++)
                {
                    text.Append(i == 0 ? "(" : ", (")
                        .AppendJoin(", ", JournalColumns.Select(column => string.Create(CultureInfo.InvariantCulture, $"@{column}{i}")))
                        .Append(')');
                }
                sql = JournalInserts[rows.Count] = text.ToString();
            }
        }
        var parameters = new DynamicParameters();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            parameters.Add("instance_id" + suffix, row.InstanceId);
            parameters.Add("seq" + suffix, row.Seq);
            parameters.Add("at" + suffix, row.At);
            parameters.Add("event" + suffix, row.Event);
            parameters.Add("node_id" + suffix, row.NodeId);
            parameters.Add("activity_type" + suffix, row.ActivityType);
            parameters.Add("outcome" + suffix, row.Outcome);
            parameters.Add("actor" + suffix, row.Actor);
            parameters.Add("detail" + suffix, row.Detail);
        }
        return tx.Connection.ExecuteAsync(tx.Command(sql, parameters));
    }
}
