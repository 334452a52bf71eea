using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>Removes a workflow's thumbnail; removing a thumbnail that is not there succeeds.</summary>
[RequireUser]
public sealed record DeleteWorkflowThumbnailCommand(string WorkflowId) : ICommand;

internal sealed class DeleteWorkflowThumbnailHandler(IAppDbContext db, ICurrentUser currentUser, IWorkflowThumbnailStore thumbnails)
    : ICommandHandler<DeleteWorkflowThumbnailCommand>
{
    public async ValueTask<Unit> Handle(DeleteWorkflowThumbnailCommand command, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        // An untracked copy, changed only to check that the caller may; the row itself is changed below.
        var workflow = await db.Workflows.AsNoTracking().GetAsync(command.WorkflowId, cancellationToken);
        workflow.RemoveThumbnail(actor);
        // The flag (on the row as it is then) is cleared and the image removed together.
        await thumbnails.DeleteAsync(
            workflow.Id, ct => db.ChangeWorkflowAsync(workflow.Id, w => w.RemoveThumbnail(actor), ct), cancellationToken);
        return Unit.Value;
    }
}
