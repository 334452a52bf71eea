using System.Reflection;
using Invoke.Application.Errors;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Behaviors;

/// <summary>
/// Applies the access level a request type declares. Fails closed: a request type with no
/// declaration is refused whoever sends it.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly AccessLevel? DeclaredLevel =
        typeof(TMessage).GetCustomAttribute<RequestAccessAttribute>()?.Level;

    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        switch (DeclaredLevel)
        {
            case null:
                throw new ForbiddenException(AccessMessages.AccessNotDeclared);
            case AccessLevel.User when currentUser.User is null:
            case AccessLevel.Admin when currentUser.User is null:
                throw new UnauthenticatedException(AccessMessages.AuthenticationRequired);
            case AccessLevel.Admin when !currentUser.User.IsAdmin:
                throw new ForbiddenException(AccessMessages.AdminPrivilegesRequired);
            default:
                return next(message, cancellationToken);
        }
    }
}
