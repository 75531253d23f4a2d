using Mediator;

namespace DevRelHub.Workflows.Definitions.Publish;

internal sealed class EnsurePublishedWorkflowHandler(ISender sender) : IRequestHandler<EnsurePublishedWorkflow, Guid>
{
    public async ValueTask<Guid> Handle(EnsurePublishedWorkflow request, CancellationToken cancellationToken)
    {
        var existing = (await sender.Send(new ListWorkflowDefinitions(), cancellationToken)).FirstOrDefault(definition => definition.Name == request.Name);
        if (existing is not null)
        {
            return existing.Id;
        }
        var created = await sender.Send(new CreateWorkflowDefinition(request.Name), cancellationToken);
        await sender.Send(new SaveWorkflowDraft(created.Id, request.Graph), cancellationToken);
        await sender.Send(new PublishWorkflowDefinition(created.Id), cancellationToken);
        return created.Id;
    }
}
