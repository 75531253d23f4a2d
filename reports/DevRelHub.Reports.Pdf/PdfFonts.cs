using SkiaSharp;

namespace DevRelHub.Reports.Pdf;

/// <summary>
/// A font family's two faces, regular and bold. <see cref="Inter"/> (SIL Open Font License, Fonts/OFL.txt) ships
/// inside this assembly so a PDF looks the same on every machine, whatever fonts the server has.
/// </summary>
public sealed class PdfFont(string family, SKTypeface regularFace, SKTypeface boldFace)
{
    private static readonly Lazy<PdfFont> InterFont = new(() => new PdfFont("Inter", Load("Inter-Regular.ttf"), Load("Inter-Bold.ttf")));

    public static PdfFont Inter => InterFont.Value;

    public string Family { get; } = family;

    internal SKTypeface Face(bool bold) => bold ? boldFace : regularFace;

    private static SKTypeface Load(string file)
    {
        var name = $"DevRelHub.Reports.Pdf.Fonts.{file}";
        using var stream = typeof(PdfFont).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in {typeof(PdfFont).Assembly.GetName().Name}.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The font {name} could not be read.");
    }
}
