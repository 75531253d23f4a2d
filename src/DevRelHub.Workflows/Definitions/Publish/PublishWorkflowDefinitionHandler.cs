using Dapper;
using DevRelHub.Data;
using DevRelHub.Workflows.Definitions.Validate;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace DevRelHub.Workflows.Definitions.Publish;

internal sealed class PublishWorkflowDefinitionHandler(DbSession session, WorkflowGraphValidator validator, TimeProvider clock)
    : ICommandHandler<PublishWorkflowDefinition, WorkflowDefinitionSummary>
{
    private const string SelectGraph = "SELECT graph FROM workflow_definition_version WHERE definition_id = @Id AND version = @Version";

    private const string Publish = """
        UPDATE workflow_definition_version SET is_published = @True, published_at = @Now
        WHERE definition_id = @Id AND version = @Version AND is_published = @False
        """;

    private const string PublishHead = "UPDATE workflow_definition SET is_published = @True WHERE id = @Id AND version = @Version";

    public async ValueTask<WorkflowDefinitionSummary> Handle(PublishWorkflowDefinition command, CancellationToken cancellationToken)
    {
        var head = await DefinitionSql.HeadAsync(session, command.Id, cancellationToken);
        if (head.IsPublished)
        {
            throw new ConflictException($"{head.Name} version {head.Version} is already published; save a draft to publish a new version.");
        }
        var db = await session.ConnectionAsync(cancellationToken);
        var parameters = new { head.Id, head.Version, True = true, False = false, Now = clock.GetUtcNow() };
        var graph = WorkflowGraph.FromJson(await db.ExecuteScalarAsync<string>(session.Command(SelectGraph, parameters, cancellationToken)) ?? "{}");
        if (validator.Validate(graph) is { Count: > 0 } problems)
        {
            throw new ValidationException(
                $"{head.Name} version {head.Version} cannot be published.",
                problems.Select(problem => new ValidationFailure("graph", problem.Message) { ErrorCode = problem.Code, CustomState = problem.NodeIds }));
        }
        if (await db.ExecuteAsync(session.Command(Publish, parameters, cancellationToken)) != 1)
        {
            throw new ConflictException($"{head.Name} version {head.Version} was published by someone else a moment ago.");
        }
        await db.ExecuteAsync(session.Command(PublishHead, parameters, cancellationToken));
        return new WorkflowDefinitionSummary(head.Id, head.Name, head.Version, IsPublished: true, head.CreatedAt);
    }
}
