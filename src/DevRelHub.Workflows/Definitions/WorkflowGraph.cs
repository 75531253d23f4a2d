namespace DevRelHub.Workflows.Definitions;

/// <summary>What a workflow does: activity nodes, and connections from a node's outcome to the next node.</summary>
public sealed record WorkflowGraph(IReadOnlyList<WorkflowNode> Nodes, IReadOnlyList<WorkflowConnection> Connections);

/// <summary>One step of a workflow: an activity of a registered type with its inputs, and where the designer draws it.</summary>
public sealed record WorkflowNode(string Id, string ActivityType, string? Name = null, IReadOnlyDictionary<string, string>? Inputs = null, NodePosition? Position = null)
{
    public string? Input(string name) => Inputs is not null && Inputs.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}

public sealed record NodePosition(double X, double Y);

/// <summary>When <see cref="Source"/> completes with <see cref="Outcome"/>, the workflow goes on at <see cref="Target"/>.</summary>
public sealed record WorkflowConnection(string Source, string Outcome, string Target);
