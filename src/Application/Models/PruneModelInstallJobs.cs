using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Models;

/// <summary>Forgets the finished install jobs.</summary>
[RequireAdmin]
public sealed record PruneModelInstallJobsCommand : ICommand;

internal sealed class PruneModelInstallJobsHandler(ModelInstallJobLog jobs) : ICommandHandler<PruneModelInstallJobsCommand>
{
    public async ValueTask<Unit> Handle(PruneModelInstallJobsCommand command, CancellationToken cancellationToken)
    {
        await jobs.PruneAsync(cancellationToken);
        return Unit.Value;
    }
}
