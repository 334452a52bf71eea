using SkiaSharp;

namespace Invoke.Tests.Shared;

/// <summary>Real images made on the spot, and what a stored thumbnail turned out to be.</summary>
public static class TestImages
{
    public static byte[] Png(int width, int height, bool transparent = false) =>
        Encode(width, height, SKEncodedImageFormat.Png, transparent ? SKColors.Transparent : SKColors.OrangeRed);

    public static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg, SKColors.SteelBlue);

    /// <summary>The format, size and top-left pixel of an encoded image.</summary>
    public static DecodedImage Decode(byte[] encoded)
    {
        using var codec = SKCodec.Create(new MemoryStream(encoded))
            ?? throw new InvalidOperationException("The bytes are not an image SkiaSharp can read.");
        using var bitmap = SKBitmap.Decode(encoded);
        return new DecodedImage(codec.EncodedFormat, codec.Info.Width, codec.Info.Height, bitmap.GetPixel(0, 0));
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, SKColor color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}

public sealed record DecodedImage(SKEncodedImageFormat Format, int Width, int Height, SKColor TopLeft);
