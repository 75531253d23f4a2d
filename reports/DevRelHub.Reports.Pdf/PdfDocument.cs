using SkiaSharp;

namespace DevRelHub.Reports.Pdf;

/// <summary>What a reader's PDF viewer shows under "document properties". A fixed <paramref name="Created"/> makes output byte-identical.</summary>
public sealed record DocumentInfo(string Title, string Author, string Subject, DateTimeOffset Created);

/// <summary>
/// A document laid out top to bottom on A4 pages: blocks flow down the page and move to the next one
/// when they do not fit; every page gets a footer with "page X of Y". Text stays real PDF text.
/// </summary>
public sealed class PdfDocument(DocumentInfo info)
{
    private const float PageWidth = 595.28f;
    private const float PageHeight = 841.89f;
    private const float Margin = 50f;
    private const float FooterHeight = 24f;
    private const float ContentWidth = PageWidth - 2 * Margin;

    private readonly List<IBlock> blocks = [];

    public PdfDocument Text(string text, TextStyle? style = null, float spaceAfter = 6)
    {
        blocks.Add(new TextBlock(text, style ?? TextStyle.Body, spaceAfter));
        return this;
    }

    /// <summary>A two-column table of labels and values, one row per pair; a row never splits across pages.</summary>
    public PdfDocument Pairs(IEnumerable<(string Label, string Value)> rows, float spaceAfter = 12)
    {
        var list = rows.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            blocks.Add(new PairRow(list[i].Label, list[i].Value, Shaded: i % 2 == 0, SpaceAfter: i == list.Count - 1 ? spaceAfter : 0));
        }
        return this;
    }

    public byte[] Render()
    {
        var pages = Paginate();
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = info.Title,
            Author = info.Author,
            Subject = info.Subject,
            Creator = "DevRel Hub",
            Producer = "DevRel Hub on SkiaSharp",
            Creation = info.Created.UtcDateTime,
            Modified = info.Created.UtcDateTime,
        }))
        {
            for (var number = 1; number <= pages.Count; number++)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                var y = Margin;
                foreach (var block in pages[number - 1])
                {
                    block.Draw(canvas, Margin, y, ContentWidth);
                    y += block.Height(ContentWidth);
                }
                DrawFooter(canvas, number, pages.Count);
                document.EndPage();
            }
            document.Close();
        }
        return stream.ToArray();
    }

    private List<List<IBlock>> Paginate()
    {
        var pages = new List<List<IBlock>> { new() };
        var used = 0f;
        const float available = PageHeight - 2 * Margin - FooterHeight;
        foreach (var block in blocks)
        {
            var height = block.Height(ContentWidth);
            if (used + height > available && pages[^1].Count > 0)
            {
                pages.Add([]);
                used = 0;
            }
            pages[^1].Add(block);
            used += height;
        }
        return pages;
    }

    private void DrawFooter(SKCanvas canvas, int number, int count)
    {
        var style = TextStyle.Muted;
        var baseline = PageHeight - Margin + style.Size;
        style.Draw(canvas, info.Title, Margin, baseline);
        var pageText = $"Page {number} of {count}";
        style.Draw(canvas, pageText, PageWidth - Margin - style.Measure(pageText), baseline);
    }

    private interface IBlock
    {
        float Height(float width);

        void Draw(SKCanvas canvas, float x, float y, float width);
    }

    private sealed record TextBlock(string Value, TextStyle Style, float SpaceAfter) : IBlock
    {
        public float Height(float width) => Style.Wrap(Value, width).Count * Style.LineHeight + SpaceAfter;

        public void Draw(SKCanvas canvas, float x, float y, float width)
        {
            var baseline = y + Style.Size;
            foreach (var line in Style.Wrap(Value, width))
            {
                Style.Draw(canvas, line, x, baseline);
                baseline += Style.LineHeight;
            }
        }
    }

    private sealed record PairRow(string Label, string Value, bool Shaded, float SpaceAfter) : IBlock
    {
        private const float Padding = 5;
        private static readonly TextStyle LabelStyle = new(10, Color: 0xFF374151);
        private static readonly TextStyle ValueStyle = new(10, Bold: true);

        public float Height(float width) =>
            Math.Max(LabelStyle.Wrap(Label, width * 0.6f).Count, 1) * LabelStyle.LineHeight + 2 * Padding + SpaceAfter;

        public void Draw(SKCanvas canvas, float x, float y, float width)
        {
            if (Shaded)
            {
                using var fill = new SKPaint { Color = new SKColor(0xFFF1F5F9) };
                canvas.DrawRect(x, y, width, Height(width) - SpaceAfter, fill);
            }
            var baseline = y + Padding + LabelStyle.Size;
            foreach (var line in LabelStyle.Wrap(Label, width * 0.6f))
            {
                LabelStyle.Draw(canvas, line, x + Padding, baseline);
                baseline += LabelStyle.LineHeight;
            }
            ValueStyle.Draw(canvas, Value, x + width - Padding - ValueStyle.Measure(Value), y + Padding + ValueStyle.Size);
        }
    }
}
