namespace Invoke.WebApi.Security;

/// <summary>
/// Who may call a route, as InvokeAI's auth dependencies define it (contract §2.1). Every route
/// declares one; a test fails on any route without.
/// </summary>
public enum RouteAccess
{
    /// <summary>No authentication at all, even in multi-user mode. A valid token or media cookie still identifies the caller.</summary>
    Public,

    /// <summary><c>CurrentUserOrDefault</c>: the <c>system</c> administrator in single-user mode, else a valid Bearer token.</summary>
    User,

    /// <summary><c>AdminUserOrDefault</c>: as <see cref="User"/>, and the caller must be an administrator.</summary>
    Admin,

    /// <summary><c>CurrentUser</c>: a valid Bearer token in every mode.</summary>
    StrictUser,

    /// <summary><c>AdminUser</c>: a valid Bearer token in every mode, of an administrator.</summary>
    StrictAdmin,
}

/// <summary>The access level attached to an endpoint.</summary>
public sealed record RouteAccessMetadata(RouteAccess Access);

public static class RouteAccessExtensions
{
    /// <summary>Declares who may call the route(s); the last declaration wins, so a route can override its group.</summary>
    public static TBuilder WithAccess<TBuilder>(this TBuilder builder, RouteAccess access)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RouteAccessMetadata(access));
}
