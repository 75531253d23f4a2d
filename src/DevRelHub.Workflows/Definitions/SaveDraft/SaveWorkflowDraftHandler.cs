using DevRelHub.Data;
using DevRelHub.Workflows.Definitions.Validate;
using FluentValidation;
using Mediator;

namespace DevRelHub.Workflows.Definitions.SaveDraft;

internal sealed class SaveWorkflowDraftValidator : AbstractValidator<SaveWorkflowDraft>
{
    public SaveWorkflowDraftValidator() => RuleFor(x => x.Graph).NotNull();
}

/// <summary>A draft may be incomplete while someone designs it; saving answers what would stop publishing.</summary>
internal sealed class SaveWorkflowDraftHandler(DbSession session, WorkflowGraphValidator validator, TimeProvider clock)
    : ICommandHandler<SaveWorkflowDraft, SavedDraft>
{
    public async ValueTask<SavedDraft> Handle(SaveWorkflowDraft command, CancellationToken cancellationToken)
    {
        var head = await DefinitionSql.HeadAsync(session, command.Id, cancellationToken);
        var graph = command.Graph.Normalized();
        var version = await DefinitionSql.SaveDraftAsync(session, head, graph, clock.GetUtcNow(), cancellationToken);
        return new SavedDraft(head.Id, version, validator.Validate(graph));
    }
}
