using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Invoke.Application.Errors;

namespace Invoke.WebApi.Http;

/// <summary>Reads a JSON request body within a size limit, failing the way InvokeAI's server does.</summary>
internal static class JsonBody
{
    /// <summary>Workflow documents are tens of kilobytes; a few megabytes is generous.</summary>
    public const long DefaultLimit = 8 * 1024 * 1024;

    /// <summary>Object bodies of a few short fields (logins, users, model changes).</summary>
    public const long SmallLimit = 64 * 1024;

    public const string UnreadableBody = "There was an error parsing the body";

    /// <summary>
    /// The parsed body. Too large ⇒ 413; empty ⇒ 422 <c>missing</c> at <c>["body"]</c>; not UTF-8 ⇒ 400;
    /// not JSON ⇒ 422 <c>json_invalid</c>.
    /// </summary>
    public static async Task<JsonElement> ReadAsync(HttpRequest request, long limit = DefaultLimit)
    {
        if (request.ContentLength > limit)
        {
            throw new PayloadTooLargeException();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await ReadFramedAsync(request, chunk)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new PayloadTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new RequestValidationException(RequestValidationError.Missing(["body"], null));
        }

        if (!Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            // FastAPI's answer when the bytes cannot be decoded at all.
            throw new BadRequestException(UnreadableBody);
        }

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new RequestValidationException(new RequestValidationError(
                "json_invalid",
                ["body", CharacterOffset(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), e.LineNumber ?? 0, e.BytePositionInLine ?? 0)],
                "JSON decode error",
                new Dictionary<string, object?>(),
                new Dictionary<string, object?> { ["error"] = e.Message.Split(" Path:", 2)[0] }));
        }

        if (!IsText(body))
        {
            throw new RequestValidationException(new RequestValidationError(
                "string_unicode", ["body"], "Input should be a valid string, unable to parse raw data as a unicode string", null));
        }

        return body;
    }

    /// <summary>
    /// False when a string or property name holds an escaped unpaired surrogate (<c>"\ud800"</c>):
    /// valid JSON, but not text that can be stored or written back out.
    /// </summary>
    private static bool IsText(JsonElement body)
    {
        try
        {
            using var writer = new Utf8JsonWriter(Stream.Null);
            body.WriteTo(writer);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Where parsing failed as InvokeAI reports it: characters from the start of the body. The
    /// parser gives a line and a byte position within that line.
    /// </summary>
    private static int CharacterOffset(ReadOnlySpan<byte> utf8, long line, long bytePositionInLine)
    {
        var lineStart = 0;
        for (long i = 0; i < line; i++)
        {
            var newline = utf8[lineStart..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            lineStart += newline + 1;
        }

        var end = (int)Math.Min(utf8.Length, lineStart + bytePositionInLine);
        return Encoding.UTF8.GetCharCount(utf8[..end]);
    }

    /// <summary>
    /// Reads the body as the connection delivers it. Broken framing (a chunk size that is not a
    /// number, or overflows) reaches the application as an <see cref="IOException"/> from the
    /// server: the client's fault, so a 400.
    /// </summary>
    public static async Task<int> ReadFramedAsync(HttpRequest request, Memory<byte> into)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await request.Body.ReadAsync(into, request.HttpContext.RequestAborted);
        }
        catch (IOException e) when (!request.HttpContext.RequestAborted.IsCancellationRequested && e is not BadHttpRequestException)
        {
            throw new BadRequestException(UnreadableFraming);
        }
    }

    public const string UnreadableFraming = "The request body could not be read";

    /// <summary>A 422 unless the body is a JSON object.</summary>
    public static JsonElement RequireObject(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object
            ? body
            : throw new RequestValidationException(RequestValidationError.NotAnObject(["body"], body));
}
