using SkiaSharp;

namespace DevRelHub.Reports.Pdf.Layout;

/// <summary>Elements one below the other, <paramref name="spacing"/> points apart; it splits between and inside its items.</summary>
public sealed class Column(float spacing = 0) : Element
{
    private readonly List<Element> items = [];

    public Column Item(Element item)
    {
        items.Add(item);
        return this;
    }

    internal override Block Layout(float width) => new ColumnBlock(items.Select(item => item.Layout(width)).ToList(), spacing);
}

internal sealed class ColumnBlock(IReadOnlyList<Block> children, float spacing) : Block
{
    public override float Height { get; } = children.Sum(child => child.Height) + spacing * Math.Max(0, children.Count(child => child is not PageBreakBlock) - 1);

    public override void Draw(SKCanvas canvas, float x, float y)
    {
        var top = y;
        var first = true;
        foreach (var child in children)
        {
            if (child is PageBreakBlock)
            {
                continue;
            }
            if (!first)
            {
                top += spacing;
            }
            child.Draw(canvas, x, top);
            top += child.Height;
            first = false;
        }
    }

    public override (Block? Head, Block? Tail) Split(float available, bool pageTop)
    {
        var head = new List<Block>();
        var used = 0f;
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            if (child is PageBreakBlock)
            {
                if (head.Count == 0 && pageTop)
                {
                    continue;
                }
                return (Of(head), Of(children.Skip(i + 1)));
            }
            var gap = head.Count == 0 ? 0 : spacing;
            var room = available - used - gap;
            if (child.Height <= room + Epsilon)
            {
                head.Add(child);
                used += gap + child.Height;
                continue;
            }
            var (childHead, childRest) = child.Split(room, pageTop && head.Count == 0);
            var rest = new List<Block>();
            if (childHead is not null)
            {
                head.Add(childHead);
            }
            else if (head is [.., KeepWithNextBlock heading] && (head.Count > 1 || !pageTop))
            {
                head.RemoveAt(head.Count - 1);
                rest.Add(heading);
            }
            if (childRest is not null)
            {
                rest.Add(childRest);
            }
            rest.AddRange(children.Skip(i + 1));
            return (Of(head), Of(rest));
        }
        return (this, null);
    }

    private ColumnBlock? Of(IEnumerable<Block> blocks)
    {
        var list = blocks.ToList();
        return list.Count == 0 ? null : new ColumnBlock(list, spacing);
    }
}
