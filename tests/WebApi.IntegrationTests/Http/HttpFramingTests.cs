using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Http;

/// <summary>A body whose HTTP framing is broken is a 400 with a <c>detail</c> on a real socket, never a 500.</summary>
public sealed class HttpFramingTests(KestrelServer server) : IClassFixture<KestrelServer>
{
    [Theory]
    [InlineData("/api/v1/auth/login", "ZZ\r\n{}\r\n0\r\n\r\n")]
    [InlineData("/api/v1/workflows/", "ZZ\r\n{}\r\n0\r\n\r\n")]
    [InlineData("/api/v1/workflows/", "2\r\n{}XX\r\n0\r\n\r\n")]
    [InlineData("/api/v2/models/i/bulk_delete", "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n")]
    [InlineData("/api/v1/auth/setup", "-1\r\n{}\r\n0\r\n\r\n")]
    public async Task MalformedChunk_Is400WithADetail(string path, string chunkedBody)
    {
        var (status, body) = await SendRawAsync(
            $"POST {path} HTTP/1.1\r\nHost: {server.Address.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunkedBody}");

        status.Should().Be(400, "the response body was: {0}", body);
        JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
    }

    private async Task<(int Status, string Body)> SendRawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Address.Host, server.Address.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var headersEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = response[..headersEnd];
        var rest = response[(headersEnd + 4)..];
        return (status, head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(rest) : rest);
    }

    private static string Dechunk(string chunked)
    {
        var result = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[position..lineEnd], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
