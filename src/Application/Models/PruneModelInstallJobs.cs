using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Models;

/// <summary>Forgets the finished install jobs.</summary>
[RequireAdmin]
public sealed record PruneModelInstallJobsCommand : ICommand;

internal sealed class PruneModelInstallJobsHandler(ModelInstallJobLog jobs) : ICommandHandler<PruneModelInstallJobsCommand>
{
    public ValueTask<Unit> Handle(PruneModelInstallJobsCommand command, CancellationToken cancellationToken)
    {
        jobs.Prune();
        return ValueTask.FromResult(Unit.Value);
    }
}
