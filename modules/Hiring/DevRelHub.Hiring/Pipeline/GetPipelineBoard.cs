using DevRelHub.Data;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Hiring.Process;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Runtime;
using Mediator;

namespace DevRelHub.Hiring.Pipeline;

internal sealed class GetPipelineBoardHandler(DbSession session, ISender sender, ActivityRegistry activities, TimeProvider clock)
    : IQueryHandler<GetPipelineBoard, PipelineBoard>
{
    /// <summary>How long an application may sit in a stage before its card says so.</summary>
    public static readonly TimeSpan StageTarget = TimeSpan.FromDays(7);

    private const string SelectCards = """
        SELECT a.id AS ApplicationId, a.candidate_id AS CandidateId, c.full_name AS CandidateName, o.title AS OpeningTitle, o.level AS Level,
               a.stage AS Stage, a.stage_node_id AS StageNodeId, a.stage_entered_at AS StageEnteredAt,
               (SELECT MIN(i.starts_at) FROM hiring_interview i WHERE i.application_id = a.id AND i.stage_node_id = a.stage_node_id AND i.status = @Scheduled) AS InterviewAt
        FROM hiring_application a
        JOIN hiring_candidate c ON c.id = a.candidate_id
        JOIN hiring_opening o ON o.id = a.opening_id
        WHERE a.closed_at IS NULL
        """;

    public async ValueTask<PipelineBoard> Handle(GetPipelineBoard query, CancellationToken cancellationToken)
    {
        var definition = (await sender.Send(new ListWorkflowDefinitions(), cancellationToken)).FirstOrDefault(candidate => candidate.Name == HiringProcess.Name);
        var published = definition is null ? null : await PublishedAsync(definition.Id, cancellationToken);
        var stages = published is null ? [] : StagesInOrder(published.Graph).ToList();
        var db = await Sql.OfAsync(session, cancellationToken);
        var sql = SelectCards + (query.OpeningId is null ? "" : " AND a.opening_id = @OpeningId") + (query.Level is null ? "" : " AND o.level = @Level")
            + " ORDER BY a.stage_entered_at, a.id";
        var rows = await db.QueryAsync<CardRow>(sql, new { query.OpeningId, Level = query.Level?.ToString(), Scheduled = nameof(InterviewStatus.Scheduled) });
        var now = clock.GetUtcNow();
        var cards = rows.Select(row => (row.StageNodeId, row.Stage, Card: row.ToCard(now))).ToList();
        var columns = stages.Select(node => new BoardColumn(node.Id, node.Name ?? node.Id, node.ActivityType,
            [.. cards.Where(card => card.StageNodeId == node.Id).Select(card => card.Card)])).ToList();
        var known = stages.Select(node => node.Id).ToHashSet();
        columns.AddRange(cards.Where(card => card.StageNodeId is null || !known.Contains(card.StageNodeId))
            .GroupBy(card => card.Stage ?? "Starting")
            .Select(other => new BoardColumn(other.First().StageNodeId ?? "", $"{other.Key} (earlier version)", "", [.. other.Select(card => card.Card)])));
        return new PipelineBoard(columns, await sender.Send(new ListOpenings(OpenOnly: true), cancellationToken));
    }

    /// <summary>The newest published version of the hiring workflow; null while it has none (a board then shows only what runs).</summary>
    private async Task<WorkflowDefinitionVersion?> PublishedAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.Send(new GetWorkflowDefinition(id, PublishedOnly: true), cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>The blocking nodes, in the order a breadth-first walk from the start reaches them: the stages a candidate passes.</summary>
    private IEnumerable<WorkflowNode> StagesInOrder(WorkflowGraph graph)
    {
        var nodes = graph.Nodes.ToDictionary(node => node.Id);
        var start = graph.Nodes.FirstOrDefault(node => activities.Find(node.ActivityType)?.Descriptor.IsStart == true);
        var seen = new HashSet<string>();
        var queue = new Queue<string>(start is null ? [] : [start.Id]);
        while (queue.TryDequeue(out var id))
        {
            if (!seen.Add(id) || !nodes.TryGetValue(id, out var node))
            {
                continue;
            }
            if (activities.Find(node.ActivityType)?.Descriptor.Behaviour is ActivityBehaviour.Blocking)
            {
                yield return node;
            }
            foreach (var connection in graph.Connections.Where(connection => connection.Source == id))
            {
                queue.Enqueue(connection.Target);
            }
        }
    }

    private sealed record CardRow(Guid ApplicationId, Guid CandidateId, string CandidateName, string OpeningTitle, string Level, string? Stage, string? StageNodeId,
        DateTimeOffset? StageEnteredAt, DateTimeOffset? InterviewAt)
    {
        public BoardCard ToCard(DateTimeOffset now)
        {
            var inStage = now - (StageEnteredAt ?? now);
            var overdue = InterviewAt is { } at ? at < now : inStage > StageTarget;
            return new BoardCard(ApplicationId, CandidateId, CandidateName, OpeningTitle, Enum.Parse<OpeningLevel>(Level), (int)inStage.TotalDays, InterviewAt, overdue);
        }
    }
}
