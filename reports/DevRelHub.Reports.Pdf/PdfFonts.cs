using SkiaSharp;

namespace DevRelHub.Reports.Pdf;

/// <summary>
/// The typefaces every document uses: Inter (SIL Open Font License, Fonts/OFL.txt), shipped inside
/// this assembly so a PDF looks the same on every machine, whatever fonts the server has.
/// </summary>
public static class PdfFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("Inter-Regular.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("Inter-Bold.ttf"));

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string file)
    {
        var name = $"DevRelHub.Reports.Pdf.Fonts.{file}";
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in {typeof(PdfFonts).Assembly.GetName().Name}.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The font {name} could not be read.");
    }
}
