using Invoke.Application.Errors;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Models;

/// <summary>
/// A model-manager operation that needs the internet or a GPU runtime (Hugging Face, starter
/// models, conversion, the model cache, download control). Gated like the rest of model
/// management, then refused with 501.
/// </summary>
[RequireAdmin]
public sealed record RefuseUnsupportedModelOperationCommand(string OperationId) : ICommand;

internal sealed class RefuseUnsupportedModelOperationHandler : ICommandHandler<RefuseUnsupportedModelOperationCommand>
{
    public ValueTask<Unit> Handle(RefuseUnsupportedModelOperationCommand command, CancellationToken cancellationToken) =>
        throw new NotSupportedByServerException(NotSupportedByServerException.DefaultDetail);
}
