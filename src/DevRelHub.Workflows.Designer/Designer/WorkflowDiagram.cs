using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Definitions;

namespace DevRelHub.Workflows.Designer.Designer;

/// <summary>A workflow graph on a diagram and back: what the designer edits and the instance viewer shows.</summary>
public static class WorkflowDiagram
{
    /// <summary>Replaces what the diagram shows with <paramref name="graph"/>; nodes without a position are laid out first.</summary>
    public static void Load(BlazorDiagram diagram, WorkflowGraph graph, ActivityRegistry activities)
    {
        diagram.Links.Clear();
        diagram.Nodes.Clear();
        var placed = GraphLayout.WithPositions(graph, node => activities.Find(node.ActivityType)?.Descriptor.IsStart == true);
        foreach (var node in placed.Nodes)
        {
            diagram.Nodes.Add(new WorkflowNodeModel(node.Id, DescriptorOf(activities, node.ActivityType), node.Name, node.Inputs,
                new Point(node.Position!.X, node.Position.Y)));
        }
        foreach (var connection in placed.Connections)
        {
            if (Find(diagram, connection.Source)?.OutcomePorts.FirstOrDefault(port => port.Outcome == connection.Outcome) is { } source
                && Find(diagram, connection.Target) is { } target)
            {
                diagram.Links.Add(new LinkModel(source, target.InputPort));
            }
        }
    }

    public static WorkflowNodeModel? Find(BlazorDiagram diagram, string id) => diagram.Nodes.OfType<WorkflowNodeModel>().FirstOrDefault(node => node.Id == id);

    /// <summary>The connection a link stands for, or null for a link still being drawn.</summary>
    public static WorkflowConnection? Connection(BaseLinkModel link) =>
        link is { Source: SinglePortAnchor { Port: WorkflowPortModel { Outcome: { } outcome } source }, Target: SinglePortAnchor { Port: WorkflowPortModel { Outcome: null } target } }
            ? new WorkflowConnection(source.Parent.Id, outcome, target.Parent.Id)
            : null;

    private static ActivityDescriptor DescriptorOf(ActivityRegistry activities, string type) => activities.Find(type)?.Descriptor
        ?? new ActivityDescriptor(type, "Unknown", "This host has no activity of this type.", ActivityBehaviour.Automatic, [], []);
}
