using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Workflows;

/// <summary>Records that a workflow was loaded into the editor ("Recently Opened").</summary>
[RequireUser]
public sealed record MarkWorkflowOpenedCommand(string WorkflowId) : ICommand;

internal sealed class MarkWorkflowOpenedHandler(IAppDbContext db, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<MarkWorkflowOpenedCommand>
{
    public async ValueTask<Unit> Handle(MarkWorkflowOpenedCommand command, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        var now = time.GetUtcNow().UtcDateTime;
        await db.ChangeWorkflowAsync(command.WorkflowId, w => w.MarkOpened(actor, now), cancellationToken);
        return Unit.Value;
    }
}
