using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace DevRelHub.Reports.Pdf.Layout;

/// <summary>A named row of values, one per label of the chart's axis.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>A slice of a donut chart.</summary>
public sealed record DonutSlice(string Label, double Value);

/// <summary>
/// A chart drawn by ScottPlot straight into the page as vectors (lines, rectangles and real text, no bitmap),
/// in the document's font. A chart with nothing to show says so instead of drawing empty axes.
/// </summary>
public sealed class Chart : Element
{
    // ScottPlot sizes text in pixels; drawn at 0.72 points per pixel, its 12-pixel labels come out at a
    // readable 8.6 points and the plot has room to breathe at the width of a page.
    private const float PointsPerPixel = 0.72f;
    private const float LabelPixels = 12;

    private readonly Action<Plot> draw;
    private readonly float height;
    private readonly bool empty;

    static Chart()
    {
        Fonts.FontResolvers.Insert(0, new EmbeddedFonts());
        Fonts.Default = PdfFont.Inter.Family;
    }

    private Chart(Action<Plot> draw, float height, bool empty)
    {
        this.draw = draw;
        this.height = height;
        this.empty = empty;
    }

    /// <summary>One line per series over the labels.</summary>
    public static Chart Line(IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, float height = 170) =>
        new(plot =>
        {
            Axes(plot, labels, series);
            for (var s = 0; s < series.Count; s++)
            {
                var line = plot.Add.Scatter(Enumerable.Range(0, series[s].Values.Count).Select(i => (double)i).ToArray(), series[s].Values.ToArray(), SeriesColor(s));
                line.LegendText = series[s].Name;
                line.LineWidth = 2;
                line.MarkerSize = 6;
            }
            Legend(plot, series.Count);
        }, height, IsEmpty(series));

    /// <summary>Bars side by side per label, one per series.</summary>
    public static Chart Bars(IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, float height = 170) =>
        new(plot =>
        {
            Axes(plot, labels, series);
            var width = 0.8 / Math.Max(1, series.Count);
            for (var s = 0; s < series.Count; s++)
            {
                var offset = -0.4 + width * (s + 0.5);
                plot.Add.Bars(series[s].Values.Select((value, i) => new Bar { Position = i + offset, Value = value, Size = width * 0.9, FillColor = SeriesColor(s), LineWidth = 0 }).ToArray());
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = SeriesColor(s) });
            }
            Legend(plot, series.Count);
            plot.Axes.Margins(bottom: 0);
        }, height, IsEmpty(series));

    /// <summary>One bar per label, the series stacked on each other.</summary>
    public static Chart StackedBars(IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, float height = 170) =>
        new(plot =>
        {
            Axes(plot, labels, series);
            var bases = new double[labels.Count];
            for (var s = 0; s < series.Count; s++)
            {
                var bars = new List<Bar>();
                for (var i = 0; i < labels.Count && i < series[s].Values.Count; i++)
                {
                    var value = series[s].Values[i];
                    bars.Add(new Bar { Position = i, ValueBase = bases[i], Value = bases[i] + value, Size = 0.6, FillColor = SeriesColor(s), LineWidth = 0 });
                    bases[i] += value;
                }
                plot.Add.Bars(bars.ToArray());
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = SeriesColor(s) });
            }
            Legend(plot, series.Count);
            plot.Axes.Margins(bottom: 0);
        }, height, IsEmpty(series));

    /// <summary>A ring of slices, each labelled in the legend with its share; without <paramref name="legend"/> the ring fills the space (for a table beside it that names the colours).</summary>
    public static Chart Donut(IReadOnlyList<DonutSlice> slices, float height = 170, bool legend = true)
    {
        var total = slices.Sum(slice => slice.Value);
        return new(plot =>
        {
            var pie = plot.Add.Pie(slices.Select((slice, i) => new PieSlice
            {
                Value = slice.Value,
                FillColor = SeriesColor(i),
                LegendText = legend ? $"{slice.Label}: {(slice.Value / total).ToString("0.#%", CultureInfo.InvariantCulture)}" : "",
            }).ToList());
            pie.DonutFraction = 0.55;
            pie.LineWidth = 0;
            plot.Axes.Frameless();
            plot.HideGrid();
            if (legend)
            {
                plot.ShowLegend(Edge.Right);
                plot.Legend.FontSize = LabelPixels;
                plot.Legend.OutlineWidth = 0;
            }
            else
            {
                plot.HideLegend();
            }
            plot.Axes.Margins(0.02, 0.02);
        }, height, total <= 0);
    }

    internal override Block Layout(float width) => empty
        ? new Text("No figures to chart for this period.", TextStyle.Muted.WithAlign(TextAlign.Center)).Padding(0, height / 2 - 6).Border().Layout(width)
        : new ChartBlock(draw, width, height);

    private static bool IsEmpty(IReadOnlyList<ChartSeries> series) => series.All(s => s.Values.All(value => value == 0));

    private static Color SeriesColor(int index) => Color.FromARGB(Palette.SeriesColor(index));

    private static void Axes(Plot plot, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = LabelPixels;
        plot.Axes.Left.TickLabelStyle.FontSize = LabelPixels;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = value => value.ToString("#,0.##", CultureInfo.InvariantCulture),
            IntegerTicksOnly = series.All(s => s.Values.All(value => value == Math.Floor(value))),
        };
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.IsVisible = false;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.Grid.YAxisStyle.MajorLineStyle.Color = Color.FromARGB(Palette.Rule);
        plot.Axes.SetLimitsX(-0.6, labels.Count - 0.4);
    }

    // Beside the data, never over it: a legend inside the axes hides the bars it names.
    private static void Legend(Plot plot, int series)
    {
        if (series > 1)
        {
            plot.ShowLegend(Edge.Top);
        }
        plot.Legend.FontSize = LabelPixels;
        plot.Legend.OutlineWidth = 0;
    }

    private sealed class ChartBlock(Action<Plot> draw, float width, float height) : Block
    {
        public override float Height => height;

        public override void Draw(SKCanvas canvas, float x, float y)
        {
            using var plot = new Plot();
            draw(plot);
            plot.RenderManager.ClearCanvasBeforeEachRender = false;
            var pixelWidth = (int)(width / PointsPerPixel);
            var pixelHeight = (int)(height / PointsPerPixel);
            // ScottPlot renders twice on its first Render (a layout pass); a PDF canvas would keep both.
            using (var probe = new SKNoDrawCanvas(pixelWidth, pixelHeight))
            {
                plot.Render(probe, pixelWidth, pixelHeight);
            }
            canvas.Save();
            canvas.Translate(x, y);
            canvas.Scale(PointsPerPixel);
            canvas.ClipRect(SKRect.Create(pixelWidth, pixelHeight));
            plot.Render(canvas, pixelWidth, pixelHeight);
            canvas.Restore();
        }
    }

    private sealed class EmbeddedFonts : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == PdfFont.Inter.Family ? PdfFont.Inter.Face(bold) : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);
    }
}
