using SkiaSharp;

namespace DevRelHub.Reports.Pdf.Layout;

/// <summary>
/// A piece of a document: text, a table, a chart, a column of other elements… An element says what to show;
/// laying it out at a width gives a <see cref="Block"/> that knows its height and how to split across pages.
/// </summary>
public abstract class Element
{
    internal abstract Block Layout(float width);
}

/// <summary>
/// An element laid out at a width. Blocks are measured once; paginating splits them and drawing only reads them.
/// </summary>
internal abstract class Block
{
    public abstract float Height { get; }

    /// <summary>Draws the block with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public abstract void Draw(SKCanvas canvas, float x, float y);

    /// <summary>
    /// Splits the block so that its head fits <paramref name="available"/> points: (this, null) when it all fits,
    /// (null, this) when nothing of it may go here. At the top of a page (<paramref name="pageTop"/>) a block
    /// must give a head, even one taller than the page, so that every page makes progress.
    /// </summary>
    public virtual (Block? Head, Block? Tail) Split(float available, bool pageTop) =>
        Height <= available + Epsilon || pageTop ? (this, null) : (null, this);

    /// <summary>Rounding slack: a block that is a hundredth of a point too tall still fits.</summary>
    protected const float Epsilon = 0.01f;
}
