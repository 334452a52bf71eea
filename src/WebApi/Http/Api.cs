using System.Text.Json;
using Mediator;

namespace Invoke.WebApi.Http;

/// <summary>The results endpoints answer with, in InvokeAI's JSON conventions.</summary>
internal static class Api
{
    public static IResult Ok<T>(T value) => Results.Json(value, ApiJson.Options);

    public static IResult Created<T>(T value) => Results.Json(value, ApiJson.Options, statusCode: StatusCodes.Status201Created);

    /// <summary>The JSON literal <c>null</c>, as InvokeAI answers for actions without a result.</summary>
    public static IResult Null(Unit done) => Results.Content("null", "application/json");

    public static IResult NoContent(Unit done) => Results.NoContent();
}

/// <summary>The success responses an endpoint declares for <c>/openapi.json</c>.</summary>
internal static class ApiResponseConventions
{
    public static RouteHandlerBuilder Returns<T>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK) =>
        builder.Produces<T>(status, "application/json");

    /// <summary>A JSON body of any value (InvokeAI answers <c>null</c>).</summary>
    public static RouteHandlerBuilder ReturnsNull(this RouteHandlerBuilder builder) =>
        builder.Produces<JsonElement>(StatusCodes.Status200OK, "application/json");

    public static RouteHandlerBuilder ReturnsNoContent(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status204NoContent);

    public static RouteHandlerBuilder ReturnsImage(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status200OK, contentType: "image/webp", additionalContentTypes: ["image/png", "image/jpeg"]);
}

/// <summary>The body of every error but a validation error, as documented (<c>{"detail": "…"}</c>).</summary>
internal sealed record ErrorDetail(string Detail);
