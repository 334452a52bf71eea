using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Invoke.Tests.Shared;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Workflows;

/// <summary>
/// Thumbnail decoding that cannot be abused: a tiny file that declares a huge image is refused
/// before any pixel memory is taken, a truncated image is refused (415, like any unreadable image),
/// and many such uploads at once leave the server's memory where it was.
/// </summary>
public sealed class ThumbnailDecodingTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task SetThumbnail_WithATinyPngDeclaring8192x8192_Is415_AndMemoryStaysBounded()
    {
        var bomb = PngDeclaring(8192, 8192);
        bomb.Length.Should().BeLessThan(200);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await _client.CreateAsync());
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5);
            }
        });

        var responses = await Task.WhenAll(ids.Select(id => _client.PutThumbnailAsync(id, bomb)));
        await sampling.CancelAsync();
        await sampler;

        foreach (var response in responses)
        {
            (await response.ShouldFailWithAsync(HttpStatusCode.UnsupportedMediaType)).Should().Be("Failed to read image");
            response.Dispose();
        }

        // Decoded at full size, each would take 8192 × 8192 × 4 bytes = 256 MiB (2 GiB for the eight).
        (peak - before).Should().BeLessThan(192L * 1024 * 1024);
    }

    [Fact]
    public async Task SetThumbnail_WithATruncatedPng_Is415_AndStoresNothing()
    {
        var id = await _client.CreateAsync();
        var whole = TestImages.Png(200, 200);
        var truncated = whole[..(whole.Length / 2)];

        (await (await _client.PutThumbnailAsync(id, truncated)).ShouldFailWithAsync(HttpStatusCode.UnsupportedMediaType)).Should().Be("Failed to read image");

        (await _client.GetAsync($"/api/v1/workflows/i/{id}/thumbnail")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await (await _client.PutThumbnailAsync(id, whole)).ShouldBeJsonNullAsync();
    }

    [Fact]
    public async Task SetThumbnail_WithAPngJustInsideThePixelBudget_IsStored()
    {
        var id = await _client.CreateAsync();

        await (await _client.PutThumbnailAsync(id, TestImages.Png(4096, 1024))).ShouldBeJsonNullAsync();

        using var served = await _client.GetAsync($"/api/v1/workflows/i/{id}/thumbnail");
        var image = TestImages.Decode(await served.Content.ReadAsByteArrayAsync());
        (image.Width, image.Height).Should().Be((256, 64));
    }

    /// <summary>A valid PNG header declaring <paramref name="width"/>×<paramref name="height"/> RGBA, then a few bytes of pixel data and no end.</summary>
    private static byte[] PngDeclaring(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        Chunk(png, "IHDR", header);

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[4096]);
        }

        Chunk(png, "IDAT", pixels.ToArray()[..Math.Min(100, (int)pixels.Length)]);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
