using Invoke.Application.Users;

namespace Invoke.WebApi.Security;

/// <summary>
/// Sliding sessions (contract §2.3): a successful POST/PUT/PATCH/DELETE made with a Bearer token
/// that is still honoured gets a fresh token in <c>X-Refreshed-Token</c>, minted from the caller's
/// current database row. Never for GETs, failures, login/logout/media-cookie, or stale tokens.
/// <para>
/// The refresh runs after the handler (so that it reflects what the request changed — a new
/// password or role) and so after the commit: a failure here (the database gone in between) is
/// logged and the response goes out without the header, as committed. The client's token is still
/// valid; it is refreshed on its next write.
/// </para>
/// </summary>
internal sealed partial class TokenRefreshMiddleware(RequestDelegate next, TimeProvider time, ILogger<TokenRefreshMiddleware> logger)
{
    public const string Header = "X-Refreshed-Token";

    private static readonly string[] ExcludedPaths = ["/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/auth/media-cookie"];

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        string? authorization = request.Headers.Authorization;
        if ((HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method))
            && authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            && !ExcludedPaths.Contains(request.Path.Value?.TrimEnd('/'), StringComparer.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            context.Response.OnStarting(() => RefreshAsync(context, token));
        }

        return next(context);
    }

    private async Task RefreshAsync(HttpContext context, string token)
    {
        var response = context.Response;
        if (response.StatusCode >= 400 || response.Headers.ContainsKey(Header))
        {
            return;
        }

        try
        {
            await AddRefreshedTokenAsync(context, token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            LogRefreshFailed(e, context.Request.Method, context.Request.Path);
        }
    }

    private async Task AddRefreshedTokenAsync(HttpContext context, string token)
    {
        var response = context.Response;
        var services = context.RequestServices;
        var result = await services.GetRequiredService<TokenAuthenticator>().AuthenticateAsync(token, context.RequestAborted);
        if (result.User is not { } user)
        {
            return;
        }

        var refreshed = await services.GetRequiredService<ITokenService>().IssueAsync(TokenLifetimes.ClaimsFor(user, time), context.RequestAborted);
        response.Headers[Header] = refreshed.Token;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sliding refresh after a successful {Method} {Path} failed; answered without a refreshed token")]
    private partial void LogRefreshFailed(Exception exception, string method, string path);
}
