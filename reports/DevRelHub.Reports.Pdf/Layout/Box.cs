using SkiaSharp;

namespace DevRelHub.Reports.Pdf.Layout;

/// <summary>Space on each side of an element, in points.</summary>
public readonly record struct Edges(float Left, float Top, float Right, float Bottom)
{
    public static Edges All(float value) => new(value, value, value, value);

    public static Edges Symmetric(float horizontal, float vertical) => new(horizontal, vertical, horizontal, vertical);

    public float Horizontal => Left + Right;

    public float Vertical => Top + Bottom;
}

/// <summary>
/// An element inside padding, a border and a background. Split across pages, each part keeps the decoration.
/// Build it with <see cref="Decorations"/>: <c>new Text("…").Padding(8).Background(Palette.Shade)</c>.
/// </summary>
public sealed class Box(Element content, Edges padding, float borderWidth = 0, uint borderColor = Palette.Rule, uint? background = null) : Element
{
    internal override Block Layout(float width) =>
        new BoxBlock(content.Layout(Math.Max(1, width - padding.Horizontal - 2 * borderWidth)), width, padding, borderWidth, borderColor, background);

    private sealed class BoxBlock(Block inner, float width, Edges padding, float borderWidth, uint borderColor, uint? background) : Block
    {
        public override float Height => inner.Height + padding.Vertical + 2 * borderWidth;

        public override void Draw(SKCanvas canvas, float x, float y)
        {
            if (background is { } fill)
            {
                using var paint = new SKPaint { Color = new SKColor(fill), IsAntialias = true };
                canvas.DrawRect(x, y, width, Height, paint);
            }
            if (borderWidth > 0)
            {
                using var paint = new SKPaint { Color = new SKColor(borderColor), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = borderWidth };
                canvas.DrawRect(x + borderWidth / 2, y + borderWidth / 2, width - borderWidth, Height - borderWidth, paint);
            }
            inner.Draw(canvas, x + borderWidth + padding.Left, y + borderWidth + padding.Top);
        }

        public override (Block? Head, Block? Tail) Split(float available, bool pageTop)
        {
            if (Height <= available + Epsilon)
            {
                return (this, null);
            }
            var (head, rest) = inner.Split(available - padding.Vertical - 2 * borderWidth, pageTop);
            return (Wrap(head), Wrap(rest));
        }

        private BoxBlock? Wrap(Block? part) => part is null ? null : new BoxBlock(part, width, padding, borderWidth, borderColor, background);
    }
}

/// <summary>The fluent way to decorate any element.</summary>
public static class Decorations
{
    public static Element Padding(this Element element, float all) => new Box(element, Edges.All(all));

    public static Element Padding(this Element element, float horizontal, float vertical) => new Box(element, Edges.Symmetric(horizontal, vertical));

    public static Element Padding(this Element element, Edges edges) => new Box(element, edges);

    public static Element Background(this Element element, uint color) => new Box(element, default, background: color);

    public static Element Border(this Element element, float width = 0.75f, uint color = Palette.Rule) => new Box(element, default, width, color);

    public static Element KeepTogether(this Element element) => new KeepTogether(element);

    public static Element KeepWithNext(this Element element) => new KeepWithNext(element);
}
