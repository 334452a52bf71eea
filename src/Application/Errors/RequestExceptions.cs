namespace Invoke.Application.Errors;

/// <summary>
/// The closed set of failures a use case reports. Each maps to one status code and a
/// <c>{"detail": …}</c> body in the web layer's single exception handler.
/// </summary>
public abstract class RequestException(string detail) : Exception(detail)
{
    public string Detail { get; } = detail;
}

/// <summary>404: the thing named in the request does not exist.</summary>
public sealed class NotFoundException(string detail) : RequestException(detail);

/// <summary>
/// 401: the caller has not proven who they are. <paramref name="challenge"/> asks the client for a
/// Bearer token (<c>WWW-Authenticate: Bearer</c>).
/// </summary>
public sealed class UnauthenticatedException(string detail, bool challenge = false) : RequestException(detail)
{
    public bool Challenge { get; } = challenge;
}

/// <summary>403: the caller is known but may not do this.</summary>
public sealed class ForbiddenException(string detail) : RequestException(detail);

/// <summary>400: the request is well-formed but cannot be carried out.</summary>
public sealed class BadRequestException(string detail) : RequestException(detail);

/// <summary>409: the request conflicts with the current state.</summary>
public sealed class ConflictException(string detail) : RequestException(detail);

/// <summary>412: a precondition of the request (<c>If-Match</c>) does not hold for the current state.</summary>
public sealed class PreconditionFailedException(string detail) : RequestException(detail);

/// <summary>429: too many attempts; the caller may try again after <paramref name="retryAfter"/>.</summary>
public sealed class TooManyRequestsException(string detail, TimeSpan retryAfter) : RequestException(detail)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>415: an uploaded file is not of a kind the server accepts.</summary>
public sealed class UnsupportedMediaTypeException(string detail) : RequestException(detail);

/// <summary>500: the server failed at something it should manage; the detail says what failed, never why.</summary>
public sealed class ServerFailureException(string detail) : RequestException(detail);

/// <summary>501: the operation needs something this server does not have (the internet, a GPU runtime).</summary>
public sealed class NotSupportedByServerException(string detail) : RequestException(detail)
{
    public const string DefaultDetail = "Not supported by this server";
}

/// <summary>
/// 422: the request's shape or values are invalid. Carries every problem found, in the shape
/// InvokeAI's clients parse (<c>{"detail": [{"type", "loc", "msg", "input"}]}</c>).
/// </summary>
public sealed class RequestValidationException(IReadOnlyList<RequestValidationError> errors)
    : Exception(errors.Count == 0 ? "Invalid request" : errors[0].Msg)
{
    public IReadOnlyList<RequestValidationError> Errors { get; } = errors;

    public RequestValidationException(RequestValidationError error)
        : this([error])
    {
    }

    /// <summary>Throws when <paramref name="errors"/> holds anything.</summary>
    public static void ThrowIfAny(IReadOnlyList<RequestValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}
