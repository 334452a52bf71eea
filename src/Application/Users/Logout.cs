using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Users;

/// <summary>
/// Ends the session on this client. Tokens are stateless: the token itself stays valid until it
/// expires (a password change revokes every token).
/// </summary>
[RequireUser]
public sealed record LogoutCommand : ICommand;

internal sealed class LogoutHandler : ICommandHandler<LogoutCommand>
{
    public ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken) => Unit.ValueTask;
}
