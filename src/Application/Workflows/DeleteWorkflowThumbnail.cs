using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Workflows;

/// <summary>Removes a workflow's thumbnail; removing a thumbnail that is not there succeeds.</summary>
[RequireUser]
public sealed record DeleteWorkflowThumbnailCommand(string WorkflowId) : ICommand;

internal sealed class DeleteWorkflowThumbnailHandler(IAppDbContext db, ICurrentUser currentUser, IWorkflowThumbnailStore thumbnails)
    : ICommandHandler<DeleteWorkflowThumbnailCommand>
{
    public async ValueTask<Unit> Handle(DeleteWorkflowThumbnailCommand command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.GetAsync(command.WorkflowId, cancellationToken);
        workflow.RemoveThumbnail(currentUser.RequireActor());
        await thumbnails.DeleteAsync(workflow.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
