using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Workflows;

/// <summary>Replaces a workflow's thumbnail with an uploaded image.</summary>
[RequireUser]
public sealed record SetWorkflowThumbnailCommand(string WorkflowId, string? ContentType, Stream Image) : ICommand;

internal sealed class SetWorkflowThumbnailHandler(IAppDbContext db, ICurrentUser currentUser, IWorkflowThumbnailStore thumbnails)
    : ICommandHandler<SetWorkflowThumbnailCommand>
{
    public async ValueTask<Unit> Handle(SetWorkflowThumbnailCommand command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.GetAsync(command.WorkflowId, cancellationToken);
        workflow.SetThumbnail(currentUser.RequireActor());
        if (command.ContentType is null || !command.ContentType.StartsWith("image", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException("Not an image");
        }

        await thumbnails.SaveAsync(workflow.Id, command.Image, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
