using System.Globalization;

namespace DevRelHub.Reports.Pdf.Layout;

/// <summary>A bulleted or numbered list; each item wraps under its own text, not under the marker; pages break between items.</summary>
public sealed class BulletList(bool numbered = false, TextStyle? style = null, float spacing = 3) : Element
{
    private const float MarkerWidth = 16;
    private readonly List<Element> items = [];

    public BulletList Item(string text) => Item(new Text(text, style));

    public BulletList Item(Element content)
    {
        items.Add(content);
        return this;
    }

    internal override Block Layout(float width)
    {
        var column = new Column(spacing);
        for (var i = 0; i < items.Count; i++)
        {
            var marker = numbered ? (i + 1).ToString(CultureInfo.InvariantCulture) + "." : "•";
            column.Item(new Row().Fixed(MarkerWidth, new Text(marker, style)).Relative(items[i]));
        }
        return column.Layout(width);
    }
}
