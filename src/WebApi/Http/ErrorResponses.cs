using System.Globalization;
using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Domain.Rules;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Invoke.WebApi.Http;

/// <summary>
/// Turns every failure into InvokeAI's error shapes: <c>{"detail": "…"}</c>, or the 422 list.
/// Database failures by their cause (503 with <c>Retry-After</c> when it is unavailable, 507 when
/// the disk is full); unexpected failures become a bare 500 — never a stack trace.
/// </summary>
internal sealed partial class ErrorResponseMiddleware(RequestDelegate next, DatabaseStorage storage, ILogger<ErrorResponseMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            var fault = storage.Resolve(DatabaseFaults.Classify(exception));
            var (status, body) = fault is null ? Describe(exception) : Describe(fault);
            switch (exception)
            {
                case UnauthenticatedException { Challenge: true }:
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    break;
                case TooManyRequestsException throttled:
                    context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(throttled.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    break;
            }

            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = DatabaseRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }

            if (status == StatusCodes.Status500InternalServerError)
            {
                LogUnexpected(exception, context.Request.Method, context.Request.Path);
            }
            else if (fault is not null)
            {
                LogDatabaseFault(fault.Kind, status, context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
            }

            await ErrorResponses.WriteAsync(context, status, body);
        }
    }

    /// <summary>How long a client is asked to wait before retrying when the database is unavailable.</summary>
    public const int DatabaseRetryAfterSeconds = 5;

    public const string DatabaseUnavailable = "The database is unavailable; try again shortly";
    public const string DiskFull = "The server's disk is full; nothing was saved";

    /// <summary>A database failure, by its real cause (<see cref="DatabaseFaults"/>).</summary>
    private static (int Status, object Body) Describe(DatabaseFault fault) => fault.Kind switch
    {
        DatabaseFaultKind.Transient or DatabaseFaultKind.Unavailable or DatabaseFaultKind.StorageFailure => (StatusCodes.Status503ServiceUnavailable, ErrorResponses.Detail(DatabaseUnavailable)),
        DatabaseFaultKind.DiskFull => (StatusCodes.Status507InsufficientStorage, ErrorResponses.Detail(DiskFull)),
        DatabaseFaultKind.UniqueViolation => (StatusCodes.Status409Conflict, ErrorResponses.Detail("A record with the same key already exists")),
        DatabaseFaultKind.ForeignKeyViolation => (StatusCodes.Status409Conflict, ErrorResponses.Detail("The record refers to one that no longer exists")),
        DatabaseFaultKind.InvalidValue => (StatusCodes.Status400BadRequest, ErrorResponses.Detail("The database refused a value in the request")),
        _ => (StatusCodes.Status500InternalServerError, ErrorResponses.Detail("Internal Server Error")),
    };

    private static (int Status, object Body) Describe(Exception exception) => exception switch
    {
        RequestValidationException validation => (StatusCodes.Status422UnprocessableEntity, ErrorResponses.ValidationBody(validation.Errors)),
        NotFoundException e => (StatusCodes.Status404NotFound, ErrorResponses.Detail(e.Detail)),
        UnauthenticatedException e => (StatusCodes.Status401Unauthorized, ErrorResponses.Detail(e.Detail)),
        ForbiddenException e => (StatusCodes.Status403Forbidden, ErrorResponses.Detail(e.Detail)),
        BadRequestException e => (StatusCodes.Status400BadRequest, ErrorResponses.Detail(e.Detail)),
        ConflictException e => (StatusCodes.Status409Conflict, ErrorResponses.Detail(e.Detail)),
        PreconditionFailedException e => (StatusCodes.Status412PreconditionFailed, ErrorResponses.Detail(e.Detail)),
        TooManyRequestsException e => (StatusCodes.Status429TooManyRequests, ErrorResponses.Detail(e.Detail)),
        UnsupportedMediaTypeException e => (StatusCodes.Status415UnsupportedMediaType, ErrorResponses.Detail(e.Detail)),
        ServerFailureException e => (StatusCodes.Status500InternalServerError, ErrorResponses.Detail(e.Detail)),
        NotSupportedByServerException e => (StatusCodes.Status501NotImplemented, ErrorResponses.Detail(e.Detail)),
        BusinessRuleViolationException e => (
            e.BrokenRule.Kind == RuleViolationKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest,
            ErrorResponses.Detail(e.BrokenRule.Message)),
        DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, ErrorResponses.Detail("The record was changed by another request; try again")),
        PayloadTooLargeException e => (StatusCodes.Status413PayloadTooLarge, ErrorResponses.Detail(e.Message)),
        BadHttpRequestException e => (e.StatusCode, ErrorResponses.Detail(e.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? PayloadTooLargeException.DefaultMessage
            : "Bad request")),
        InvalidDataException => (StatusCodes.Status400BadRequest, ErrorResponses.Detail("The request body could not be read")),
        OperationCanceledException => (499, ErrorResponses.Detail("Request cancelled")),
        _ => (StatusCodes.Status500InternalServerError, ErrorResponses.Detail("Internal Server Error")),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database failure ({Kind}) answered {Status} for {Method} {Path}: {Reason}")]
    private partial void LogDatabaseFault(DatabaseFaultKind kind, int status, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure handling {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, string method, string path);
}

/// <summary>The request body is larger than the server accepts for this route.</summary>
internal sealed class PayloadTooLargeException(string message) : Exception(message)
{
    public const string DefaultMessage = "Request body too large";

    public PayloadTooLargeException()
        : this(DefaultMessage)
    {
    }
}

internal static class ErrorResponses
{
    public static Dictionary<string, object?> Detail(string detail) => new() { ["detail"] = detail };

    public static Dictionary<string, object?> ValidationBody(IReadOnlyList<RequestValidationError> errors) => new()
    {
        ["detail"] = errors.Select(ToItem).ToList(),
    };

    public static async Task WriteAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, ApiJson.Options, context.RequestAborted);
    }

    private static Dictionary<string, object?> ToItem(RequestValidationError error)
    {
        var item = new Dictionary<string, object?>
        {
            ["type"] = error.Type,
            ["loc"] = error.Loc,
            ["msg"] = error.Msg,
            ["input"] = error.Input,
        };
        if (error.Ctx is not null)
        {
            item["ctx"] = error.Ctx;
        }

        return item;
    }
}
