using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>Replaces a workflow's thumbnail with an uploaded image.</summary>
[RequireUser]
public sealed record SetWorkflowThumbnailCommand(string WorkflowId, string? ContentType, Stream Image) : ICommand;

internal sealed class SetWorkflowThumbnailHandler(IAppDbContext db, ICurrentUser currentUser, IWorkflowThumbnailStore thumbnails)
    : ICommandHandler<SetWorkflowThumbnailCommand>
{
    public async ValueTask<Unit> Handle(SetWorkflowThumbnailCommand command, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        // An untracked copy, changed only to check that the caller may; the row itself is changed below.
        var workflow = await db.Workflows.AsNoTracking().GetAsync(command.WorkflowId, cancellationToken);
        workflow.SetThumbnail(actor);
        if (command.ContentType is null || !command.ContentType.StartsWith("image", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException("Not an image");
        }

        // The flag (on the row as it is then) and the image are saved together.
        await thumbnails.ReplaceAsync(
            workflow.Id, command.Image, ct => db.ChangeWorkflowAsync(workflow.Id, w => w.SetThumbnail(actor), ct), cancellationToken);
        return Unit.Value;
    }
}
