using SkiaSharp;

namespace DevRelHub.Reports.Pdf.Layout;

/// <summary>A paragraph: wrapped to the width, long words split, lines aligned as the style says; it splits between lines.</summary>
public sealed class Text(string content, TextStyle? style = null) : Element
{
    internal override Block Layout(float width)
    {
        var chosen = style ?? TextStyle.Body;
        return new TextBlock(chosen.Wrap(content, width), 0, null, chosen, width);
    }
}

internal sealed class TextBlock(List<string> lines, int first, int? count, TextStyle style, float width) : Block
{
    private readonly int count = count ?? lines.Count - first;

    public override float Height => count * style.LineHeight;

    public override void Draw(SKCanvas canvas, float x, float y) => style.DrawLines(canvas, lines, first, count, x, y, width);

    public override (Block? Head, Block? Tail) Split(float available, bool pageTop)
    {
        if (Height <= available + Epsilon)
        {
            return (this, null);
        }
        var fit = Math.Min(count, (int)((available + Epsilon) / style.LineHeight));
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
            : (new TextBlock(lines, first, fit, style, width), new TextBlock(lines, first + fit, count - fit, style, width));
    }
}
