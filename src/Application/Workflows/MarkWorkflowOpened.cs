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
        var workflow = await db.Workflows.GetAsync(command.WorkflowId, cancellationToken);
        workflow.MarkOpened(currentUser.RequireActor(), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
