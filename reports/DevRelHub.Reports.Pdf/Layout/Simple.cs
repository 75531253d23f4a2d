using SkiaSharp;

namespace DevRelHub.Reports.Pdf.Layout;

/// <summary>Ends the page: what follows starts on the next one. At the top of a page it does nothing.</summary>
public sealed class PageBreak : Element
{
    internal override Block Layout(float width) => new PageBreakBlock();
}

internal sealed class PageBreakBlock : Block
{
    public override float Height => 0;

    public override void Draw(SKCanvas canvas, float x, float y)
    {
    }
}

/// <summary>Empty vertical space.</summary>
public sealed class Spacer(float height) : Element
{
    internal override Block Layout(float width) => new SpacerBlock(height);

    private sealed class SpacerBlock(float height) : Block
    {
        public override float Height => height;

        public override void Draw(SKCanvas canvas, float x, float y)
        {
        }

        // Space that does not fit at the bottom of a page is not carried to the top of the next.
        public override (Block? Head, Block? Tail) Split(float available, bool pageTop) => (this, null);
    }
}

/// <summary>A horizontal line across the width.</summary>
public sealed class Rule(float thickness = 0.75f, uint color = Palette.Rule) : Element
{
    internal override Block Layout(float width) => new RuleBlock(width, thickness, color);

    private sealed class RuleBlock(float width, float thickness, uint color) : Block
    {
        public override float Height => thickness;

        public override void Draw(SKCanvas canvas, float x, float y)
        {
            using var paint = new SKPaint { Color = new SKColor(color), IsAntialias = true };
            canvas.DrawRect(x, y, width, thickness, paint);
        }
    }
}

/// <summary>Keeps an element on one page: when it does not fit the rest of a page, it starts the next one (or is split there when taller than a page).</summary>
public sealed class KeepTogether(Element content) : Element
{
    internal override Block Layout(float width) => new KeepTogetherBlock(content.Layout(width));

    private sealed class KeepTogetherBlock(Block inner) : Block
    {
        public override float Height => inner.Height;

        public override void Draw(SKCanvas canvas, float x, float y) => inner.Draw(canvas, x, y);

        public override (Block? Head, Block? Tail) Split(float available, bool pageTop) =>
            Height <= available + Epsilon ? (this, null) : pageTop ? inner.Split(available, pageTop) : (null, this);
    }
}

/// <summary>A heading that never ends a page: when nothing of what follows it in a column fits below it, it moves to the next page with it.</summary>
public sealed class KeepWithNext(Element content) : Element
{
    internal override Block Layout(float width) => new KeepWithNextBlock(content.Layout(width));
}

internal sealed class KeepWithNextBlock(Block inner) : Block
{
    public override float Height => inner.Height;

    public override void Draw(SKCanvas canvas, float x, float y) => inner.Draw(canvas, x, y);
}
