using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>
/// A workflow's thumbnail image. Default workflows' thumbnails are public; any other needs a caller
/// who may read the workflow.
/// </summary>
[AllowAnonymousRequest]
public sealed record GetWorkflowThumbnailQuery(string WorkflowId) : IQuery<WorkflowThumbnail>;

/// <summary>An image to send back; the receiver disposes <paramref name="Content"/>.</summary>
public sealed record WorkflowThumbnail(Stream Content, string ContentType, string FileName);

internal sealed class GetWorkflowThumbnailHandler(
    IAppDbContext db,
    ICurrentUser currentUser,
    IWorkflowThumbnailStore thumbnails,
    IDefaultWorkflowCatalog defaults) : IQueryHandler<GetWorkflowThumbnailQuery, WorkflowThumbnail>
{
    public const string ThumbnailNotFound = "Thumbnail not found";

    public async ValueTask<WorkflowThumbnail> Handle(GetWorkflowThumbnailQuery query, CancellationToken cancellationToken)
    {
        var category = await db.Workflows
            .Where(w => w.Id == query.WorkflowId)
            .Select(w => (WorkflowCategory?)w.Category)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Not Found");

        if (category == WorkflowCategory.Default)
        {
            var bundled = defaults.OpenThumbnail(query.WorkflowId) ?? throw new NotFoundException(ThumbnailNotFound);
            return new WorkflowThumbnail(bundled, "image/png", $"{query.WorkflowId}.png");
        }

        var readable = await db.Workflows
            .Where(w => w.Id == query.WorkflowId)
            .WhereSatisfies(new WorkflowsReadableBySpec(currentUser.RequireActor()))
            .AnyAsync(cancellationToken);
        if (!readable)
        {
            throw new ForbiddenException(WorkflowPersistenceExtensions.NotAuthorizedToAccess);
        }

        var stored = await thumbnails.OpenReadAsync(query.WorkflowId, cancellationToken) ?? throw new NotFoundException(ThumbnailNotFound);
        return new WorkflowThumbnail(stored, thumbnails.ContentType, $"{query.WorkflowId}.webp");
    }
}
