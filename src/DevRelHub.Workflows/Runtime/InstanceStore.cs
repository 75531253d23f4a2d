using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
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
internal static partial class InstanceStore
{
    private const string InstanceColumns = """
        i.id AS Id, i.definition_id AS DefinitionId, i.definition_version AS DefinitionVersion, i.status AS Status,
        i.correlation_key AS CorrelationKey, i.variables AS Variables, i.execution AS Execution, i.incident AS Incident,
        i.open_bookmarks AS OpenBookmarks, i.journal_length AS JournalLength, i.revision AS Revision,
        i.created_at AS CreatedAt, i.updated_at AS UpdatedAt
        """;

    private const string SelectInstance = $"SELECT {InstanceColumns} FROM workflow_instance i WHERE i.id = @Id";

    /// <summary>What a resume needs of the instance behind a bookmark, in this order (read by hand: it runs on every resume).</summary>
    private const string SelectBehindBookmark = """
        SELECT i.id, i.definition_id, i.definition_version, i.status, i.correlation_key, i.variables, i.execution, i.incident,
            i.open_bookmarks, i.journal_length, i.revision, b.node_id
        FROM workflow_bookmark b JOIN workflow_instance i ON i.id = b.instance_id
        """;

    private const string ConsumeBookmark = $"""
        {SelectBehindBookmark} WHERE b.id = @Id;
        DELETE FROM workflow_bookmark WHERE id = @Id
        """;

    private const string ConsumeBookmarkAtNode = $"""
        {SelectBehindBookmark} WHERE b.instance_id = @Id AND b.node_id = @NodeId AND b.activity_type = @ActivityType;
        DELETE FROM workflow_bookmark WHERE instance_id = @Id AND node_id = @NodeId AND activity_type = @ActivityType
        """;

    private const string DeleteBookmarks = "DELETE FROM workflow_bookmark WHERE instance_id = @Id";

    private const string SelectWaitingNodes = "SELECT node_id AS NodeId, activity_type AS ActivityType FROM workflow_bookmark WHERE instance_id = @Id";

    private const string Insert = """
        INSERT INTO workflow_instance (id, definition_id, definition_version, status, correlation_key, variables, execution, incident,
            open_bookmarks, journal_length, revision, created_at, updated_at)
        VALUES (@Id, @DefinitionId, @DefinitionVersion, @Status, @CorrelationKey, @Variables, @Execution, @Incident,
            @OpenBookmarks, @JournalLength, 1, @CreatedAt, @UpdatedAt)
        """;

    private const string UpdateColumns = """
        definition_version = @DefinitionVersion, variables = @Variables, execution = @Execution, incident = @Incident,
            open_bookmarks = @OpenBookmarks, journal_length = @JournalLength, revision = revision + 1, updated_at = @UpdatedAt
        WHERE id = @Id AND revision = @Revision
        """;

    private const string Update = $"UPDATE workflow_instance SET status = @Status, {UpdateColumns}";

    /// <summary>The update of a run that leaves the status as it was (most resumes): the status index is not touched.</summary>
    private const string UpdateKeepingStatus = $"UPDATE workflow_instance SET {UpdateColumns}";

    private const string InsertBookmark = """
        INSERT INTO workflow_bookmark (id, instance_id, node_id, activity_type, due_at, data, created_at)
        VALUES (@Id, @InstanceId, @NodeId, @ActivityType, @DueAt, @Data, @CreatedAt)
        """;

    private const string InsertEmail = """
        INSERT INTO workflow_outbox (id, instance_id, node_id, to_address, subject, body, attachments, created_at, attempts)
        VALUES (@Id, @InstanceId, @NodeId, @To, @Subject, @Body, @Attachments, @CreatedAt, 0)
        """;

    private const int JournalRowsPerInsert = 100;
    private static readonly string[] JournalColumns = ["event", "node_id", "activity_type", "outcome", "actor", "detail"];
    private static readonly Dictionary<int, string> JournalInserts = [];

    public static Task<InstanceRow?> InstanceAsync(WorkflowTransaction tx, Guid id) =>
        tx.Connection.QuerySingleOrDefaultAsync<InstanceRow>(tx.Command(SelectInstance, new { Id = id }));

    /// <summary>
    /// Reads the instance behind a bookmark and consumes the bookmark, in one round trip. The row is null when
    /// the bookmark is gone; <c>Consumed</c> is true for the one caller whose delete took it (a rival that read
    /// it a moment earlier finds its delete waiting for the winner and then deleting nothing).
    /// </summary>
    public static Task<(InstanceRow? Row, bool Consumed)> ConsumeBookmarkAsync(WorkflowTransaction tx, Guid bookmarkId) =>
        ConsumeAsync(tx, ConsumeBookmark, bookmarkId);

    /// <summary>As <see cref="ConsumeBookmarkAsync"/>, for the bookmark an instance waits on at a node, as an activity of the type given.</summary>
    public static Task<(InstanceRow? Row, bool Consumed)> ConsumeBookmarkAtAsync(WorkflowTransaction tx, Guid instanceId, string nodeId, string activityType) =>
        ConsumeAsync(tx, ConsumeBookmarkAtNode, instanceId, ("@NodeId", nodeId), ("@ActivityType", activityType));

    private static async Task<(InstanceRow? Row, bool Consumed)> ConsumeAsync(WorkflowTransaction tx, string sql, Guid id, params (string Name, string Value)[] keys)
    {
        await using var lease = tx.CreateCommand(sql);
        TypeHandlers.AddParameter(lease.Command, "@Id", id);
        foreach (var (name, value) in keys)
        {
            TypeHandlers.AddParameter(lease.Command, name, value);
        }
        await using var reader = await lease.Command.ExecuteReaderAsync(tx.CancellationToken);
        var row = await reader.ReadAsync(tx.CancellationToken) ? new InstanceRow
        {
            Id = TypeHandlers.ReadGuid(reader, 0),
            DefinitionId = TypeHandlers.ReadGuid(reader, 1),
            DefinitionVersion = TypeHandlers.ReadInt32(reader, 2),
            Status = reader.GetString(3),
            CorrelationKey = TypeHandlers.ReadString(reader, 4),
            Variables = reader.GetString(5),
            Execution = TypeHandlers.ReadString(reader, 6),
            Incident = TypeHandlers.ReadString(reader, 7),
            OpenBookmarks = TypeHandlers.ReadInt32(reader, 8),
            JournalLength = TypeHandlers.ReadInt32(reader, 9),
            Revision = TypeHandlers.ReadInt32(reader, 10),
            BookmarkNodeId = reader.GetString(11),
        } : null;
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
    /// Saves a run: the instance (its revision checked), new bookmarks, outbox mail and the journal, a hundred
    /// rows per insert. Every statement but the instance update always changes one row per row it writes, so a
    /// short count means another writer saved the instance first.
    /// <para>
    /// A server database gets the statements as one command, one round trip. SQLite gets one cached command per
    /// statement, each with only its own parameters: it binds a command's parameters to each of its statements
    /// by name, all of them to every statement, so one command of seven statements and sixty parameters spent
    /// more time looking names up than writing rows.
    /// </para>
    /// </summary>
    public static async Task SaveAsync(WorkflowTransaction tx, InstanceRow row, bool isNew, bool statusChanged,
        IReadOnlyList<NewBookmark> bookmarks, IReadOnlyList<NewJournalEntry> journal, IReadOnlyList<NewEmail> emails)
    {
        var instance = new Statement(isNew ? Insert : statusChanged ? Update : UpdateKeepingStatus, 1);
        instance.Add(("Id", row.Id), ("DefinitionVersion", row.DefinitionVersion), ("Variables", row.Variables),
            ("Execution", row.Execution), ("Incident", row.Incident), ("OpenBookmarks", row.OpenBookmarks), ("JournalLength", row.JournalLength),
            ("UpdatedAt", row.UpdatedAt));
        if (isNew || statusChanged)
        {
            instance.Add(("Status", row.Status));
        }
        if (isNew)
        {
            instance.Add(("DefinitionId", row.DefinitionId), ("CorrelationKey", row.CorrelationKey), ("CreatedAt", row.CreatedAt));
        }
        else
        {
            instance.Add(("Revision", row.Revision));
        }
        List<Statement> statements = [instance];
        foreach (var b in bookmarks)
        {
            var statement = new Statement(InsertBookmark, 1);
            statement.Add(("Id", b.Id), ("InstanceId", b.InstanceId), ("NodeId", b.NodeId), ("ActivityType", b.ActivityType),
                ("DueAt", b.DueAt), ("Data", b.Data?.ToJsonString()), ("CreatedAt", b.CreatedAt));
            statements.Add(statement);
        }
        foreach (var e in emails)
        {
            var statement = new Statement(InsertEmail, 1);
            statement.Add(("Id", e.Id), ("InstanceId", e.InstanceId), ("NodeId", e.NodeId), ("To", e.To), ("Subject", e.Subject),
                ("Body", e.Body), ("Attachments", e.Attachments), ("CreatedAt", e.CreatedAt));
            statements.Add(statement);
        }
        foreach (var rows in journal.Chunk(JournalRowsPerInsert))
        {
            statements.Add(JournalStatement(rows));
        }
        if (tx.Connection is SqliteConnection)
        {
            foreach (var statement in statements)
            {
                await using var lease = tx.CreateCommand(statement.Sql);
                statement.BindTo(lease.Command, "");
                if (await lease.Command.ExecuteNonQueryAsync(tx.CancellationToken) != statement.Rows)
                {
                    throw new InstanceChangedException(row.Id);
                }
            }
            return;
        }
        var saved = 0;
        foreach (var group in CommandsOf(statements))
        {
            await using var lease = tx.CreateCommand(string.Join(";\n", group.Select((statement, i) => Prefixed(statement.Sql, $"s{i}_"))));
            for (var i = 0; i < group.Count; i++)
            {
                group[i].BindTo(lease.Command, $"s{i}_");
            }
            saved += await lease.Command.ExecuteNonQueryAsync(tx.CancellationToken);
        }
        if (saved != statements.Sum(statement => statement.Rows))
        {
            throw new InstanceChangedException(row.Id);
        }
    }

    /// <summary>Consecutive statements gathered into commands of at most 2,000 parameters (SQL Server takes 2,100 per command).</summary>
    private static IEnumerable<List<Statement>> CommandsOf(List<Statement> statements)
    {
        const int MaxParameters = 2000;
        var group = new List<Statement>();
        var parameters = 0;
        foreach (var statement in statements)
        {
            if (group.Count > 0 && parameters + statement.Count > MaxParameters)
            {
                yield return group;
                group = [];
                parameters = 0;
            }
            group.Add(statement);
            parameters += statement.Count;
        }
        yield return group;
    }

    private static readonly Dictionary<(string Sql, string Prefix), string> PrefixedStatements = [];

    /// <summary>The statement with each <c>@name</c> renamed <c>@prefixname</c>, so several can share one command.</summary>
    private static string Prefixed(string statement, string prefix)
    {
        lock (PrefixedStatements)
        {
            if (!PrefixedStatements.TryGetValue((statement, prefix), out var prefixed))
            {
                prefixed = ParameterName().Replace(statement, "@" + prefix + "$1");
                PrefixedStatements[(statement, prefix)] = prefixed;
            }
            return prefixed;
        }
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterName();

    /// <summary>One statement of a save, with the values of its parameters and the rows it must change.</summary>
    private sealed class Statement(string sql, int rows)
    {
        private readonly List<(string Name, object? Value)> values = [];

        public string Sql { get; } = sql;

        public int Rows { get; } = rows;

        public int Count => values.Count;

        public void Add(params ReadOnlySpan<(string Name, object? Value)> parameters)
        {
            foreach (var parameter in parameters)
            {
                values.Add(parameter);
            }
        }

        public void BindTo(DbCommand command, string prefix)
        {
            foreach (var (name, value) in values)
            {
                TypeHandlers.AddParameter(command, "@" + prefix + name, value);
            }
        }
    }

    /// <summary>
    /// A multi-row INSERT of <paramref name="count"/> journal rows of one run, its text cached per row count. A run's
    /// entries share their instance and time, and their numbers follow each other, so those are bound once.
    /// </summary>
    private static string JournalInsert(int count)
    {
        lock (JournalInserts)
        {
            if (!JournalInserts.TryGetValue(count, out var sql))
            {
                var text = new StringBuilder("INSERT INTO workflow_journal (instance_id, seq, at, event, node_id, activity_type, outcome, actor, detail) VALUES ");
                for (var i = 0; i < count; i++)
                {
                    text.Append(i == 0 ? "(" : ", (")
                        .Append(CultureInfo.InvariantCulture, $"@InstanceId, @Seq + {i}, @At, ")
                        .AppendJoin(", ", JournalColumns.Select(column => string.Create(CultureInfo.InvariantCulture, $"@{column}{i}")))
                        .Append(')');
                }
                sql = JournalInserts[count] = text.ToString();
            }
            return sql;
        }
    }

    private static Statement JournalStatement(NewJournalEntry[] rows)
    {
        var statement = new Statement(JournalInsert(rows.Length), rows.Length);
        statement.Add(("InstanceId", rows[0].InstanceId), ("Seq", rows[0].Seq), ("At", rows[0].At));
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (row.InstanceId != rows[0].InstanceId || row.Seq != rows[0].Seq + i || row.At != rows[0].At)
            {
                throw new ArgumentException("A run's journal entries share their instance and time and are numbered in order.", nameof(rows));
            }
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            statement.Add(("event" + suffix, row.Event), ("node_id" + suffix, row.NodeId), ("activity_type" + suffix, row.ActivityType),
                ("outcome" + suffix, row.Outcome), ("actor" + suffix, row.Actor), ("detail" + suffix, row.Detail));
        }
        return statement;
    }
}
