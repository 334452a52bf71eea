using Invoke.Application.Security;

namespace Invoke.WebApi.Security;

/// <summary>In single-user mode there is no login: every request acts as the <c>system</c> administrator.</summary>
internal sealed class SingleUserIdentityMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentUserHolder currentUser)
    {
        currentUser.User = AuthenticatedUser.SystemAdministrator;
        return next(context);
    }
}
