using System.Globalization;
using DevRelHub.Reports.Pdf.Layout;
using SkiaSharp;

namespace DevRelHub.Reports.Pdf;

/// <summary>What a reader's PDF viewer shows under "document properties". A fixed <paramref name="Created"/> makes output byte-identical.</summary>
public sealed record DocumentInfo(string Title, string Author, string Subject, DateTimeOffset Created);

/// <summary>A page's size in points and its margins.</summary>
public sealed record PageSetup(float Width, float Height, Edges Margins)
{
    public static PageSetup A4 { get; } = new(595.28f, 841.89f, Edges.Symmetric(50, 42));
}

/// <summary>The page a footer or header is drawn on, and how many pages the document has.</summary>
public readonly record struct PageNumber(int Number, int Count)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Page {Number} of {Count}");
}

/// <summary>
/// A document: elements flow down the pages and move on to the next page where they do not fit, splitting where
/// they may (between lines, table rows, column items) and never where they may not (a row, a chart, a kept-together
/// block). Every page gets the header and a footer that knows its number and the page count. Text stays real PDF
/// text in the embedded font, charts stay vectors.
/// </summary>
public sealed class PdfDocument(DocumentInfo info, PageSetup? setup = null)
{
    private const float HeaderGap = 14;
    private const float FooterGap = 12;

    private readonly PageSetup page = setup ?? PageSetup.A4;
    private readonly Column content = new();
    private Element? header;
    private Func<PageNumber, Element>? footer;

    /// <summary>What is drawn at the top of every page.</summary>
    public PdfDocument Header(Element element)
    {
        header = element;
        return this;
    }

    /// <summary>What is drawn at the bottom of every page; the default is the title and "Page X of Y".</summary>
    public PdfDocument Footer(Func<PageNumber, Element> element)
    {
        footer = element;
        return this;
    }

    public PdfDocument Add(Element element)
    {
        content.Item(element);
        return this;
    }

    public PdfDocument Add(string text, TextStyle? style = null) => Add(new Text(text, style));

    public byte[] Render()
    {
        using var stream = new MemoryStream();
        Render(stream);
        return stream.ToArray();
    }

    /// <summary>Lays the document out, writes it to <paramref name="output"/> and answers its number of pages.</summary>
    public int Render(Stream output)
    {
        var width = page.Width - page.Margins.Horizontal;
        var footerOf = footer ?? DefaultFooter;
        var headerBlock = header?.Layout(width);
        var headerHeight = headerBlock is null ? 0 : headerBlock.Height + HeaderGap;
        var footerHeight = footerOf(new PageNumber(999, 999)).Layout(width).Height;
        var available = page.Height - page.Margins.Vertical - headerHeight - footerHeight - FooterGap;
        var pages = Paginate(content.Layout(width), available);

        using var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = info.Title,
            Author = info.Author,
            Subject = info.Subject,
            Creator = "DevRel Hub",
            Producer = "DevRel Hub on SkiaSharp",
            Creation = info.Created.UtcDateTime,
            Modified = info.Created.UtcDateTime,
        });
        for (var i = 0; i < pages.Count; i++)
        {
            var canvas = document.BeginPage(page.Width, page.Height);
            headerBlock?.Draw(canvas, page.Margins.Left, page.Margins.Top);
            pages[i]?.Draw(canvas, page.Margins.Left, page.Margins.Top + headerHeight);
            var footerBlock = footerOf(new PageNumber(i + 1, pages.Count)).Layout(width);
            footerBlock.Draw(canvas, page.Margins.Left, page.Height - page.Margins.Bottom - footerBlock.Height);
            document.EndPage();
        }
        document.Close();
        return pages.Count;
    }

    private static List<Block?> Paginate(Block content, float available)
    {
        var pages = new List<Block?>();
        Block? rest = content;
        while (rest is not null)
        {
            var (head, tail) = rest.Split(available, pageTop: true);
            if (head is null && ReferenceEquals(tail, rest))
            {
                throw new InvalidOperationException("A block made no progress at the top of a page; every block must give a head there.");
            }
            if (head is not null)
            {
                pages.Add(head);
            }
            rest = tail;
        }
        return pages.Count == 0 ? [null] : pages;
    }

    private Element DefaultFooter(PageNumber number) => new Column(4)
        .Item(new Rule())
        .Item(new Row(12)
            .Relative(new Text(info.Title, TextStyle.Muted))
            .Fixed(90, new Text(number.ToString(), TextStyle.Muted.WithAlign(TextAlign.Right))));
}
