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
        var chosen = style ?? TextStyle.Body;
        blocks.Add(new TextBlock(chosen.Wrap(text, ContentWidth), chosen, spaceAfter));
        return this;
    }

    /// <summary>A two-column table of labels and values, one row per pair; a row never splits across pages.</summary>
    public PdfDocument Pairs(IEnumerable<(string Label, string Value)> rows, float spaceAfter = 12)
    {
        var list = rows.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            blocks.Add(new PairRow(PairRow.WrapLabel(list[i].Label), list[i].Value, Shaded: i % 2 == 0, SpaceAfter: i == list.Count - 1 ? spaceAfter : 0));
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
                    block.Draw(canvas, Margin, y);
                    y += block.Height;
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
            if (used + block.Height > available && pages[^1].Count > 0)
            {
                pages.Add([]);
                used = 0;
            }
            pages[^1].Add(block);
            used += block.Height;
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

    // Blocks are laid out (wrapped and measured) once, when added; paginating and drawing only read the result.
    private interface IBlock
    {
        float Height { get; }

        void Draw(SKCanvas canvas, float x, float y);
    }

    private sealed record TextBlock(IReadOnlyList<string> Lines, TextStyle Style, float SpaceAfter) : IBlock
    {
        public float Height => Lines.Count * Style.LineHeight + SpaceAfter;

        public void Draw(SKCanvas canvas, float x, float y) => Style.DrawLines(canvas, Lines, x, y + Style.Size);
    }

    private sealed record PairRow(IReadOnlyList<string> LabelLines, string Value, bool Shaded, float SpaceAfter) : IBlock
    {
        private const float Padding = 5;
        private static readonly TextStyle LabelStyle = new(10, Color: 0xFF374151);
        private static readonly TextStyle ValueStyle = new(10, Bold: true);

        public static IReadOnlyList<string> WrapLabel(string label) => LabelStyle.Wrap(label, ContentWidth * 0.6f);

        public float Height => LabelLines.Count * LabelStyle.LineHeight + 2 * Padding + SpaceAfter;

        public void Draw(SKCanvas canvas, float x, float y)
        {
            if (Shaded)
            {
                using var fill = new SKPaint { Color = new SKColor(0xFFF1F5F9) };
                canvas.DrawRect(x, y, ContentWidth, Height - SpaceAfter, fill);
            }
            LabelStyle.DrawLines(canvas, LabelLines, x + Padding, y + Padding + LabelStyle.Size);
            ValueStyle.Draw(canvas, Value, x + ContentWidth - Padding - ValueStyle.Measure(Value), y + Padding + ValueStyle.Size);
        }
    }
}
