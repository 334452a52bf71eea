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
        var workflow = await db.Workflows.GetAsync(command.WorkflowId, cancellationToken);
        workflow.Delete(currentUser.RequireActor());
        db.Workflows.Remove(workflow);
        await db.SaveChangesAsync(cancellationToken);

        // After the row is gone: a thumbnail file left behind by a failure here is harmless.
        await thumbnails.DeleteAsync(workflow.Id, cancellationToken);
        return Unit.Value;
    }
}
