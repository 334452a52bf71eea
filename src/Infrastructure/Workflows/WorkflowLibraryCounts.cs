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

    public async Task<IReadOnlyList<WorkflowCountDifference>> VerifyAsync(bool repair, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await HoldBackCountChangesAsync(cancellationToken);

        // Saves that changed a row but not yet its count wait for the lock: they are in neither
        // what is counted here nor the stored counts, and move the counts after this commits.
        var actual = (await db.Workflows
                .GroupBy(w => new { w.Category, w.IsPublic, IsOpened = w.OpenedAt != null })
                .Select(g => new { g.Key.Category, g.Key.IsPublic, g.Key.IsOpened, Count = g.LongCount() })
                .ToListAsync(cancellationToken))
            .ToDictionary(g => (g.Category.ToWireName(), g.IsPublic, g.IsOpened), g => g.Count);
        var stored = (await db.WorkflowLibraryCounts.AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(c => (c.Category, c.IsPublic, c.IsOpened), c => c.Count);

        var differences = actual.Keys.Union(stored.Keys)
            .Select(k => new WorkflowCountDifference(k.Item1, k.Item2, k.Item3, stored.GetValueOrDefault(k), actual.GetValueOrDefault(k)))
            .Where(d => d.Stored != d.Actual)
            .OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.IsPublic).ThenBy(d => d.IsOpened)
            .ToList();
        if (repair && differences.Count > 0)
        {
            await db.WorkflowLibraryCounts.ExecuteDeleteAsync(cancellationToken);
            db.WorkflowLibraryCounts.AddRange(actual.Select(a => new WorkflowLibraryCount
            {
                Category = a.Key.Item1,
                IsPublic = a.Key.Item2,
                IsOpened = a.Key.Item3,
                Count = a.Value,
            }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return differences;
    }

    /// <summary>
    /// Takes, for the rest of the transaction, the lock every count change needs: SQLite's write
    /// lock, PostgreSQL's and SQL Server's exclusive lock on the counts table (reads of the rows go on).
    /// </summary>
    private async Task HoldBackCountChangesAsync(CancellationToken cancellationToken)
    {
        var statement = db.Database.IsSqlite() ? "UPDATE workflow_library_counts SET workflow_count = workflow_count"
            : db.Database.IsNpgsql() ? "LOCK TABLE workflow_library_counts IN EXCLUSIVE MODE"
            : "SELECT TOP (0) 1 FROM workflow_library_counts WITH (TABLOCKX, HOLDLOCK)";
        await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
    }
}
