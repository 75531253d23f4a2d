using Dapper;
using DevRelHub.Data;
using DevRelHub.Workflows.Definitions.Validate;
using FluentValidation;
using Mediator;

namespace DevRelHub.Workflows.Definitions.Import;

internal sealed class ImportWorkflowDefinitionValidator : AbstractValidator<ImportWorkflowDefinition>
{
    public ImportWorkflowDefinitionValidator()
    {
        RuleFor(x => x.Document).NotNull();
        RuleFor(x => x.Document.Name).NotEmpty().MaximumLength(200).When(x => x.Document is not null);
        RuleFor(x => x.Document.Graph).NotNull().When(x => x.Document is not null);
        RuleFor(x => x.Document.Format).Equal(WorkflowDefinitionDocument.CurrentFormat)
            .WithMessage($"This file is not a DevRel Hub workflow ({WorkflowDefinitionDocument.CurrentFormat}).")
            .When(x => x.Document is not null);
    }
}

internal sealed class ImportWorkflowDefinitionHandler(DbSession session, WorkflowGraphValidator validator, TimeProvider clock)
    : ICommandHandler<ImportWorkflowDefinition, SavedDraft>
{
    public async ValueTask<SavedDraft> Handle(ImportWorkflowDefinition command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var name = command.Document.Name.Trim();
        var graph = command.Document.Graph.Normalized();
        var db = await session.ConnectionAsync(cancellationToken);
        var head = await db.QuerySingleOrDefaultAsync<DefinitionSql.Head>(
            session.Command(DefinitionSql.SelectHead + " WHERE name = @Name", new { Name = name }, cancellationToken));
        if (head is null)
        {
            var id = Guid.CreateVersion7(now);
            if (!await DefinitionSql.TryCreateAsync(session, id, name, graph, now, cancellationToken))
            {
                throw new ConflictException($"A workflow named {name} was created at the same moment; import again to add a version to it.");
            }
            return new SavedDraft(id, 1, validator.Validate(graph));
        }
        var version = await DefinitionSql.SaveDraftAsync(session, head, graph, now, cancellationToken);
        return new SavedDraft(head.Id, version, validator.Validate(graph));
    }
}
