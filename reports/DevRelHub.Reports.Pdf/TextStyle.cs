using SkiaSharp;

namespace DevRelHub.Reports.Pdf;

/// <summary>How a run of text looks: size in points, weight and colour.</summary>
public sealed record TextStyle(float Size = 10, bool Bold = false, uint Color = 0xFF1F2937)
{
    public static TextStyle Body { get; } = new();

    public static TextStyle Title { get; } = new(22, Bold: true, Color: 0xFF1E3A8A);

    public static TextStyle Heading { get; } = new(14, Bold: true, Color: 0xFF1E3A8A);

    public static TextStyle Muted { get; } = new(8, Color: 0xFF6B7280);

    public float LineHeight => Size * 1.35f;

    internal SKTypeface Typeface => Bold ? PdfFonts.Bold : PdfFonts.Regular;

    // Unhinted, subpixel, linear metrics: without these small text looks letter-spaced in a PDF.
    internal SKFont CreateFont() => new(Typeface, Size) { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true };

    internal SKPaint CreatePaint() => new() { Color = new SKColor(Color), IsAntialias = true };

    internal float Measure(string text)
    {
        using var font = CreateFont();
        return font.MeasureText(text);
    }

    // Glyphs straight from the font's character map, not HarfBuzz shaping: shaping swaps in contextual
    // alternates (Inter's hyphen between digits and capitals) that have no character behind them,
    // and the PDF's text then reads "2026Q3" instead of "2026-Q3".
    internal void Draw(SKCanvas canvas, string text, float x, float baseline)
    {
        using var font = CreateFont();
        using var paint = CreatePaint();
        canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, paint);
    }

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/>, splitting words longer than a line.</summary>
    internal IReadOnlyList<string> Wrap(string text, float width)
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
                while (font.MeasureText(line) > width && line.Length > 1)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && font.MeasureText(line[..fit]) > width)
                    {
                        fit--;
                    }
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>Draws lines one below the other, the first on <paramref name="firstBaseline"/>.</summary>
    internal void DrawLines(SKCanvas canvas, IReadOnlyList<string> lines, float x, float firstBaseline)
    {
        var baseline = firstBaseline;
        foreach (var line in lines)
        {
            Draw(canvas, line, x, baseline);
            baseline += LineHeight;
        }
    }
}
