using Invoke.Application.Workflows;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Infrastructure.Workflows;

internal sealed class WorkflowLibraryCounts(AppDbContext db) : IWorkflowLibraryCounts
{
    private static readonly string[] AllCategories = [WorkflowCategoryNames.User, WorkflowCategoryNames.Default];

    public async Task<int?> TryCountAsync(Actor actor, WorkflowFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Tags is { Count: > 0 } || !string.IsNullOrWhiteSpace(filter.Query) || filter.IsCallable is not null
            || filter.IsScopedFor(actor))
        {
            return null;
        }

        var categories = filter.Categories is { Count: > 0 } requested
            ? requested.Select(c => c.ToWireName()).Distinct().ToArray()
            : AllCategories;
        var counts = db.WorkflowLibraryCounts.Where(c => categories.Contains(c.Category));
        if (filter.IsPublic is { } isPublic)
        {
            counts = counts.Where(c => c.IsPublic == isPublic);
        }

        if (filter.HasBeenOpened is { } opened)
        {
            counts = counts.Where(c => c.IsOpened == opened);
        }

        return (int)await counts.SumAsync(c => c.Count, cancellationToken);
    }

    public async Task RecountAsync(CancellationToken cancellationToken)
    {
        var groups = await db.Workflows
            .GroupBy(w => new { w.Category, w.IsPublic, IsOpened = w.OpenedAt != null })
            .Select(g => new { g.Key.Category, g.Key.IsPublic, g.Key.IsOpened, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.WorkflowLibraryCounts.ExecuteDeleteAsync(cancellationToken);
        db.WorkflowLibraryCounts.AddRange(groups.Select(g => new WorkflowLibraryCount
        {
            Category = g.Category.ToWireName(),
            IsPublic = g.IsPublic,
            IsOpened = g.IsOpened,
            Count = g.Count,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
