using Invoke.Application.Errors;
using Invoke.Application.Security;
using Invoke.Application.Users;

namespace Invoke.WebApi.Security;

/// <summary>
/// Establishes who is calling and applies the route's declared access level with InvokeAI's exact
/// 401/403 answers (contract §2.1). The identity is rebuilt from the database on every request, so
/// demotion, deactivation and password changes act at once.
/// </summary>
internal sealed class AccessControlMiddleware(RequestDelegate next, ServerMode mode)
{
    public const string TokenExpiryItem = "invoke.token-expires-at";

    public async Task InvokeAsync(HttpContext context, CurrentUserHolder currentUser, TokenAuthenticator authenticator)
    {
        var access = context.GetEndpoint()?.Metadata.GetMetadata<RouteAccessMetadata>()?.Access;
        if (access is null)
        {
            // Not a route (404 or 405 follows): nothing to protect, nobody to identify.
            await next(context);
            return;
        }

        currentUser.User = access switch
        {
            RouteAccess.StrictUser or RouteAccess.StrictAdmin => await StrictAsync(context, authenticator),
            _ when !mode.MultiUser => AuthenticatedUser.SystemAdministrator,
            RouteAccess.Public => await OptionalAsync(context, authenticator),
            _ => await RequiredAsync(context, authenticator),
        };

        if (access is RouteAccess.Admin or RouteAccess.StrictAdmin && currentUser.User is { IsAdmin: false })
        {
            throw new ForbiddenException(AccessMessages.AdminPrivilegesRequired);
        }

        await next(context);
    }

    /// <summary><c>CurrentUser</c>/<c>AdminUser</c>: a Bearer token in every mode, with a challenge on failure.</summary>
    private static async Task<AuthenticatedUser> StrictAsync(HttpContext context, TokenAuthenticator authenticator)
    {
        var token = BearerToken.FromHeader(context.Request)
            ?? throw new UnauthenticatedException("Missing authentication credentials", challenge: true);
        var result = await AuthenticateAsync(context, authenticator, token);
        return result.Outcome switch
        {
            TokenAuthenticationOutcome.Authenticated => result.User!,
            TokenAuthenticationOutcome.InvalidToken => throw new UnauthenticatedException("Invalid or expired authentication token", challenge: true),
            _ => throw new UnauthenticatedException("User account is inactive or does not exist", challenge: true),
        };
    }

    /// <summary><c>CurrentUserOrDefault</c>/<c>AdminUserOrDefault</c> in multi-user mode.</summary>
    private static async Task<AuthenticatedUser> RequiredAsync(HttpContext context, TokenAuthenticator authenticator)
    {
        var token = BearerToken.FromHeader(context.Request)
            ?? throw new UnauthenticatedException(AccessMessages.AuthenticationRequired);
        var result = await AuthenticateAsync(context, authenticator, token);
        return result.Outcome switch
        {
            TokenAuthenticationOutcome.Authenticated => result.User!,
            TokenAuthenticationOutcome.InvalidToken => throw new UnauthenticatedException("Invalid or expired token"),
            _ => throw new UnauthenticatedException("User not found or inactive"),
        };
    }

    /// <summary>Public routes: the caller is identified by a Bearer token or the media cookie when one is valid, else anonymous.</summary>
    private static async Task<AuthenticatedUser?> OptionalAsync(HttpContext context, TokenAuthenticator authenticator)
    {
        var token = BearerToken.FromHeader(context.Request) ?? BearerToken.FromCookie(context.Request);
        return token is null ? null : (await AuthenticateAsync(context, authenticator, token)).User;
    }

    private static async Task<TokenAuthentication> AuthenticateAsync(HttpContext context, TokenAuthenticator authenticator, string token)
    {
        var result = await authenticator.AuthenticateAsync(token, context.RequestAborted);
        if (result.ExpiresAt is { } expiresAt)
        {
            context.Items[TokenExpiryItem] = expiresAt;
        }

        return result;
    }
}
