using DevRelHub.Workflows.Activities;

namespace DevRelHub.Workflows.Definitions.Validate;

/// <summary>One thing wrong with a workflow graph, with the nodes it concerns so the designer can mark them.</summary>
public sealed record GraphProblem(string Code, string Message, IReadOnlyList<string> NodeIds);

/// <summary>Lists every problem of a workflow graph at once; an empty list means it can be published.</summary>
public sealed class WorkflowGraphValidator(ActivityRegistry activities)
{
    public IReadOnlyList<GraphProblem> Validate(WorkflowGraph graph)
    {
        graph = graph.Normalized();
        var problems = new List<GraphProblem>();
        var nodes = new Dictionary<string, WorkflowNode>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (string.IsNullOrWhiteSpace(node.Id))
            {
                problems.Add(new("node-id-missing", $"A {node.ActivityType} node has no id.", []));
            }
            else if (!nodes.TryAdd(node.Id, node))
            {
                problems.Add(new("node-id-duplicate", $"The id {node.Id} is used by more than one node.", [node.Id]));
            }
        }

        var known = new Dictionary<string, ActivityDescriptor>(StringComparer.Ordinal);
        foreach (var node in nodes.Values)
        {
            if (activities.Find(node.ActivityType) is not { } activity)
            {
                problems.Add(new("unknown-activity", $"Node {node.Id}: there is no activity type {node.ActivityType}.", [node.Id]));
                continue;
            }
            var descriptor = activity.Descriptor;
            known[node.Id] = descriptor;
            foreach (var input in descriptor.Inputs.Where(input => input.Required && node.Input(input.Name) is null))
            {
                problems.Add(new("input-missing", $"Node {node.Id}: {descriptor.Type} needs {input.Name}.", [node.Id]));
            }
            foreach (var problem in activity.CheckInputs(node))
            {
                problems.Add(new("input-invalid", $"Node {node.Id}: {problem}", [node.Id]));
            }
        }

        var starts = known.Where(pair => pair.Value.IsStart).Select(pair => pair.Key).ToList();
        if (starts.Count == 0)
        {
            problems.Add(new("no-start", "The workflow has no Start node.", []));
        }
        else if (starts.Count > 1)
        {
            problems.Add(new("many-starts", "The workflow has more than one Start node.", starts));
        }

        var next = CheckConnections(graph.Connections, nodes, known, problems);
        if (starts.Count == 1)
        {
            var reached = Reachable(starts[0], next);
            var unreachable = nodes.Keys.Where(id => !reached.Contains(id)).ToList();
            if (unreachable.Count > 0)
            {
                problems.Add(new("unreachable", $"No path from Start reaches {string.Join(", ", unreachable)}.", unreachable));
            }
        }
        foreach (var loop in Loops(nodes.Keys, next).Where(loop => loop.All(id => known.GetValueOrDefault(id)?.Behaviour is not (ActivityBehaviour.Blocking or ActivityBehaviour.Timer))))
        {
            problems.Add(new("endless-loop", $"The loop through {string.Join(", ", loop)} never waits for a person or a time, so it would run forever.", loop));
        }
        return problems;
    }

    private static Dictionary<string, List<string>> CheckConnections(
        IReadOnlyList<WorkflowConnection> connections, Dictionary<string, WorkflowNode> nodes, Dictionary<string, ActivityDescriptor> known, List<GraphProblem> problems)
    {
        var next = nodes.Keys.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var connection in connections)
        {
            if (!nodes.ContainsKey(connection.Source) || !nodes.ContainsKey(connection.Target))
            {
                var dangling = new[] { connection.Source, connection.Target }.Where(nodes.ContainsKey).ToList();
                problems.Add(new("dangling-connection", $"The connection {connection.Source}.{connection.Outcome} → {connection.Target} names a node that does not exist.", dangling));
                continue;
            }
            next[connection.Source].Add(connection.Target);
        }
        var bySource = connections.ToLookup(connection => connection.Source, StringComparer.Ordinal);
        foreach (var (id, descriptor) in known)
        {
            var outcomes = descriptor.OutcomesOf(nodes[id]);
            var leaving = bySource[id];
            foreach (var unknown in leaving.Where(c => !outcomes.Contains(c.Outcome)).Select(c => c.Outcome).Distinct())
            {
                problems.Add(new("unknown-outcome", $"Node {id}: {descriptor.Type} has no outcome {unknown}.", [id]));
            }
            foreach (var outcome in outcomes)
            {
                var count = leaving.Count(c => c.Outcome == outcome);
                if (count == 0)
                {
                    problems.Add(new("outcome-unconnected", $"Node {id}: the outcome {outcome} leads nowhere.", [id]));
                }
                else if (count > 1 && !descriptor.FansOut)
                {
                    problems.Add(new("outcome-connected-twice", $"Node {id}: the outcome {outcome} is connected {count} times; it may lead to one node.", [id]));
                }
            }
        }
        return next;
    }

    private static HashSet<string> Reachable(string start, Dictionary<string, List<string>> next)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var target in next[id].Where(reached.Add))
            {
                queue.Enqueue(target);
            }
        }
        return reached;
    }

    /// <summary>The graph's loops: its strongly connected components that contain a cycle (Tarjan, iterative).</summary>
    private static IEnumerable<List<string>> Loops(IEnumerable<string> ids, Dictionary<string, List<string>> next)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var loops = new List<List<string>>();
        foreach (var root in ids.Where(id => !index.ContainsKey(id)))
        {
            var work = new Stack<(string Id, int Edge)>([(root, 0)]);
            index[root] = low[root] = index.Count;
            stack.Push(root);
            onStack.Add(root);
            while (work.TryPop(out var frame))
            {
                var (id, edge) = frame;
                if (edge < next[id].Count)
                {
                    work.Push((id, edge + 1));
                    var target = next[id][edge];
                    if (!index.ContainsKey(target))
                    {
                        index[target] = low[target] = index.Count;
                        stack.Push(target);
                        onStack.Add(target);
                        work.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        low[id] = Math.Min(low[id], index[target]);
                    }
                    continue;
                }
                if (work.TryPeek(out var parent))
                {
                    low[parent.Id] = Math.Min(low[parent.Id], low[id]);
                }
                if (low[id] != index[id])
                {
                    continue;
                }
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != id);
                if (component.Count > 1 || next[id].Contains(id))
                {
                    component.Reverse();
                    loops.Add(component);
                }
            }
        }
        return loops;
    }
}
