namespace Invoke.Application.Security;

/// <summary>
/// Every request type declares who may send it. A request type without a declaration is refused
/// by <see cref="Behaviors.AuthorizationBehavior{TMessage, TResponse}"/>, and an architecture test
/// fails the build for it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public abstract class RequestAccessAttribute : Attribute
{
    public abstract AccessLevel Level { get; }
}

public enum AccessLevel
{
    Anonymous,
    User,
    Admin,
}

/// <summary>Anyone may send this request; the handler decides what an anonymous caller sees.</summary>
public sealed class AllowAnonymousRequestAttribute : RequestAccessAttribute
{
    public override AccessLevel Level => AccessLevel.Anonymous;
}

/// <summary>Any authenticated user may send this request.</summary>
public sealed class RequireUserAttribute : RequestAccessAttribute
{
    public override AccessLevel Level => AccessLevel.User;
}

/// <summary>Only an active administrator may send this request.</summary>
public sealed class RequireAdminAttribute : RequestAccessAttribute
{
    public override AccessLevel Level => AccessLevel.Admin;
}

public static class AccessMessages
{
    public const string AuthenticationRequired = "Authentication required";
    public const string AdminPrivilegesRequired = "Admin privileges required";
    public const string AccessNotDeclared = "This operation has no declared access level";
}
