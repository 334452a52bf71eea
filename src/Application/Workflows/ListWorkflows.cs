using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Validation;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>
/// A page of the library as the caller sees it. <paramref name="PerPage"/> null or 0 returns every
/// matching workflow on one page.
/// </summary>
[RequireUser]
public sealed record ListWorkflowsQuery(
    WorkflowFilter Filter,
    WorkflowOrderBy OrderBy = WorkflowOrderBy.Name,
    SortDirection Direction = SortDirection.Ascending,
    int? Page = 0,
    int? PerPage = null) : IQuery<PaginatedResults<WorkflowRecordListItemWithThumbnailDto>>;

internal sealed class ListWorkflowsValidator : AbstractValidator<ListWorkflowsQuery>
{
    public ListWorkflowsValidator()
    {
        RuleFor(q => q.Page).NotNegative().OverridePropertyName("query.page");
        RuleFor(q => q.PerPage).NotNegative().OverridePropertyName("query.per_page");
    }
}

internal sealed class ListWorkflowsHandler(
    IAppDbContext db,
    ICurrentUser currentUser,
    IWorkflowLibraryCounts counts,
    IWorkflowTextSearch textSearch)
    : IQueryHandler<ListWorkflowsQuery, PaginatedResults<WorkflowRecordListItemWithThumbnailDto>>
{
    /// <summary>
    /// From this many skipped rows on, a page is read in two steps (ids on the index, then rows):
    /// skipping costs a table read per row otherwise, but the extra round trip is not worth it for
    /// the first few pages.
    /// </summary>
    public const int DeferredReadOffset = 300;

    public async ValueTask<PaginatedResults<WorkflowRecordListItemWithThumbnailDto>> Handle(
        ListWorkflowsQuery query, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        var page = query.Page ?? 0;
        var perPage = query.PerPage is > 0 ? query.PerPage : null;
        var offset = (long)page * (perPage ?? 0);

        var (source, filter, indexed) = SearchSource(actor, query.Filter);
        int total;
        List<WorkflowRecordListItemWithThumbnailDto> items;
        if (indexed && perPage is { } pageSize)
        {
            // A search over many workflows: one pass over the matches yields their ids in page order
            // (the total is their number), then only the page's rows are read.
            var ordered = new WorkflowLibraryPageSpec(actor, filter, query.OrderBy, query.Direction, 0, perPage: null);
            var ids = await source.AsNoTracking().WithSpecification(ordered).Select(w => w.Id).ToListAsync(cancellationToken);
            total = ids.Count;
            items = await RowsAsync([.. ids.Skip((int)Math.Min(offset, int.MaxValue)).Take(pageSize)], cancellationToken);
        }
        else
        {
            // The screens' own reads (no search term, tags or sharing condition) run as compiled queries of the same specification.
            var compiled = LibraryPageQueries.Cover(query.Filter);
            var spec = new WorkflowLibraryPageSpec(actor, filter, query.OrderBy, query.Direction, page, perPage);
            total = await counts.TryCountAsync(actor, query.Filter, cancellationToken)
                ?? (compiled
                    ? await LibraryPageQueries.CountAsync(db, actor, filter, cancellationToken)
                    : await source.WhereSatisfies(spec).CountAsync(cancellationToken));
            if (offset >= total)
            {
                // A page past the last row cannot hold anything; do not ask the database for it.
                items = [];
            }
            else if (offset >= DeferredReadOffset)
            {
                // A deep page: skip the earlier rows on the (covering) index alone, then read the page's rows.
                var ids = await source.AsNoTracking().WithSpecification(spec).Select(w => w.Id).ToListAsync(cancellationToken);
                items = await RowsAsync(ids, cancellationToken);
            }
            else if (compiled && perPage is { } pageLength)
            {
                items = await LibraryPageQueries.PageAsync(db, actor, filter, query.OrderBy, query.Direction, (int)offset, pageLength, cancellationToken);
            }
            else
            {
                items = await Project(source.AsNoTracking().WithSpecification(spec)).ToListAsync(cancellationToken);
            }
        }

        return perPage is { } size
            ? new PaginatedResults<WorkflowRecordListItemWithThumbnailDto>(page, total == 0 ? 0 : ((total - 1) / size) + 1, size, total, items)
            : new PaginatedResults<WorkflowRecordListItemWithThumbnailDto>(page, 1, total, total, items);
    }

    /// <summary>The list rows of the given workflows, in the given order (a workflow deleted meanwhile is left out).</summary>
    private async Task<List<WorkflowRecordListItemWithThumbnailDto>> RowsAsync(List<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await Project(db.Workflows.AsNoTracking().Where(w => ids.Contains(w.Id))).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(row => ids.IndexOf(row.WorkflowId))];
    }

    private static IQueryable<WorkflowRecordListItemWithThumbnailDto> Project(IQueryable<Workflow> workflows) =>
        workflows.Select(WorkflowMapping.ListItem);

    /// <summary>
    /// Where a search starts. A view scoped to the caller's own library holds few rows: the exact
    /// substring test on them beats any text index. A view over every shared workflow (or an
    /// administrator's whole library) starts from the index's candidates (<c>Indexed</c>).
    /// </summary>
    private (IQueryable<Workflow> Source, WorkflowFilter Filter, bool Indexed) SearchSource(Actor actor, WorkflowFilter filter)
    {
        var term = filter.Query?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return (db.Workflows, filter, false);
        }

        if (filter.IsScopedFor(actor))
        {
            return (textSearch.AmongFew(db.Workflows, WorkflowSearch.Fold(term)), filter with { Query = null }, false);
        }

        var candidates = textSearch.Candidates(WorkflowSearch.Fold(term));
        return (candidates.Workflows, candidates.MatchesExactly ? filter with { Query = null } : filter, true);
    }
}
