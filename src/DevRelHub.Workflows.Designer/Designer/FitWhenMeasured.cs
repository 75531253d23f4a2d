using Blazor.Diagrams;
using Blazor.Diagrams.Core.Models;

namespace DevRelHub.Workflows.Designer.Designer;

/// <summary>
/// Fits the whole graph into the canvas once the browser has measured the canvas and every node. The sizes arrive
/// from the browser after the nodes render, which on a busy server takes seconds, so the fit waits for the sizes
/// themselves rather than for a while: a fit that gave up after two seconds left a hiring graph at full size, its
/// first stages above the visible canvas. A view the user pans or zooms before that is left as the user set it.
/// Lives as long as its diagram; both belong to one page.
/// </summary>
public sealed class FitWhenMeasured
{
    private const int Margin = 40;

    private readonly BlazorDiagram diagram;
    private bool pending;

    public FitWhenMeasured(BlazorDiagram diagram)
    {
        this.diagram = diagram;
        diagram.ContainerChanged += FitIfMeasured;
        diagram.ZoomChanged += Cancel;
        diagram.PanChanged += Cancel;
        diagram.Nodes.Added += node => node.SizeChanged += OnSizeChanged;
        diagram.Nodes.Removed += node => node.SizeChanged -= OnSizeChanged;
        foreach (var node in diagram.Nodes)
        {
            node.SizeChanged += OnSizeChanged;
        }
    }

    /// <summary>Fits now if the browser has measured everything, or as soon as it has.</summary>
    public void Request()
    {
        pending = true;
        FitIfMeasured();
    }

    private void Cancel() => pending = false;

    private void OnSizeChanged(NodeModel node) => FitIfMeasured();

    private void FitIfMeasured()
    {
        if (pending && diagram.Container is not null && diagram.Nodes.Count > 0 && diagram.Nodes.All(node => node.Size is not null))
        {
            pending = false;
            diagram.ZoomToFit(Margin);
        }
    }
}
