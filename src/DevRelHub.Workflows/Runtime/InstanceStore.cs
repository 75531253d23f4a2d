using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Data.Common;
using Dapper;
using DevRelHub.Data;
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

internal sealed record NewBookmark(Guid Id, Guid InstanceId, string NodeId, string ActivityType, DateTimeOffset? DueAt, JsonObject? Data, DateTimeOffset CreatedAt);

internal sealed record NewJournalEntry(Guid InstanceId, int Seq, DateTimeOffset At, string Event, string? NodeId, string? ActivityType, string? Outcome, string? Actor, string? Detail);

internal sealed record NewEmail(Guid Id, Guid InstanceId, string NodeId, string To, string Subject, string Body, string? Attachments, DateTimeOffset CreatedAt);

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

    private const string ConsumeBookmark = SelectByBookmark + ";\n" + DeleteBookmark;

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
        INSERT INTO workflow_outbox (id, instance_id, node_id, to_address, subject, body, attachments, created_at, attempts)
        VALUES (@Id, @InstanceId, @NodeId, @To, @Subject, @Body, @Attachments, @CreatedAt, 0)
        """;

    private const int JournalRowsPerInsert = 100;
    private static readonly string[] JournalColumns = ["instance_id", "seq", "at", "event", "node_id", "activity_type", "outcome", "actor", "detail"];
    private static readonly Dictionary<int, string> JournalInserts = [];

    public static Task<InstanceRow?> InstanceAsync(WorkflowTransaction tx, Guid id) =>
        tx.Connection.QuerySingleOrDefaultAsync<InstanceRow>(tx.Command(SelectInstance, new { Id = id }));

    /// <summary>
    /// Reads the instance behind a bookmark and consumes the bookmark, in one round trip. The row is null when
    /// the bookmark is gone; <c>Consumed</c> is true for the one caller whose delete took it (a rival that read
    /// it a moment earlier finds its delete waiting for the winner and then deleting nothing).
    /// </summary>
    public static async Task<(InstanceRow? Row, bool Consumed)> ConsumeBookmarkAsync(WorkflowTransaction tx, Guid bookmarkId)
    {
        await using var lease = tx.CreateCommand(ConsumeBookmark);
        TypeHandlers.AddParameter(lease.Command, "@Id", bookmarkId);
        await using var reader = await lease.Command.ExecuteReaderAsync(tx.CancellationToken);
        var row = reader.Parse<InstanceRow>().SingleOrDefault();
        while (await reader.NextResultAsync(tx.CancellationToken))
        {
        }
        return (row, reader.RecordsAffected == 1);
    }

    public static Task<int> DeleteBookmarksAsync(WorkflowTransaction tx, Guid instanceId) =>
        tx.Connection.ExecuteAsync(tx.Command(DeleteBookmarks, new { Id = instanceId }));

    public static async Task<IReadOnlyList<(string NodeId, string ActivityType)>> WaitingNodesAsync(WorkflowTransaction tx, Guid instanceId) =>
        [.. await tx.Connection.QueryAsync<(string, string)>(tx.Command(SelectWaitingNodes, new { Id = instanceId }))];

    /// <summary>
    /// Saves a run in one command: the instance (its revision checked), new bookmarks, outbox mail and the
    /// first hundred journal rows; longer journals follow a hundred rows per command. Every statement but the
    /// instance update always changes one row per row it writes, so a short count means another writer
    /// saved the instance first.
    /// </summary>
    public static async Task SaveAsync(WorkflowTransaction tx, InstanceRow row, bool isNew,
        IReadOnlyList<NewBookmark> bookmarks, IReadOnlyList<NewJournalEntry> journal, IReadOnlyList<NewEmail> emails)
    {
        var first = journal.Take(JournalRowsPerInsert).ToList();
        var sql = new StringBuilder(isNew ? Insert : Update).Append(';');
        var parameters = new Parameters();
        Add(parameters, "", ("Id", row.Id), ("DefinitionVersion", row.DefinitionVersion), ("Status", row.Status), ("Variables", row.Variables),
            ("Execution", row.Execution), ("Incident", row.Incident), ("OpenBookmarks", row.OpenBookmarks), ("JournalLength", row.JournalLength),
            ("UpdatedAt", row.UpdatedAt));
        if (isNew)
        {
            Add(parameters, "", ("DefinitionId", row.DefinitionId), ("CorrelationKey", row.CorrelationKey), ("CreatedAt", row.CreatedAt));
        }
        else
        {
            Add(parameters, "", ("Revision", row.Revision));
        }
        for (var i = 0; i < bookmarks.Count; i++)
        {
            var b = bookmarks[i];
            sql.Append('\n').Append(Suffixed(InsertBookmark, BookmarkParameters, $"b{i}")).Append(';');
            Add(parameters, $"b{i}_", ("Id", b.Id), ("InstanceId", b.InstanceId), ("NodeId", b.NodeId), ("ActivityType", b.ActivityType),
                ("DueAt", b.DueAt), ("Data", b.Data?.ToJsonString()), ("CreatedAt", b.CreatedAt));
        }
        for (var i = 0; i < emails.Count; i++)
        {
            var e = emails[i];
            sql.Append('\n').Append(Suffixed(InsertEmail, EmailParameters, $"e{i}")).Append(';');
            Add(parameters, $"e{i}_", ("Id", e.Id), ("InstanceId", e.InstanceId), ("NodeId", e.NodeId), ("To", e.To), ("Subject", e.Subject),
                ("Body", e.Body), ("Attachments", e.Attachments), ("CreatedAt", e.CreatedAt));
        }
        if (first.Count > 0)
        {
            sql.Append('\n').Append(JournalInsert(first.Count)).Append(';');
            AddJournal(parameters, first);
        }
        await using var lease = tx.CreateCommand(sql.ToString());
        parameters.BindTo(lease.Command);
        if (await lease.Command.ExecuteNonQueryAsync(tx.CancellationToken) != 1 + bookmarks.Count + emails.Count + first.Count)
        {
            throw new InstanceChangedException(row.Id);
        }
        for (var start = JournalRowsPerInsert; start < journal.Count; start += JournalRowsPerInsert)
        {
            var rows = journal.Skip(start).Take(JournalRowsPerInsert).ToList();
            var more = new Parameters();
            AddJournal(more, rows);
            await using var chunk = tx.CreateCommand(JournalInsert(rows.Count));
            more.BindTo(chunk.Command);
            await chunk.Command.ExecuteNonQueryAsync(tx.CancellationToken);
        }
    }

    private static readonly string[] BookmarkParameters = ["Id", "InstanceId", "NodeId", "ActivityType", "DueAt", "Data", "CreatedAt"];
    private static readonly string[] EmailParameters = ["Id", "InstanceId", "NodeId", "To", "Subject", "Body", "Attachments", "CreatedAt"];
    private static readonly Dictionary<string, string> SuffixedStatements = [];

    /// <summary>The statement with each <c>@Name</c> renamed <c>@prefix_Name</c>, so several can share one command.</summary>
    private static string Suffixed(string statement, string[] names, string prefix)
    {
        lock (SuffixedStatements)
        {
            var key = prefix + statement;
            if (!SuffixedStatements.TryGetValue(key, out var suffixed))
            {
                suffixed = names.Aggregate(statement, (text, name) =>
                    System.Text.RegularExpressions.Regex.Replace(text, $@"@{name}\b", $"@{prefix}_{name}"));
                SuffixedStatements[key] = suffixed;
            }
            return suffixed;
        }
    }

    private static void Add(Parameters parameters, string prefix, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            parameters.Add($"@{prefix}{name}", value);
        }
    }

    /// <summary>Values gathered while the statement text is built, bound once its command exists.</summary>
    private sealed class Parameters
    {
        private readonly List<(string Name, object? Value)> values = [];

        public void Add(string name, object? value) => values.Add((name, value));

        public void BindTo(DbCommand command)
        {
            foreach (var (name, value) in values)
            {
                TypeHandlers.AddParameter(command, name, value);
            }
        }
    }

    /// <summary>A multi-row INSERT of <paramref name="count"/> journal rows, its text cached per row count.</summary>
    private static string JournalInsert(int count)
    {
        lock (JournalInserts)
        {
            if (!JournalInserts.TryGetValue(count, out var sql))
            {
                var text = new StringBuilder($"INSERT INTO workflow_journal ({string.Join(", ", JournalColumns)}) VALUES ");
                for (var i = 0; i < count; i++)
                {
                    text.Append(i == 0 ? "(" : ", (")
                        .AppendJoin(", ", JournalColumns.Select(column => string.Create(CultureInfo.InvariantCulture, $"@{column}{i}")))
                        .Append(')');
                }
                sql = JournalInserts[count] = text.ToString();
            }
            return sql;
        }
    }

    private static void AddJournal(Parameters parameters, List<NewJournalEntry> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            parameters.Add("@instance_id" + suffix, row.InstanceId);
            parameters.Add("@seq" + suffix, row.Seq);
            parameters.Add("@at" + suffix, row.At);
            parameters.Add("@event" + suffix, row.Event);
            parameters.Add("@node_id" + suffix, row.NodeId);
            parameters.Add("@activity_type" + suffix, row.ActivityType);
            parameters.Add("@outcome" + suffix, row.Outcome);
            parameters.Add("@actor" + suffix, row.Actor);
            parameters.Add("@detail" + suffix, row.Detail);
        }
    }
}
