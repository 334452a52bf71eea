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

    private static async Task<IResult> SetAsync(string? key, HttpRequest request, ISender sender)
    {
        var body = await JsonBody.ReadAsync(request, BodyLimit);
        if (body.ValueKind != JsonValueKind.String)
        {
            throw new RequestValidationException(new RequestValidationError("string_type", ["body"], "Input should be a valid string", body));
        }

        return Results.Json(await sender.Send(new SetClientStateValueCommand(key ?? string.Empty, body.GetString()!)), ApiJson.Options);
    }

    private static async Task<IResult> DeleteAsync(ISender sender)
    {
        await sender.Send(new DeleteClientStateCommand());
        return JsonNull();
    }

    private static IResult JsonNull() => Results.Content("null", "application/json");
}
