using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Workflows.Specifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>One workflow with its document, if the caller may read it.</summary>
[RequireUser]
public sealed record GetWorkflowQuery(string WorkflowId) : IQuery<WorkflowRecordWithThumbnailDto>;

internal sealed class GetWorkflowHandler(IAppDbContext db, ICurrentUser currentUser)
    : IQueryHandler<GetWorkflowQuery, WorkflowRecordWithThumbnailDto>
{
    public async ValueTask<WorkflowRecordWithThumbnailDto> Handle(GetWorkflowQuery query, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        var workflows = db.Workflows.AsNoTracking().Where(w => w.Id == query.WorkflowId);

        // The readable row in one query; only a refusal costs a second look, to tell 404 from 403.
        var workflow = await workflows.WhereSatisfies(new WorkflowsReadableBySpec(actor)).FirstOrDefaultAsync(cancellationToken);
        if (workflow is null)
        {
            throw await workflows.AnyAsync(cancellationToken)
                ? new ForbiddenException(WorkflowPersistenceExtensions.NotAuthorizedToAccess)
                : new NotFoundException(WorkflowPersistenceExtensions.NotFound);
        }

        return new WorkflowRecordWithThumbnailDto(
            workflow.Id,
            workflow.Name,
            WorkflowMapping.FormatTimestamp(workflow.CreatedAt),
            WorkflowMapping.FormatTimestamp(workflow.UpdatedAt),
            WorkflowMapping.FormatTimestamp(workflow.OpenedAt),
            workflow.OwnerId,
            workflow.IsPublic,
            new RawJson(workflow.Document),
            WorkflowMapping.ThumbnailUrl(workflow.Id, workflow.HasThumbnail),
            workflow.CallCompatibility.ToDto(),
            WorkflowETag.Of(workflow.Version));
    }
}
