using SkiaSharp;

namespace DevRelHub.Reports.Pdf.Layout;

/// <summary>A table column: a fixed width in points or a relative weight, and how its cells align.</summary>
public sealed record TableColumn(float Size, bool Relative, TextAlign Align)
{
    public static TableColumn Weighted(float weight = 1, TextAlign align = TextAlign.Left) => new(weight, true, align);

    public static TableColumn Fixed(float width, TextAlign align = TextAlign.Left) => new(width, false, align);
}

/// <summary>
/// A table with a header row that is repeated at the top of every page the table continues on. Rows never split
/// across pages; alternate rows are shaded. Cells are text (aligned as their column says) or any element.
/// </summary>
public sealed class Table(params TableColumn[] columns) : Element
{
    private const float CellPadding = 4;
    private static readonly TextStyle DefaultHeaderStyle = new(8.5f, Bold: true, Color: Palette.White);
    private static readonly TextStyle DefaultCellStyle = new(9);

    private Element[]? header;
    private readonly List<Element[]> rows = [];

    public TextStyle HeaderStyle { get; init; } = DefaultHeaderStyle;

    public TextStyle CellStyle { get; init; } = DefaultCellStyle;

    public uint HeaderBackground { get; init; } = Palette.Navy;

    public Table Header(params string[] cells) => Header(Cells(cells, HeaderStyle));

    public Table Header(params Element[] cells)
    {
        header = Checked(cells);
        return this;
    }

    public Table Row(params string[] cells) => Row(Cells(cells, CellStyle));

    public Table Row(params Element[] cells)
    {
        rows.Add(Checked(cells));
        return this;
    }

    internal override Block Layout(float width)
    {
        var widths = Sizing.Share(columns.Select(column => (column.Size, column.Relative)).ToList(), width, 0);
        var headerBlock = header is null ? null : LayoutRow(header, widths, HeaderBackground);
        var rowBlocks = rows.Select((cells, i) => LayoutRow(cells, widths, i % 2 == 1 ? Palette.Shade : null)).ToList();
        return new TableBlock(headerBlock, rowBlocks, 0, rowBlocks.Count, width);
    }

    private Element[] Cells(string[] texts, TextStyle style) =>
        texts.Select((text, i) => (Element)new Text(text, style.WithAlign(i < columns.Length ? columns[i].Align : TextAlign.Left))).ToArray();

    private Element[] Checked(Element[] cells) => cells.Length == columns.Length
        ? cells
        : throw new ArgumentException($"The table has {columns.Length} columns; a row of {cells.Length} cells does not fit it.", nameof(cells));

    private static RowBlock LayoutRow(Element[] cells, float[] widths, uint? background)
    {
        var blocks = new Block[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            blocks[i] = cells[i].Layout(Math.Max(1, widths[i] - 2 * CellPadding));
        }
        return new RowBlock(blocks, widths, background);
    }

    private sealed class RowBlock(Block[] cells, float[] widths, uint? background) : Block
    {
        public override float Height { get; } = cells.Max(cell => cell.Height) + 2 * CellPadding;

        public override void Draw(SKCanvas canvas, float x, float y)
        {
            if (background is { } fill)
            {
                using var paint = new SKPaint { Color = new SKColor(fill) };
                canvas.DrawRect(x, y, widths.Sum(), Height, paint);
            }
            var left = x;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i].Draw(canvas, left + CellPadding, y + CellPadding);
                left += widths[i];
            }
        }
    }

    private sealed class TableBlock(RowBlock? header, List<RowBlock> rows, int first, int count, float width) : Block
    {
        public override float Height { get; } = (header?.Height ?? 0) + Sum(rows, first, count);

        public override void Draw(SKCanvas canvas, float x, float y)
        {
            var top = y;
            if (header is not null)
            {
                header.Draw(canvas, x, top);
                top += header.Height;
            }
            using var rule = new SKPaint { Color = new SKColor(Palette.Rule), StrokeWidth = 0.5f, IsAntialias = true };
            for (var i = first; i < first + count; i++)
            {
                rows[i].Draw(canvas, x, top);
                top += rows[i].Height;
            }
            canvas.DrawLine(x, top, x + width, top, rule);
        }

        public override (Block? Head, Block? Tail) Split(float available, bool pageTop)
        {
            if (Height <= available + Epsilon)
            {
                return (this, null);
            }
            var room = available - (header?.Height ?? 0);
            var fit = 0;
            while (fit < count && rows[first + fit].Height <= room + Epsilon)
            {
                room -= rows[first + fit].Height;
                fit++;
            }
            if (fit == 0)
            {
                if (!pageTop)
                {
                    return (null, this);
                }
                fit = 1;
            }
            return fit == count
                ? (this, null)
                : (new TableBlock(header, rows, first, fit, width), new TableBlock(header, rows, first + fit, count - fit, width));
        }

        private static float Sum(List<RowBlock> rows, int first, int count)
        {
            var sum = 0f;
            for (var i = first; i < first + count; i++)
            {
                sum += rows[i].Height;
            }
            return sum;
        }
    }
}
