using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using DevRelHub.Workflows.Activities;

namespace DevRelHub.Workflows.Designer.Designer;

/// <summary>A workflow node on the canvas: its activity type, name and input values, and the problems the validator found with it.</summary>
public sealed class WorkflowNodeModel : NodeModel
{
    public WorkflowNodeModel(string id, ActivityDescriptor descriptor, string? name, IReadOnlyDictionary<string, string>? inputs, Point position)
        : base(id, position)
    {
        Descriptor = descriptor;
        Name = name;
        Inputs = new Dictionary<string, string>(inputs ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        AddPort(new WorkflowPortModel(this, outcome: null));
        SyncOutcomePorts();
    }

    public ActivityDescriptor Descriptor { get; }

    public string? Name { get; set; }

    public Dictionary<string, string> Inputs { get; }

    public IReadOnlyList<string> Problems { get; set; } = [];

    /// <summary>How the instance viewer marks the node: <c>visited</c>, <c>waiting</c> or <c>faulted</c>; null in the designer.</summary>
    public string? State { get; set; }

    public WorkflowPortModel InputPort => Ports.OfType<WorkflowPortModel>().First(port => port.Outcome is null);

    public IEnumerable<WorkflowPortModel> OutcomePorts => Ports.OfType<WorkflowPortModel>().Where(port => port.Outcome is not null);

    public string Label => string.IsNullOrWhiteSpace(Name) ? Descriptor.Type : Name;

    /// <summary>One port per outcome the node has now (a human task's choices change them); links of a vanished outcome go with its port.</summary>
    public IReadOnlyList<WorkflowPortModel> SyncOutcomePorts()
    {
        var outcomes = Descriptor.OutcomesOf(new DevRelHub.Workflows.Definitions.WorkflowNode(Id, Descriptor.Type, Name, Inputs));
        var removed = OutcomePorts.Where(port => !outcomes.Contains(port.Outcome!)).ToList();
        foreach (var port in removed)
        {
            RemovePort(port);
        }
        foreach (var outcome in outcomes.Where(outcome => OutcomePorts.All(port => port.Outcome != outcome)))
        {
            AddPort(new WorkflowPortModel(this, outcome));
        }
        return removed;
    }
}

/// <summary>A node's entry (no outcome, on its left) or one of its outcomes (on its right). Links run from an outcome to another node's entry.</summary>
public sealed class WorkflowPortModel(WorkflowNodeModel parent, string? outcome)
    : PortModel(parent, outcome is null ? PortAlignment.Left : PortAlignment.Right)
{
    public string? Outcome { get; } = outcome;

    public override bool CanAttachTo(ILinkable other) =>
        other is WorkflowPortModel { Outcome: null } target && Outcome is not null && target.Parent != Parent && base.CanAttachTo(other);
}
