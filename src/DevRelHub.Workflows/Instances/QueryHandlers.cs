using System.Text.Json.Nodes;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace DevRelHub.Workflows.Instances;

internal sealed class ListWorkflowInstancesValidator : AbstractValidator<ListWorkflowInstances>
{
    public ListWorkflowInstancesValidator()
    {
        RuleFor(x => x.Page).GreaterThan(0);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 200);
    }
}

internal sealed class GetWorkflowJournalValidator : AbstractValidator<GetWorkflowJournal>
{
    public GetWorkflowJournalValidator()
    {
        RuleFor(x => x.After).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Limit).InclusiveBetween(1, 500);
    }
}

/// <summary>Reads instances for lists and the viewer; each query is served by an index and never reads a whole journal.</summary>
internal sealed class QueryHandlers(DbSession session, ISqlDialect dialect) :
    IQueryHandler<ListWorkflowInstances, InstancePage>,
    IQueryHandler<GetWorkflowInstance, WorkflowInstanceDetails>,
    IQueryHandler<GetWorkflowJournal, JournalPage>
{
    private const string SummaryColumns = """
        id AS Id, definition_id AS DefinitionId, definition_version AS DefinitionVersion, status AS Status,
        correlation_key AS CorrelationKey, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    private const string SelectInstance = $"""
        SELECT {SummaryColumns}, variables AS Variables, incident AS Incident, journal_length AS JournalLength
        FROM workflow_instance WHERE id = @Id
        """;

    private const string SelectBookmarks = """
        SELECT id AS Id, instance_id AS InstanceId, node_id AS NodeId, activity_type AS ActivityType, due_at AS DueAt, data AS Data, created_at AS CreatedAt
        FROM workflow_bookmark WHERE instance_id = @Id ORDER BY created_at
        """;

    private const string SelectJournal = """
        SELECT seq AS Seq, at AS At, event AS Event, node_id AS NodeId, activity_type AS ActivityType, outcome AS Outcome, actor AS Actor, detail AS Detail
        FROM workflow_journal WHERE instance_id = @Id AND seq > @After ORDER BY seq
        """;

    private const string SelectJournalLength = "SELECT journal_length FROM workflow_instance WHERE id = @Id";

    private sealed record InstanceRow(
        Guid Id, Guid DefinitionId, int DefinitionVersion, string Status, string? CorrelationKey, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        string Variables, string? Incident, int JournalLength);

    private sealed record SummaryRow(Guid Id, Guid DefinitionId, int DefinitionVersion, string Status, string? CorrelationKey, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        public WorkflowInstanceSummary ToSummary() => new(Id, DefinitionId, DefinitionVersion, Enum.Parse<WorkflowStatus>(Status), CorrelationKey, CreatedAt, UpdatedAt);
    }

    private sealed record BookmarkRow(Guid Id, Guid InstanceId, string NodeId, string ActivityType, DateTimeOffset? DueAt, string? Data, DateTimeOffset CreatedAt);

    private sealed record JournalRow(int Seq, DateTimeOffset At, string Event, string? NodeId, string? ActivityType, string? Outcome, string? Actor, string? Detail);

    public async ValueTask<InstancePage> Handle(ListWorkflowInstances query, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        if (query.DefinitionId is not null)
        {
            conditions.Add("definition_id = @DefinitionId");
        }
        if (query.Status is not null)
        {
            conditions.Add("status = @Status");
        }
        if (query.CorrelationKey is not null)
        {
            conditions.Add("correlation_key = @CorrelationKey");
        }
        var where = conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "";
        var parameters = new
        {
            query.DefinitionId,
            Status = query.Status?.ToString(),
            query.CorrelationKey,
            Offset = (query.Page - 1) * query.PageSize,
            Limit = query.PageSize,
        };
        var db = await session.ConnectionAsync(cancellationToken);
        var total = await db.ExecuteScalarAsync<int>(session.Command("SELECT COUNT(*) FROM workflow_instance" + where, parameters, cancellationToken));
        var rows = await db.QueryAsync<SummaryRow>(session.Command(
            $"SELECT {SummaryColumns} FROM workflow_instance{where} ORDER BY created_at DESC, id{dialect.Paging}", parameters, cancellationToken));
        return new InstancePage([.. rows.Select(row => row.ToSummary())], total);
    }

    /// <summary>The instance, its bookmarks and its journal's first page in one command: a scorecard's submission reads it before it resumes the panel.</summary>
    public async ValueTask<WorkflowInstanceDetails> Handle(GetWorkflowInstance query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        await using var results = await db.QueryMultipleAsync(session.Command($"{SelectInstance};\n{SelectBookmarks};\n{SelectJournal}{dialect.Paging}",
            new { Id = query.InstanceId, After = 0, Offset = 0, Limit = query.JournalPageSize }, cancellationToken));
        var row = await results.ReadSingleOrDefaultAsync<InstanceRow>()
            ?? throw new NotFoundException($"There is no workflow instance {query.InstanceId}.");
        var bookmarks = await results.ReadAsync<BookmarkRow>();
        var journal = Page(await results.ReadAsync<JournalRow>(), row.JournalLength);
        var summary = new SummaryRow(row.Id, row.DefinitionId, row.DefinitionVersion, row.Status, row.CorrelationKey, row.CreatedAt, row.UpdatedAt).ToSummary();
        return new WorkflowInstanceDetails(summary, JsonNode.Parse(row.Variables)?.AsObject() ?? [], row.Incident,
            [.. bookmarks.Select(b => new Bookmark(b.Id, b.InstanceId, b.NodeId, b.ActivityType, b.DueAt, b.Data is null ? null : JsonNode.Parse(b.Data)?.AsObject(), b.CreatedAt))],
            journal);
    }

    public async ValueTask<JournalPage> Handle(GetWorkflowJournal query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var length = await db.ExecuteScalarAsync<int?>(session.Command(SelectJournalLength, new { Id = query.InstanceId }, cancellationToken))
            ?? throw new NotFoundException($"There is no workflow instance {query.InstanceId}.");
        return Page(await db.QueryAsync<JournalRow>(session.Command(SelectJournal + dialect.Paging,
            new { Id = query.InstanceId, query.After, Offset = 0, query.Limit }, cancellationToken)), length);
    }

    private static JournalPage Page(IEnumerable<JournalRow> rows, int total)
    {
        var entries = rows.Select(r => new JournalEntry(r.Seq, r.At, Enum.Parse<JournalEvent>(r.Event), r.NodeId, r.ActivityType, r.Outcome, r.Actor, r.Detail)).ToList();
        return new JournalPage(entries, total, entries.Count > 0 && entries[^1].Seq < total ? entries[^1].Seq : null);
    }
}
