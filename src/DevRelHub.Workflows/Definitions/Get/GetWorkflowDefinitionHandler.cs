using Dapper;
using DevRelHub.Data;
using Mediator;

namespace DevRelHub.Workflows.Definitions.Get;

internal sealed class GetWorkflowDefinitionHandler(DbSession session)
    : IQueryHandler<GetWorkflowDefinition, WorkflowDefinitionVersion>, IQueryHandler<ListWorkflowVersions, IReadOnlyList<WorkflowVersionSummary>>
{
    private const string Select = """
        SELECT d.id AS Id, d.name AS Name, v.version AS Version, v.is_published AS IsPublished, v.created_at AS CreatedAt,
               v.published_at AS PublishedAt, v.graph AS Graph
        FROM workflow_definition d JOIN workflow_definition_version v ON v.definition_id = d.id
        WHERE d.id = @Id
        """;

    private const string ThisVersion = " AND v.version = @Version";

    private const string NewestPublished = """
         AND v.version = (SELECT MAX(p.version) FROM workflow_definition_version p WHERE p.definition_id = @Id AND p.is_published = @True)
        """;

    private const string Newest = " AND v.version = d.version";

    private const string SelectVersions = """
        SELECT version AS Version, is_published AS IsPublished, created_at AS CreatedAt, published_at AS PublishedAt
        FROM workflow_definition_version WHERE definition_id = @Id ORDER BY version DESC
        """;

    private sealed record Row(Guid Id, string Name, int Version, bool IsPublished, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, string Graph);

    public async ValueTask<WorkflowDefinitionVersion> Handle(GetWorkflowDefinition query, CancellationToken cancellationToken)
    {
        var which = query.Version is not null ? ThisVersion : query.PublishedOnly ? NewestPublished : Newest;
        var db = await session.ConnectionAsync(cancellationToken);
        var row = await db.QuerySingleOrDefaultAsync<Row>(session.Command(Select + which, new { query.Id, query.Version, True = true }, cancellationToken))
            ?? throw new NotFoundException(query switch
            {
                { Version: { } version } => $"Workflow {query.Id} has no version {version}.",
                { PublishedOnly: true } => $"Workflow {query.Id} does not exist or has no published version.",
                _ => $"There is no workflow {query.Id}.",
            });
        return new(row.Id, row.Name, row.Version, row.IsPublished, row.CreatedAt, row.PublishedAt, WorkflowGraph.FromJson(row.Graph));
    }

    public async ValueTask<IReadOnlyList<WorkflowVersionSummary>> Handle(ListWorkflowVersions query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        var versions = (await db.QueryAsync<WorkflowVersionSummary>(session.Command(SelectVersions, new { query.Id }, cancellationToken))).ToList();
        return versions.Count > 0 ? versions : throw new NotFoundException($"There is no workflow {query.Id}.");
    }
}
