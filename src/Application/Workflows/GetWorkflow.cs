using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Rules;
using Invoke.Domain.Workflows;
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
    /// <summary>
    /// The readable row, in the columns the answer shows, compiled once: the workflow editor reads a
    /// workflow on every open. Readability is <see cref="WorkflowsReadableBySpec"/>'s rule.
    /// </summary>
    private static readonly CompiledQuery<Func<DbContext, string, string, bool, CancellationToken, Task<ReadableWorkflow?>>> ReadReadable =
        new(_ => EF.CompileAsyncQuery(RuleExpression.Inline<Func<DbContext, string, string, bool, CancellationToken, ReadableWorkflow?>>(
            (DbContext context, string workflowId, string userId, bool isAdmin, CancellationToken _) => context.Set<Workflow>()
                .AsNoTracking()
                .Where(w => w.Id == workflowId && (isAdmin || WorkflowsReadableBySpec.ReadableByUser.Holds(w, userId)))
                .Select(w => new ReadableWorkflow(
                    w.Id, w.Name, w.CreatedAt, w.UpdatedAt, w.OpenedAt, w.OwnerId, w.IsPublic, w.Document,
                    w.HasThumbnail, w.WorkflowReturnNodeCount, w.Version))
                .FirstOrDefault())));

    public async ValueTask<WorkflowRecordWithThumbnailDto> Handle(GetWorkflowQuery query, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        var context = db.AsDbContext();
        var workflow = await ReadReadable.For(context)(context, query.WorkflowId, actor.UserId, actor.IsAdmin, cancellationToken);
        if (workflow is null)
        {
            // Only a refusal costs a second look, to tell 404 from 403.
            throw await db.Workflows.AnyAsync(w => w.Id == query.WorkflowId, cancellationToken)
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
            WorkflowMapping.CompatibilityOf(workflow.WorkflowReturnNodeCount),
            WorkflowETag.Of(workflow.Version));
    }

    /// <summary>The columns of one workflow that its answer shows.</summary>
    private sealed record ReadableWorkflow(
        string Id, string Name, DateTime CreatedAt, DateTime UpdatedAt, DateTime? OpenedAt, string OwnerId, bool IsPublic,
        string Document, bool HasThumbnail, int WorkflowReturnNodeCount, int Version);
}
