using DevRelHub.Data;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace DevRelHub.Workflows.Definitions.Create;

internal sealed class CreateWorkflowDefinitionValidator : AbstractValidator<CreateWorkflowDefinition>
{
    public CreateWorkflowDefinitionValidator() => RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
}

internal sealed class CreateWorkflowDefinitionHandler(DbSession session, TimeProvider clock)
    : ICommandHandler<CreateWorkflowDefinition, WorkflowDefinitionSummary>
{
    public async ValueTask<WorkflowDefinitionSummary> Handle(CreateWorkflowDefinition command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var definition = new WorkflowDefinitionSummary(Guid.CreateVersion7(now), command.Name.Trim(), Version: 1, IsPublished: false, now);
        if (!await DefinitionSql.TryCreateAsync(session, definition.Id, definition.Name, WorkflowGraph.Empty, now, cancellationToken))
        {
            throw new ValidationException([new ValidationFailure(nameof(command.Name), $"A workflow named {definition.Name} already exists.")]);
        }
        return definition;
    }
}
