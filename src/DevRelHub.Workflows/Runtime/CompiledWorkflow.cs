using System.Collections.Concurrent;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Definitions;

namespace DevRelHub.Workflows.Runtime;

/// <summary>A published version made ready to run: nodes by id, where each outcome leads, how many paths lead in.</summary>
internal sealed class CompiledWorkflow
{
    private readonly Dictionary<string, WorkflowNode> nodes;
    private readonly Dictionary<(string Node, string Outcome), string[]> targets;
    private readonly Dictionary<string, int> incoming;

    public CompiledWorkflow(Guid definitionId, int version, WorkflowGraph graph, ActivityRegistry activities)
    {
        DefinitionId = definitionId;
        Version = version;
        graph = graph.Normalized();
        nodes = graph.Nodes.GroupBy(node => node.Id, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        targets = graph.Connections.GroupBy(c => (c.Source, c.Outcome)).ToDictionary(group => group.Key, group => group.Select(c => c.Target).ToArray());
        incoming = graph.Connections.GroupBy(c => c.Target, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        Start = graph.Nodes.FirstOrDefault(node => activities.Find(node.ActivityType)?.Descriptor.IsStart == true);
    }

    public Guid DefinitionId { get; }

    public int Version { get; }

    public WorkflowNode? Start { get; }

    public WorkflowNode? Node(string id) => nodes.GetValueOrDefault(id);

    public IReadOnlyList<string> Targets(string node, string outcome) => targets.GetValueOrDefault((node, outcome)) ?? [];

    public int Incoming(string node) => incoming.GetValueOrDefault(node);
}

/// <summary>Published versions never change, so each is read and compiled once per process.</summary>
internal sealed class WorkflowDefinitionCache(ActivityRegistry activities)
{
    private const string SelectPublished = """
        SELECT graph FROM workflow_definition_version WHERE definition_id = @Id AND version = @Version AND is_published = @True
        """;

    private const string SelectNewestPublished = """
        SELECT MAX(version) FROM workflow_definition_version WHERE definition_id = @Id AND is_published = @True
        """;

    private readonly ConcurrentDictionary<(Guid, int), CompiledWorkflow> compiled = new();

    public async ValueTask<CompiledWorkflow> PublishedAsync(WorkflowTransaction tx, Guid definitionId, int? version)
    {
        var number = version ?? await tx.Connection.ExecuteScalarAsync<int?>(tx.Command(SelectNewestPublished, new { Id = definitionId, True = true }))
            ?? throw new NotFoundException($"Workflow {definitionId} does not exist or has no published version.");
        if (compiled.TryGetValue((definitionId, number), out var workflow))
        {
            return workflow;
        }
        var graph = await tx.Connection.ExecuteScalarAsync<string>(tx.Command(SelectPublished, new { Id = definitionId, Version = number, True = true }))
            ?? throw new NotFoundException($"Workflow {definitionId} has no published version {number}.");
        return compiled.GetOrAdd((definitionId, number), new CompiledWorkflow(definitionId, number, WorkflowGraph.FromJson(graph), activities));
    }
}
