using Invoke.Application.Errors;
using SkiaSharp;

namespace Invoke.Infrastructure.Workflows;

/// <summary>
/// Turns an uploaded image into a WebP thumbnail that fits 256×256 (aspect kept, never enlarged),
/// with memory bounded per request and per server:
/// <list type="bullet">
/// <item>the declared dimensions are read from the header first, and an image above
/// <see cref="MaxSourcePixels"/> is refused before any pixel memory is taken;</item>
/// <item>formats that can decode at a reduced size (JPEG: 1/2, 1/4, 1/8) are decoded at the
/// smallest size still at least as large as the thumbnail;</item>
/// <item>at most <see cref="MaxConcurrentDecodes"/> images are decoded at once, the others wait;</item>
/// <item>an image whose data ends early (truncated) is refused, not shown half-grey.</item>
/// </list>
/// Every refusal is 415 "Failed to read image", as for data that is no image at all.
/// </summary>
internal static class ThumbnailEncoder
{
    public const int MaxSide = 256;

    /// <summary>4096×4096: a decoded bitmap of at most 64 MiB.</summary>
    public const long MaxSourcePixels = 4096L * 4096;

    public const int MaxConcurrentDecodes = 2;

    public const string FailedToRead = "Failed to read image";

    private const int WebpQuality = 80;

    private static readonly SemaphoreSlim Decodes = new(MaxConcurrentDecodes, MaxConcurrentDecodes);

    /// <summary>How many decodes run now (for tests that check the bound).</summary>
    public static int RunningDecodes => MaxConcurrentDecodes - Decodes.CurrentCount;

    public static async Task<byte[]> EncodeAsync(Stream image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var buffer = new MemoryStream();
        await image.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;

        await Decodes.WaitAsync(cancellationToken);
        try
        {
            return Encode(buffer);
        }
        finally
        {
            Decodes.Release();
        }
    }

    private static byte[] Encode(MemoryStream source)
    {
        using var codec = SKCodec.Create(source) ?? throw new UnsupportedMediaTypeException(FailedToRead);
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxSourcePixels)
        {
            throw new UnsupportedMediaTypeException(FailedToRead);
        }

        var scale = Math.Min(1.0, Math.Min((double)MaxSide / info.Width, (double)MaxSide / info.Height));
        var width = Math.Max(1, (int)Math.Round(info.Width * scale));
        var height = Math.Max(1, (int)Math.Round(info.Height * scale));

        // The smallest size the codec decodes to directly that still covers the thumbnail.
        var decodeSize = codec.GetScaledDimensions((float)Math.Max((double)width / info.Width, (double)height / info.Height));
        if (decodeSize.Width < width || decodeSize.Height < height || decodeSize.Width > info.Width)
        {
            decodeSize = new SKSizeI(info.Width, info.Height);
        }

        var hasAlpha = info.AlphaType != SKAlphaType.Opaque;
        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, hasAlpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        using var decoded = new SKBitmap(decodeInfo);
        if (codec.GetPixels(decodeInfo, decoded.GetPixels()) != SKCodecResult.Success)
        {
            // IncompleteInput (truncated data) included: a thumbnail is never made of half an image.
            throw new UnsupportedMediaTypeException(FailedToRead);
        }

        using var resized = decodeSize.Width != width || decodeSize.Height != height
            ? decoded.Resize(new SKImageInfo(width, height, decodeInfo.ColorType, decodeInfo.AlphaType), new SKSamplingOptions(SKCubicResampler.Mitchell))
            : null;
        using var thumbnail = SKImage.FromBitmap(resized ?? decoded);
        using var data = thumbnail.Encode(SKEncodedImageFormat.Webp, WebpQuality)
            ?? throw new UnsupportedMediaTypeException(FailedToRead);
        return data.ToArray();
    }
}
