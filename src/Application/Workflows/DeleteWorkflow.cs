using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Workflows;

/// <summary>Removes a workflow and its thumbnail from the library.</summary>
[RequireUser]
public sealed record DeleteWorkflowCommand(string WorkflowId) : ICommand;

internal sealed class DeleteWorkflowHandler(IAppDbContext db, ICurrentUser currentUser)
    : ICommandHandler<DeleteWorkflowCommand>
{
    public async ValueTask<Unit> Handle(DeleteWorkflowCommand command, CancellationToken cancellationToken)
    {
        // The DELETE checks the version too: a row changed since the load is loaded again, so that
        // the count it leaves is the one of its state at the delete.
        var actor = currentUser.RequireActor();
        // The thumbnail row goes with the workflow's (a cascading foreign key), in the same statement.
        await db.ChangeWorkflowAsync(
            command.WorkflowId,
            w =>
            {
                w.Delete(actor);
                db.Workflows.Remove(w);
            },
            cancellationToken);
        return Unit.Value;
    }
}
