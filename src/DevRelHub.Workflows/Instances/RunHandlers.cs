using DevRelHub.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace DevRelHub.Workflows.Instances;

internal sealed class StartWorkflowValidator : AbstractValidator<StartWorkflow>
{
    public StartWorkflowValidator()
    {
        RuleFor(x => x.CorrelationKey).MaximumLength(200);
        RuleFor(x => x.Version).GreaterThan(0);
    }
}

internal sealed class MigrateWorkflowInstanceValidator : AbstractValidator<MigrateWorkflowInstance>
{
    public MigrateWorkflowInstanceValidator() => RuleFor(x => x.ToVersion).GreaterThan(0);
}

internal sealed class ResumeBookmarkValidator : AbstractValidator<ResumeBookmark>
{
    public ResumeBookmarkValidator()
    {
        RuleFor(x => x.Stimulus).NotNull();
        RuleFor(x => x.Stimulus.Actor).NotEmpty().MaximumLength(200).When(x => x.Stimulus is not null);
    }
}

/// <summary>The runtime's writes, as mediator requests for modules and endpoints.</summary>
internal sealed class RunHandlers(WorkflowRuntime runtime) :
    IRequestHandler<StartWorkflow, RunResult>,
    IRequestHandler<ResumeBookmark, RunResult>,
    IRequestHandler<CancelWorkflowInstance, RunResult>,
    IRequestHandler<RetryWorkflowInstance, RunResult>,
    IRequestHandler<MigrateWorkflowInstance, RunResult>
{
    public async ValueTask<RunResult> Handle(StartWorkflow request, CancellationToken cancellationToken) =>
        await runtime.StartAsync(request.DefinitionId, request.Version, request.CorrelationKey, request.Variables, request.Actor, cancellationToken);

    public async ValueTask<RunResult> Handle(ResumeBookmark request, CancellationToken cancellationToken) =>
        await runtime.ResumeAsync(request.BookmarkId, request.Stimulus, cancellationToken);

    public async ValueTask<RunResult> Handle(CancelWorkflowInstance request, CancellationToken cancellationToken) =>
        await runtime.CancelAsync(request.InstanceId, request.Actor, cancellationToken);

    public async ValueTask<RunResult> Handle(RetryWorkflowInstance request, CancellationToken cancellationToken) =>
        await runtime.RetryAsync(request.InstanceId, request.Actor, request.Variables, cancellationToken);

    public async ValueTask<RunResult> Handle(MigrateWorkflowInstance request, CancellationToken cancellationToken) =>
        await runtime.MigrateAsync(request.InstanceId, request.ToVersion, request.Actor, cancellationToken);
}
