using Dapper;
using DevRelHub.Data;
using Mediator;

namespace DevRelHub.Workflows.Definitions;

internal sealed class ListWorkflowDefinitionsHandler(DbSession session) : IQueryHandler<ListWorkflowDefinitions, IReadOnlyList<WorkflowDefinitionSummary>>
{
    private const string Select = """
        SELECT d.id AS Id, d.name AS Name, d.version AS Version, d.is_published AS IsPublished, d.created_at AS CreatedAt
        FROM workflow_definition d
        WHERE d.version = (SELECT MAX(newer.version) FROM workflow_definition newer WHERE newer.name = d.name)
        ORDER BY d.name
        """;

    public async ValueTask<IReadOnlyList<WorkflowDefinitionSummary>> Handle(ListWorkflowDefinitions query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        return [.. await db.QueryAsync<WorkflowDefinitionSummary>(session.Command(Select, null, cancellationToken))];
    }
}
