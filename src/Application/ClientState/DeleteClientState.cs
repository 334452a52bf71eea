using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.ClientState;

/// <summary>Forgets every value the caller stored (the UI's "reset web UI").</summary>
[RequireUser]
public sealed record DeleteClientStateCommand : ICommand;

internal sealed class DeleteClientStateHandler(IClientStateStore store, ICurrentUser currentUser) : ICommandHandler<DeleteClientStateCommand>
{
    public async ValueTask<Unit> Handle(DeleteClientStateCommand command, CancellationToken cancellationToken)
    {
        await store.DeleteAllAsync(currentUser.RequireActor().UserId, cancellationToken);
        return Unit.Value;
    }
}
