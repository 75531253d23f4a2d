using DevRelHub.Workflows.Definitions;

namespace DevRelHub.Workflows.Designer.Designer;

/// <summary>Places nodes that have no position (an imported definition) in columns by their distance from the start, so the flow reads left to right.</summary>
public static class GraphLayout
{
    public const double ColumnWidth = 260;
    public const double RowHeight = 150;

    public static WorkflowGraph WithPositions(WorkflowGraph graph, Func<WorkflowNode, bool> isStart)
    {
        if (graph.Nodes.All(node => node.Position is not null))
        {
            return graph;
        }
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var start in graph.Nodes.Where(isStart))
        {
            depth[start.Id] = 0;
            queue.Enqueue(start.Id);
        }
        while (queue.TryDequeue(out var id))
        {
            foreach (var target in graph.Connections.Where(connection => connection.Source == id).Select(connection => connection.Target))
            {
                if (!depth.ContainsKey(target))
                {
                    depth[target] = depth[id] + 1;
                    queue.Enqueue(target);
                }
            }
        }
        var deepest = depth.Count == 0 ? 0 : depth.Values.Max();
        var rows = new Dictionary<int, int>();
        var placed = graph.Nodes.Select(node =>
        {
            var column = depth.TryGetValue(node.Id, out var d) ? d : deepest + 1;
            var row = rows[column] = rows.GetValueOrDefault(column, -1) + 1;
            return node with { Position = new NodePosition(40 + column * ColumnWidth, 40 + row * RowHeight) };
        });
        return graph with { Nodes = [.. placed] };
    }
}
