using Invoke.Application.Errors;
using Invoke.Application.Workflows;
using SkiaSharp;

namespace Invoke.Infrastructure.Workflows;

/// <summary>
/// Thumbnails as WebP files named after the workflow, shrunk to fit 256×256 (aspect kept, never
/// enlarged). Files are replaced atomically so that a reader never sees half a file.
/// </summary>
internal sealed class FileWorkflowThumbnailStore(InvokePaths paths) : IWorkflowThumbnailStore
{
    public const int MaxSide = 256;

    /// <summary>Larger images are refused before decoding rather than risk exhausting memory.</summary>
    public const long MaxSourcePixels = 64L * 1024 * 1024;

    private const int WebpQuality = 80;
    private const string FailedToRead = "Failed to read image";

    public string ContentType => "image/webp";

    public async Task SaveAsync(string workflowId, Stream image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var buffer = new MemoryStream();
        await image.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;

        var encoded = Encode(buffer);
        Directory.CreateDirectory(paths.WorkflowThumbnails);
        var target = PathOf(workflowId);
        var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, encoded, cancellationToken);
        File.Move(temporary, target, overwrite: true);
    }

    public Stream? OpenRead(string workflowId)
    {
        try
        {
            return new FileStream(PathOf(workflowId), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string workflowId, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(workflowId));
        }
        catch (DirectoryNotFoundException)
        {
            // No thumbnail was ever saved on this server: there is nothing to delete.
        }

        return Task.CompletedTask;
    }

    private static byte[] Encode(MemoryStream source)
    {
        using var codec = SKCodec.Create(source) ?? throw new UnsupportedMediaTypeException(FailedToRead);
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxSourcePixels)
        {
            throw new UnsupportedMediaTypeException(FailedToRead);
        }

        var hasAlpha = info.AlphaType != SKAlphaType.Opaque;
        var decodeInfo = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, hasAlpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        using var original = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, original.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new UnsupportedMediaTypeException(FailedToRead);
        }

        var scale = Math.Min(1.0, Math.Min((double)MaxSide / info.Width, (double)MaxSide / info.Height));
        var width = Math.Max(1, (int)Math.Round(info.Width * scale));
        var height = Math.Max(1, (int)Math.Round(info.Height * scale));
        using var resized = scale < 1.0
            ? original.Resize(new SKImageInfo(width, height, decodeInfo.ColorType, decodeInfo.AlphaType), new SKSamplingOptions(SKCubicResampler.Mitchell))
            : null;
        using var image = SKImage.FromBitmap(resized ?? original);
        using var data = image.Encode(SKEncodedImageFormat.Webp, WebpQuality)
            ?? throw new UnsupportedMediaTypeException(FailedToRead);
        return data.ToArray();
    }

    private string PathOf(string workflowId)
    {
        // Ids come from the database, but the file name must never leave the thumbnails directory.
        if (workflowId.Length == 0 || workflowId.IndexOfAny(['/', '\\', '\0']) >= 0 || workflowId is "." or "..")
        {
            throw new ArgumentException("Not a valid workflow id for a file name.", nameof(workflowId));
        }

        return Path.Combine(paths.WorkflowThumbnails, workflowId + ".webp");
    }
}
