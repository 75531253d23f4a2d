using SkiaSharp;

namespace DevRelHub.Reports.Pdf.Layout;

/// <summary>
/// Elements side by side: fixed widths in points, the rest of the width shared among the relative ones by weight.
/// A row never splits across pages; it is as tall as its tallest item.
/// </summary>
public sealed class Row(float spacing = 0) : Element
{
    private readonly List<(float Size, bool Relative, Element Content)> items = [];

    public Row Relative(Element content, float weight = 1)
    {
        items.Add((weight, true, content));
        return this;
    }

    public Row Fixed(float width, Element content)
    {
        items.Add((width, false, content));
        return this;
    }

    internal override Block Layout(float width)
    {
        var widths = Sizing.Share(items.Select(item => (item.Size, item.Relative)).ToList(), width, spacing);
        var cells = new List<(float Offset, Block Block)>();
        var offset = 0f;
        for (var i = 0; i < items.Count; i++)
        {
            cells.Add((offset, items[i].Content.Layout(widths[i])));
            offset += widths[i] + spacing;
        }
        return new RowBlock(cells);
    }

    private sealed class RowBlock(IReadOnlyList<(float Offset, Block Block)> cells) : Block
    {
        public override float Height { get; } = cells.Count == 0 ? 0 : cells.Max(cell => cell.Block.Height);

        public override void Draw(SKCanvas canvas, float x, float y)
        {
            foreach (var (offset, block) in cells)
            {
                block.Draw(canvas, x + offset, y);
            }
        }
    }
}

internal static class Sizing
{
    /// <summary>Fixed sizes as given; what is left after them and the gaps goes to relative sizes in proportion to their weights.</summary>
    public static float[] Share(IReadOnlyList<(float Size, bool Relative)> sizes, float width, float spacing)
    {
        var fixedTotal = sizes.Where(size => !size.Relative).Sum(size => size.Size);
        var weights = sizes.Where(size => size.Relative).Sum(size => size.Size);
        var left = Math.Max(0, width - fixedTotal - spacing * Math.Max(0, sizes.Count - 1));
        return sizes.Select(size => size.Relative ? (weights == 0 ? 0 : left * size.Size / weights) : size.Size).ToArray();
    }
}
