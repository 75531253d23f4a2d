using SkiaSharp;

namespace DevRelHub.Reports.Pdf;

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>How a run of text looks: size in points, weight (of the embedded <see cref="PdfFont.Inter"/>), colour and alignment.</summary>
public sealed record TextStyle(float Size = 10, bool Bold = false, uint Color = Palette.Ink, TextAlign Align = TextAlign.Left)
{
    public static TextStyle Body { get; } = new();

    public static TextStyle Title { get; } = new(24, Bold: true, Color: Palette.Navy);

    public static TextStyle Heading { get; } = new(15, Bold: true, Color: Palette.Navy);

    public static TextStyle Subheading { get; } = new(11, Bold: true, Color: Palette.Ink);

    public static TextStyle Muted { get; } = new(8, Color: Palette.Grey);

    public float LineHeight => Size * 1.35f;

    public TextStyle WithAlign(TextAlign align) => this with { Align = align };

    internal SKTypeface Typeface => PdfFont.Inter.Face(Bold);

    // Unhinted, subpixel, linear metrics: without these small text looks letter-spaced in a PDF.
    internal SKFont CreateFont() => new(Typeface, Size) { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true };

    internal SKPaint CreatePaint() => new() { Color = new SKColor(Color), IsAntialias = true };

    /// <summary>Where the baseline sits below the top of a line: the line's spare height split evenly above and below the glyphs.</summary>
    internal float BaselineOffset(SKFont font) => (LineHeight - (font.Metrics.Descent - font.Metrics.Ascent)) / 2 - font.Metrics.Ascent;

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/>, splitting words longer than a line.</summary>
    internal List<string> Wrap(string text, float width)
    {
        using var font = CreateFont();
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
                line = word;
                while (line.Length > 1 && font.MeasureText(line) > width)
                {
                    var fit = LongestFittingPrefix(font, line, width);
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    // Binary search: a 300-character word costs nine measurements, not three hundred.
    private static int LongestFittingPrefix(SKFont font, string word, float width)
    {
        int low = 1, high = word.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (font.MeasureText(word.AsSpan(0, middle)) <= width)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return low;
    }

    // Glyphs straight from the font's character map, not HarfBuzz shaping: shaping swaps in contextual
    // alternates (Inter's hyphen between digits and capitals) that have no character behind them,
    // and the PDF's text then reads "2026Q3" instead of "2026-Q3".
    /// <summary>Draws lines one below the other from <paramref name="top"/>, each aligned within <paramref name="width"/>.</summary>
    internal void DrawLines(SKCanvas canvas, IReadOnlyList<string> lines, int first, int count, float x, float top, float width)
    {
        using var font = CreateFont();
        using var paint = CreatePaint();
        var baseline = top + BaselineOffset(font);
        for (var i = first; i < first + count; i++)
        {
            var line = lines[i];
            var left = Align switch
            {
                TextAlign.Left => x,
                TextAlign.Center => x + (width - font.MeasureText(line)) / 2,
                _ => x + width - font.MeasureText(line),
            };
            canvas.DrawText(line, left, baseline, SKTextAlign.Left, font, paint);
            baseline += LineHeight;
        }
    }
}

/// <summary>The colours the documents use, as ARGB.</summary>
public static class Palette
{
    public const uint Ink = 0xFF1F2937;
    public const uint Grey = 0xFF6B7280;
    public const uint Rule = 0xFFD1D5DB;
    public const uint Shade = 0xFFF1F5F9;
    public const uint Navy = 0xFF1E3A8A;
    public const uint White = 0xFFFFFFFF;
    public const uint Green = 0xFF15803D;
    public const uint Red = 0xFFB91C1C;

    /// <summary>Series colours for charts, distinct for readers with the common colour-vision deficiencies.</summary>
    public static IReadOnlyList<uint> Series { get; } = [0xFF2563EB, 0xFFF59E0B, 0xFF10B981, 0xFFEF4444, 0xFF8B5CF6, 0xFF0EA5E9, 0xFFEC4899, 0xFF84CC16];

    /// <summary>The colour a chart gives its <paramref name="index"/>th series or slice, so a table beside it can name it.</summary>
    public static uint SeriesColor(int index) => Series[index % Series.Count];
}
