using Mediator;

namespace DevRelHub.Workflows.Definitions.Validate;

/// <summary>Every problem of a workflow graph; none means it can be published.</summary>
public sealed record ValidateWorkflowGraph(WorkflowGraph Graph) : IQuery<IReadOnlyList<GraphProblem>>;

internal sealed class ValidateWorkflowGraphHandler(WorkflowGraphValidator validator) : IQueryHandler<ValidateWorkflowGraph, IReadOnlyList<GraphProblem>>
{
    public ValueTask<IReadOnlyList<GraphProblem>> Handle(ValidateWorkflowGraph query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(validator.Validate(query.Graph));
}
