using SkiaSharp;

namespace DevRelHub.Reports.Pdf.Layout;

/// <summary>A PNG or JPEG image, as wide as <paramref name="width"/> points (or the space it is given), its proportions kept.</summary>
public sealed class Image : Element
{
    private readonly SKImage image;
    private readonly float? width;

    public Image(byte[] encoded, float? width = null)
    {
        using var data = SKData.CreateCopy(encoded);
        image = SKImage.FromEncodedData(data) ?? throw new ArgumentException("The image is neither a PNG nor a JPEG Skia can decode.", nameof(encoded));
        this.width = width;
    }

    internal override Block Layout(float available)
    {
        var shown = Math.Min(width ?? available, available);
        return new ImageBlock(image, shown, shown * image.Height / image.Width);
    }

    private sealed class ImageBlock(SKImage image, float width, float height) : Block
    {
        public override float Height => height;

        public override void Draw(SKCanvas canvas, float x, float y)
        {
            using var paint = new SKPaint { IsAntialias = true };
            canvas.DrawImage(image, SKRect.Create(x, y, width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), paint);
        }
    }
}
