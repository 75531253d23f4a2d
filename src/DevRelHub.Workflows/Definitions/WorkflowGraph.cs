using System.Text.Json;
using System.Text.Json.Serialization;

namespace DevRelHub.Workflows.Definitions;

/// <summary>What a workflow does: activity nodes, and connections from a node's outcome to the next node.</summary>
public sealed record WorkflowGraph(IReadOnlyList<WorkflowNode> Nodes, IReadOnlyList<WorkflowConnection> Connections)
{
    public static WorkflowGraph Empty { get; } = new([], []);

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The same graph with every missing list, id, type and outcome (JSON nulls from a client) as an empty
    /// one, so that the validator and the runtime can name what is missing instead of failing on it.
    /// </summary>
    public WorkflowGraph Normalized() => new(
        [.. (Nodes ?? []).Where(node => node is not null).Select(node => node with { Id = node.Id ?? "", ActivityType = node.ActivityType ?? "" })],
        [.. (Connections ?? []).Where(connection => connection is not null)
            .Select(connection => new WorkflowConnection(connection.Source ?? "", connection.Outcome ?? "", connection.Target ?? ""))]);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static WorkflowGraph FromJson(string json) =>
        (JsonSerializer.Deserialize<WorkflowGraph>(json, Json) ?? Empty).Normalized();
}

/// <summary>One step of a workflow: an activity of a registered type with its inputs, and where the designer draws it.</summary>
public sealed record WorkflowNode(string Id, string ActivityType, string? Name = null, IReadOnlyDictionary<string, string>? Inputs = null, NodePosition? Position = null)
{
    public string? Input(string name) => Inputs is not null && Inputs.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}

public sealed record NodePosition(double X, double Y);

/// <summary>When <see cref="Source"/> completes with <see cref="Outcome"/>, the workflow goes on at <see cref="Target"/>.</summary>
public sealed record WorkflowConnection(string Source, string Outcome, string Target);
