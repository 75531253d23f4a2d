using DevRelHub.Reports.Pdf;
using DevRelHub.Reports.Pdf.Layout;
using SkiaSharp;
using UglyToad.PdfPig.Content;
using Pdf = DevRelHub.Reports.Pdf;
using PdfReader = UglyToad.PdfPig.PdfDocument;

namespace DevRelHub.Reports.Tests;

public sealed class PdfDocumentTests
{
    private static readonly DocumentInfo Info = new("Engine test", "DevRel Hub tests", "Layout", new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));

    private static Pdf.PdfDocument Document() => new(Info);

    [Fact]
    public void Text_is_real_text_a_reader_can_extract_and_the_metadata_is_set()
    {
        var bytes = Document().Add("Awareness reached 12,345 eyeballs", TextStyle.Title).Render();

        using var pdf = PdfReader.Open(bytes);
        Assert.Contains("Awareness reached 12,345 eyeballs", pdf.GetPage(1).Text, StringComparison.Ordinal);
        Assert.Equal(("Engine test", "DevRel Hub tests", "Layout"), (pdf.Information.Title, pdf.Information.Author, pdf.Information.Subject));
        Assert.Equal("D:20261001080000+00'00'", pdf.Information.CreationDate);
        Assert.All(pdf.GetPage(1).Letters, letter => Assert.Contains("Inter", letter.FontName, StringComparison.Ordinal));
    }

    [Fact]
    public void Long_text_wraps_inside_the_margins_and_a_word_longer_than_a_line_is_split()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("community involvement", 30));
        var bytes = Document().Add(sentence).Add(new string('W', 200)).Render();

        using var pdf = PdfReader.Open(bytes);
        var page = pdf.GetPage(1);
        Assert.All(page.Letters, letter => Assert.InRange(letter.BoundingBox.Right, 49.9, page.Width - 49.9));
        Assert.True(Lines(page.Letters.Where(letter => letter.Value is "c" or "W")).Count >= 6);
        Assert.Equal(200, page.Letters.Count(letter => letter.Value == "W"));
    }

    [Fact]
    public void Styles_set_size_weight_colour_and_alignment()
    {
        var bytes = Document()
            .Add("Left", new TextStyle(10))
            .Add("Centred", new TextStyle(10, Align: TextAlign.Center))
            .Add("Right", new TextStyle(18, Bold: true, Color: Palette.Red, Align: TextAlign.Right))
            .Render();

        using var pdf = PdfReader.Open(bytes);
        var page = pdf.GetPage(1);
        var words = page.GetWords().DistinctBy(word => word.Text).ToDictionary(word => word.Text);
        Assert.Equal(50, words["Left"].BoundingBox.Left, 1);
        Assert.Equal(page.Width / 2, words["Centred"].BoundingBox.Centroid.X, tolerance: 0.5);
        Assert.Equal(595.28 - 50, words["Right"].BoundingBox.Right, tolerance: 0.5);
        var right = words["Right"].Letters[0];
        Assert.Equal(18, right.PointSize, 1);
        Assert.Contains("Bold", right.FontName, StringComparison.Ordinal);
        Assert.Equal((0.73, 0.11, 0.11), RgbOf(right));
    }

    [Fact]
    public void Content_flows_onto_more_pages_each_numbered_page_x_of_y()
    {
        var column = new Column(4);
        for (var i = 1; i <= 150; i++)
        {
            column.Item(new Text($"Line {i}"));
        }
        var bytes = Document().Add(column).Render();

        using var pdf = PdfReader.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 3);
        for (var number = 1; number <= pdf.NumberOfPages; number++)
        {
            Assert.Contains($"Page {number} of {pdf.NumberOfPages}", pdf.GetPage(number).Text, StringComparison.Ordinal);
        }
        var all = string.Concat(Enumerable.Range(1, pdf.NumberOfPages).Select(n => pdf.GetPage(n).Text));
        Assert.Contains("Line 150", all, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_is_on_every_page_above_the_content()
    {
        var bytes = Document().Header(new Text("DevRel Hub · confidential", TextStyle.Muted)).Add(new Text(string.Join('\n', Enumerable.Range(1, 120).Select(i => $"Line {i}")))).Render();

        using var pdf = PdfReader.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 2);
        foreach (var page in pdf.GetPages())
        {
            var header = page.GetWords().First(word => word.Text == "confidential");
            var firstLine = page.GetWords().Where(word => word.Text == "Line").Max(word => word.BoundingBox.Top);
            Assert.True(header.BoundingBox.Bottom > firstLine, "the header sits above the first line of content");
        }
    }

    [Fact]
    public void A_table_repeats_its_header_on_every_continuation_page_and_never_splits_a_row()
    {
        var table = new Table(TableColumn.Weighted(3), TableColumn.Fixed(80, TextAlign.Right)).Header("Activity", "Awareness");
        for (var i = 1; i <= 120; i++)
        {
            table.Row(i % 10 == 0 ? $"Activity {i} with a title long enough to wrap onto a second line of its cell in this narrow column" : $"Activity {i}", $"{i * 100:N0}");
        }
        var bytes = Document().Add("Before the table").Add(table).Render();

        using var pdf = PdfReader.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 3);
        var seen = new List<int>();
        foreach (var page in pdf.GetPages())
        {
            var words = page.GetWords().ToList();
            var header = words.Single(word => word.Text == "Awareness");
            var rows = words.Where(word => word.Text == "Activity" && Math.Abs(word.BoundingBox.Bottom - header.BoundingBox.Bottom) > 1).ToList();
            Assert.All(rows, row => Assert.True(row.BoundingBox.Top < header.BoundingBox.Bottom, "every row is below the header"));
            seen.AddRange(words.Zip(words.Skip(1)).Where(pair => rows.Contains(pair.First)).Select(pair => int.Parse(pair.Second.Text, System.Globalization.CultureInfo.InvariantCulture)));
            foreach (var wrapped in words.Where(word => word.Text == "with"))
            {
                Assert.Contains(words, word => word.Text == "narrow");
            }
        }
        Assert.Equal(Enumerable.Range(1, 120), seen);
    }

    [Fact]
    public void Rows_share_the_width_fixed_first_then_by_weight()
    {
        var row = new Row(10).Fixed(95, new Text("Fixed")).Relative(new Text("One"), 1).Relative(new Text("Two"), 2);
        var bytes = Document().Add(row).Render();

        using var pdf = PdfReader.Open(bytes);
        var words = pdf.GetPage(1).GetWords().DistinctBy(word => word.Text).ToDictionary(word => word.Text);
        var left = 50.0;
        var share = (595.28 - 100 - 95 - 20) / 3;
        Assert.Equal(left, words["Fixed"].BoundingBox.Left, 1);
        Assert.Equal(left + 95 + 10, words["One"].BoundingBox.Left, 1);
        Assert.Equal(left + 95 + 10 + share + 10, words["Two"].BoundingBox.Left, 1);
    }

    [Fact]
    public void Padding_border_and_background_surround_their_content()
    {
        var boxed = new Text("Boxed").Padding(new Edges(20, 10, 0, 0)).Border(1, Palette.Navy).Background(Palette.Shade);
        var bytes = Document().Add(boxed).Render();

        using var pdf = PdfReader.Open(bytes);
        var word = pdf.GetPage(1).GetWords().Single(w => w.Text == "Boxed");
        Assert.Equal(50 + 1 + 20, word.BoundingBox.Left, 1);
        Assert.Contains(pdf.GetPage(1).Paths, path => path.IsFilled);
        Assert.Contains(pdf.GetPage(1).Paths, path => path.IsStroked);
    }

    [Fact]
    public void A_page_break_starts_a_new_page_and_a_kept_together_block_moves_whole()
    {
        var filler = new Text(string.Join('\n', Enumerable.Range(1, 48).Select(i => $"Filler {i}")));
        var kept = new Text(string.Join('\n', Enumerable.Range(1, 8).Select(i => $"Kept {i}"))).KeepTogether();
        var bytes = Document().Add("First").Add(new PageBreak()).Add("Second").Add(filler).Add(kept).Render();

        using var pdf = PdfReader.Open(bytes);
        Assert.Equal(3, pdf.NumberOfPages);
        Assert.DoesNotContain("Second", pdf.GetPage(1).Text, StringComparison.Ordinal);
        Assert.Contains("Second", pdf.GetPage(2).Text, StringComparison.Ordinal);
        Assert.Contains("Kept 1", pdf.GetPage(3).Text, StringComparison.Ordinal);
        Assert.Contains("Kept 8", pdf.GetPage(3).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heading_kept_with_the_next_block_never_ends_a_page()
    {
        var filler = new Text(string.Join('\n', Enumerable.Range(1, 50).Select(i => $"Filler {i}")));
        var chart = Chart.Bars(["Q1", "Q2"], [new ChartSeries("Awareness", [1, 2])], height: 120);
        var bytes = Document().Add(filler).Add(new Text("Awareness by quarter", TextStyle.Subheading).KeepWithNext()).Add(chart).Render();

        using var pdf = PdfReader.Open(bytes);
        Assert.Equal(2, pdf.NumberOfPages);
        Assert.DoesNotContain("Awareness by quarter", pdf.GetPage(1).Text, StringComparison.Ordinal);
        Assert.Contains("Awareness by quarter", pdf.GetPage(2).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_mark_each_item_and_wrap_under_its_text()
    {
        var list = new BulletList().Item("Awareness is eyeballs").Item(string.Join(' ', Enumerable.Repeat("involvement", 40)));
        var numbered = new BulletList(numbered: true).Item("First").Item("Second");
        var bytes = Document().Add(list).Add(numbered).Render();

        using var pdf = PdfReader.Open(bytes);
        var page = pdf.GetPage(1);
        Assert.Equal(2, page.Letters.Count(letter => letter.Value == "•"));
        Assert.Contains("1.First", page.Text, StringComparison.Ordinal);
        Assert.Contains("2.Second", page.Text, StringComparison.Ordinal);
        var involvement = page.GetWords().Where(word => word.Text == "involvement").ToList();
        Assert.True(Lines(involvement.SelectMany(word => word.Letters)).Count >= 2);
        Assert.All(involvement.GroupBy(word => Math.Round(word.BoundingBox.Bottom)), line => Assert.Equal(66, line.Min(word => word.BoundingBox.Left), 1));
    }

    [Fact]
    public void An_image_is_placed_at_the_width_asked_with_its_proportions()
    {
        using var bitmap = new SKBitmap(40, 20);
        bitmap.Erase(SKColors.CornflowerBlue);
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var bytes = Document().Add(new Pdf.Layout.Image(encoded.ToArray(), width: 120)).Render();

        using var pdf = PdfReader.Open(bytes);
        var image = Assert.Single(pdf.GetPage(1).GetImages());
        Assert.Equal((120, 60), (Math.Round(image.BoundingBox.Width), Math.Round(image.BoundingBox.Height)));
    }

    [Fact]
    public void Charts_are_vectors_with_their_labels_as_text()
    {
        string[] months = ["Jul", "Aug", "Sep"];
        var bytes = Document()
            .Add(Chart.Line(months, [new ChartSeries("Views", [10, 30, 20]), new ChartSeries("Attendees", [5, 8, 13])]))
            .Add(Chart.Bars(months, [new ChartSeries("Talks", [1, 2, 3])]))
            .Add(Chart.StackedBars(months, [new ChartSeries("Contributions", [1, 2, 3]), new ChartSeries("Invitations", [3, 2, 1])]))
            .Add(Chart.Donut([new DonutSlice("YouTube", 3), new DonutSlice("Blog", 1)]))
            .Render();

        using var pdf = PdfReader.Open(bytes);
        var text = string.Concat(pdf.GetPages().Select(page => page.Text));
        Assert.Empty(pdf.GetPages().SelectMany(page => page.GetImages()));
        Assert.True(pdf.GetPages().Sum(page => page.Paths.Count) > 20);
        foreach (var label in new[] { "Jul", "Sep", "Views", "Attendees", "Contributions", "Invitations", "YouTube: 75%", "Blog: 25%" })
        {
            Assert.Contains(label, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("JJuull", text, StringComparison.Ordinal);
        Assert.All(pdf.GetPages().SelectMany(page => page.Letters), letter => Assert.Contains("Inter", letter.FontName, StringComparison.Ordinal));
    }

    [Fact]
    public void A_chart_with_nothing_to_show_says_so()
    {
        var bytes = Document().Add(Chart.Line(["Jul"], [new ChartSeries("Views", [0])])).Add(Chart.Donut([])).Render();

        using var pdf = PdfReader.Open(bytes);
        Assert.Equal(2, pdf.GetPage(1).GetWords().Count(word => word.Text == "chart"));
    }

    [Fact]
    public void An_empty_document_is_one_page_with_its_footer()
    {
        using var pdf = PdfReader.Open(Document().Render());

        Assert.Equal(1, pdf.NumberOfPages);
        Assert.Contains("Page 1 of 1", pdf.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_input_with_a_fixed_date_gives_the_same_bytes()
    {
        byte[] Render() => Document()
            .Add("Deterministic")
            .Add(new Table(TableColumn.Weighted(), TableColumn.Weighted()).Header("Metric", "Total").Row("Views", "1,000"))
            .Add(Chart.Bars(["Q1", "Q2"], [new ChartSeries("Awareness", [1, 2])]))
            .Render();

        Assert.Equal(Render(), Render());
    }

    private static List<double> Lines(IEnumerable<Letter> letters) => letters.Select(letter => Math.Round(letter.Location.Y)).Distinct().ToList();

    private static (double, double, double) RgbOf(Letter letter)
    {
        var (r, g, b) = letter.Color.ToRGBValues();
        return (Math.Round(r, 2), Math.Round(g, 2), Math.Round(b, 2));
    }
}
