using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Workflows;

/// <summary>Removes a workflow and its thumbnail from the library.</summary>
[RequireUser]
public sealed record DeleteWorkflowCommand(string WorkflowId) : ICommand;

internal sealed class DeleteWorkflowHandler(IAppDbContext db, ICurrentUser currentUser, IWorkflowThumbnailStore thumbnails)
    : ICommandHandler<DeleteWorkflowCommand>
{
    public async ValueTask<Unit> Handle(DeleteWorkflowCommand command, CancellationToken cancellationToken)
    {
        // The DELETE checks the version too: a row changed since the load is loaded again, so that
        // the count it leaves is the one of its state at the delete.
        var actor = currentUser.RequireActor();
        var workflow = await db.ChangeWorkflowAsync(
            command.WorkflowId,
            w =>
            {
                w.Delete(actor);
                db.Workflows.Remove(w);
            },
            cancellationToken);

        // After the row is gone: a thumbnail file left behind by a failure here is harmless.
        await thumbnails.DeleteAsync(workflow.Id, cancellationToken);
        return Unit.Value;
    }
}
