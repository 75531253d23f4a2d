using Dapper;
using DevRelHub.Data;
using Mediator;

namespace DevRelHub.Workflows.Definitions.List;

internal sealed class ListWorkflowDefinitionsHandler(DbSession session) : IQueryHandler<ListWorkflowDefinitions, IReadOnlyList<WorkflowDefinitionSummary>>
{
    public async ValueTask<IReadOnlyList<WorkflowDefinitionSummary>> Handle(ListWorkflowDefinitions query, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        return [.. await db.QueryAsync<WorkflowDefinitionSummary>(session.Command(DefinitionSql.SelectHead + " ORDER BY name", null, cancellationToken))];
    }
}
