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
/// who may read the workflow, and one who may not gets the answer an unknown id gets.
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

    /// <summary>InvokeAI's text for an unknown workflow id on this route.</summary>
    public const string WorkflowNotFound = "Not Found";

    public async ValueTask<WorkflowThumbnail> Handle(GetWorkflowThumbnailQuery query, CancellationToken cancellationToken)
    {
        var category = await db.Workflows
            .Where(w => w.Id == query.WorkflowId)
            .Select(w => (WorkflowCategory?)w.Category)
            .FirstOrDefaultAsync(cancellationToken);

        if (category == WorkflowCategory.Default)
        {
            var bundled = defaults.OpenThumbnail(query.WorkflowId) ?? throw new NotFoundException(ThumbnailNotFound);
            return new WorkflowThumbnail(bundled, "image/png", $"{query.WorkflowId}.png");
        }

        // Unknown and unreadable ids get the same answer, so the route tells nobody which ids exist:
        // 401 for a caller without a valid token or cookie, 404 for one who may not read the workflow.
        var actor = currentUser.RequireActor();
        var readable = category is not null && await db.Workflows
            .Where(w => w.Id == query.WorkflowId)
            .WhereSatisfies(new WorkflowsReadableBySpec(actor))
            .AnyAsync(cancellationToken);
        if (!readable)
        {
            throw new NotFoundException(WorkflowNotFound);
        }

        var stored = await thumbnails.OpenReadAsync(query.WorkflowId, cancellationToken) ?? throw new NotFoundException(ThumbnailNotFound);
        return new WorkflowThumbnail(stored, thumbnails.ContentType, $"{query.WorkflowId}.webp");
    }
}
