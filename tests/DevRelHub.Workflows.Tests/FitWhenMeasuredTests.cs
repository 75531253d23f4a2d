using Blazor.Diagrams;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using DevRelHub.Workflows.Designer.Designer;

namespace DevRelHub.Workflows.Tests;

/// <summary>The designer and instance viewer fit the graph into the canvas when the browser's measurements arrive, however late.</summary>
public sealed class FitWhenMeasuredTests
{
    private static readonly Size NodeSize = new(200, 100);

    [Fact]
    public void The_graph_is_fitted_when_the_last_node_is_measured_and_not_before()
    {
        var (diagram, near, far) = Graph();
        var fit = new FitWhenMeasured(diagram);

        fit.Request();
        diagram.SetContainer(new Rectangle(0, 0, 800, 600));
        near.Size = NodeSize;
        Assert.Equal(1, diagram.Zoom);

        far.Size = NodeSize;
        Assert.True(diagram.Zoom < 1, $"zoom {diagram.Zoom}");
        Assert.All([near, far], node => Assert.True(Visible(diagram, node), $"{node.Id} is outside the canvas"));
    }

    [Fact]
    public void A_view_the_user_zooms_before_the_measurements_arrive_is_left_as_the_user_set_it()
    {
        var (diagram, near, far) = Graph();
        var fit = new FitWhenMeasured(diagram);
        diagram.SetContainer(new Rectangle(0, 0, 800, 600));

        fit.Request();
        diagram.SetZoom(1.5);
        near.Size = NodeSize;
        far.Size = NodeSize;

        Assert.Equal(1.5, diagram.Zoom);
    }

    [Fact]
    public void A_measured_graph_is_fitted_at_once_and_each_request_fits_once()
    {
        var (diagram, near, far) = Graph();
        var fit = new FitWhenMeasured(diagram);
        diagram.SetContainer(new Rectangle(0, 0, 800, 600));
        near.Size = NodeSize;
        far.Size = NodeSize;

        fit.Request();
        var fitted = diagram.Zoom;
        diagram.SetZoom(2);
        far.Size = new Size(220, 100);

        Assert.True(fitted < 1, $"zoom {fitted}");
        Assert.Equal(2, diagram.Zoom);
    }

    private static (BlazorDiagram Diagram, NodeModel Near, NodeModel Far) Graph()
    {
        var diagram = new BlazorDiagram();
        var near = diagram.Nodes.Add(new NodeModel("near", new Point(0, 0)));
        var far = diagram.Nodes.Add(new NodeModel("far", new Point(3000, 2000)));
        return (diagram, near, far);
    }

    private static bool Visible(BlazorDiagram diagram, NodeModel node)
    {
        var left = node.Position.X * diagram.Zoom + diagram.Pan.X;
        var top = node.Position.Y * diagram.Zoom + diagram.Pan.Y;
        return left >= 0 && top >= 0
            && left + node.Size!.Width * diagram.Zoom <= diagram.Container!.Width
            && top + node.Size.Height * diagram.Zoom <= diagram.Container.Height;
    }
}
