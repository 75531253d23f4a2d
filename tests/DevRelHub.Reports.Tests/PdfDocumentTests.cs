using DevRelHub.Reports.Pdf;
using Pdf = DevRelHub.Reports.Pdf;
using PdfReader = UglyToad.PdfPig.PdfDocument;

namespace DevRelHub.Reports.Tests;

public sealed class PdfDocumentTests
{
    private static readonly DocumentInfo Info = new("Engine test", "DevRel Hub tests", "Layout", new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Text_is_real_text_a_reader_can_extract_and_the_metadata_is_set()
    {
        var bytes = new Pdf.PdfDocument(Info).Text("Awareness reached 12,345 eyeballs", TextStyle.Title).Render();

        using var pdf = PdfReader.Open(bytes);
        Assert.Contains("Awareness reached 12,345 eyeballs", pdf.GetPage(1).Text, StringComparison.Ordinal);
        Assert.Equal(("Engine test", "DevRel Hub tests", "Layout"), (pdf.Information.Title, pdf.Information.Author, pdf.Information.Subject));
        Assert.All(pdf.GetPage(1).Letters, letter => Assert.Contains("Inter", letter.FontName, StringComparison.Ordinal));
    }

    [Fact]
    public void Long_text_wraps_inside_the_margins_and_a_word_longer_than_a_line_is_split()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("community involvement", 30));
        var bytes = new Pdf.PdfDocument(Info).Text(sentence).Text(new string('W', 200)).Render();

        using var pdf = PdfReader.Open(bytes);
        var page = pdf.GetPage(1);
        Assert.All(page.Letters, letter => Assert.InRange(letter.BoundingBox.Right, 49.9, page.Width - 49.9));
        Assert.True(page.Letters.Select(letter => Math.Round(letter.Location.Y)).Distinct().Count() >= 6);
        Assert.Equal(200, page.Letters.Count(letter => letter.Value == "W"));
    }

    [Fact]
    public void Content_that_does_not_fit_flows_onto_more_pages_each_numbered_page_x_of_y()
    {
        var rows = Enumerable.Range(1, 80).Select(i => ($"Activity {i}", $"{i * 100:N0}"));
        var bytes = new Pdf.PdfDocument(Info).Text("Many rows", TextStyle.Heading).Pairs(rows).Render();

        using var pdf = PdfReader.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 2);
        for (var number = 1; number <= pdf.NumberOfPages; number++)
        {
            Assert.Contains($"Page {number} of {pdf.NumberOfPages}", pdf.GetPage(number).Text, StringComparison.Ordinal);
        }
        var all = string.Concat(Enumerable.Range(1, pdf.NumberOfPages).Select(n => pdf.GetPage(n).Text));
        Assert.Contains("Activity 80", all, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_input_with_a_fixed_date_gives_the_same_bytes()
    {
        byte[] Render() => new Pdf.PdfDocument(Info).Text("Deterministic").Pairs([("Views", "1,000")]).Render();

        Assert.Equal(Render(), Render());
    }

    private static UglyToad.PdfPig.PdfDocument PdfDocument_Open(byte[] bytes) => UglyToad.PdfPig.PdfDocument.Open(bytes);
}
