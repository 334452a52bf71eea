using System.Text;
using System.Text.Json;
using Invoke.Application.ClientState;
using Invoke.Application.Errors;
using Invoke.WebApi.Http;
using Invoke.WebApi.Security;
using Mediator;

namespace Invoke.WebApi.ClientState;

/// <summary>
/// <c>/api/v1/client_state</c>: the UI's settings, kept per user (the <c>system</c> user in
/// single-user mode). The queue id in the path is ignored, as in InvokeAI.
/// </summary>
internal static class ClientStateEndpoints
{
    /// <summary>A value at its size limit, JSON-escaped, fits.</summary>
    private const long BodyLimit = (ClientStateLimits.MaxValueLength * 2L) + 1024;

    public static IEndpointRouteBuilder MapClientStateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/client_state/{queue_id}").WithTags("client_state").WithAccess(RouteAccess.User);
        group.MapGet("/get_by_key", GetAsync).WithName("get_client_state_by_key");
        group.MapPost("/set_by_key", SetAsync).WithName("set_client_state");
        group.MapPost("/delete", DeleteAsync).WithName("delete_client_state");
        return app;
    }

    private static async Task<IResult> GetAsync(string? key, ISender sender) =>
        await sender.Send(new GetClientStateValueQuery(key ?? string.Empty)) is { } value ? Results.Json(value, ApiJson.Options) : JsonNull();

    /// <summary>
    /// The value is the body: a JSON string under a JSON content type, else the body's text as sent
    /// (InvokeAI's UI posts the serialized state as <c>text/plain</c>).
    /// </summary>
    private static async Task<IResult> SetAsync(string? key, HttpRequest request, ISender sender)
    {
        string value;
        if (request.HasJsonContentType())
        {
            var body = await JsonBody.ReadAsync(request, BodyLimit);
            if (body.ValueKind != JsonValueKind.String)
            {
                throw new RequestValidationException(new RequestValidationError("string_type", ["body"], "Input should be a valid string", body));
            }

            value = body.GetString()!;
        }
        else
        {
            value = await ReadTextAsync(request);
        }

        return Results.Json(await sender.Send(new SetClientStateValueCommand(key ?? string.Empty, value)), ApiJson.Options);
    }

    private static async Task<string> ReadTextAsync(HttpRequest request)
    {
        if (request.ContentLength > BodyLimit)
        {
            throw new PayloadTooLargeException();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > BodyLimit)
            {
                throw new PayloadTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new RequestValidationException(RequestValidationError.Missing(["body"], null));
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new RequestValidationException(new RequestValidationError(
                "string_unicode", ["body"], "Input should be a valid string, unable to parse raw data as a unicode string", null));
        }
    }

    private static async Task<IResult> DeleteAsync(ISender sender)
    {
        await sender.Send(new DeleteClientStateCommand());
        return JsonNull();
    }

    private static IResult JsonNull() => Results.Content("null", "application/json");
}
