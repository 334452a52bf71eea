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
        var workflow = await db.Workflows.AsNoTracking().FirstOrDefaultAsync(w => w.Id == query.WorkflowId, cancellationToken)
            ?? throw new NotFoundException(WorkflowPersistenceExtensions.NotFound);
        if (!new WorkflowsReadableBySpec(actor).IsSatisfiedBy(workflow))
        {
            throw new ForbiddenException(WorkflowPersistenceExtensions.NotAuthorizedToAccess);
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
            workflow.CallCompatibility.ToDto());
    }
}
