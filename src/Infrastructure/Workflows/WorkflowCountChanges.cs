using Invoke.Domain.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Invoke.Infrastructure.Workflows;

/// <summary>
/// What a save does to <c>workflow_library_counts</c>: the tracked workflow rows added, removed or
/// moved between category / sharing / opened states, as one signed delta per counter. Applied with
/// an atomic upsert in the save's transaction, in a fixed order so that concurrent saves cannot
/// deadlock on the counter rows.
/// </summary>
internal static class WorkflowCountChanges
{
    public sealed record Delta(string Category, bool IsPublic, bool IsOpened, long Change);

    public static List<Delta> From(ChangeTracker changes)
    {
        var deltas = new Dictionary<(string, bool, bool), long>();
        foreach (var entry in changes.Entries<Workflow>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Add(deltas, Current(entry), +1);
                    break;
                case EntityState.Deleted:
                    Add(deltas, Original(entry), -1);
                    break;
                case EntityState.Modified when Original(entry) != Current(entry):
                    Add(deltas, Original(entry), -1);
                    Add(deltas, Current(entry), +1);
                    break;
            }
        }

        return deltas
            .Where(d => d.Value != 0)
            .OrderBy(d => d.Key.Item1, StringComparer.Ordinal).ThenBy(d => d.Key.Item2).ThenBy(d => d.Key.Item3)
            .Select(d => new Delta(d.Key.Item1, d.Key.Item2, d.Key.Item3, d.Value))
            .ToList();
    }

    /// <summary>The provider's "add to the counter, creating it if needed" statement; parameters: category, is_public, is_opened, change.</summary>
    public static string UpsertSql(DatabaseFacade database) =>
        database.IsSqlServer()
            ? """
              MERGE workflow_library_counts WITH (HOLDLOCK) AS t
              USING (SELECT {0} AS category, {1} AS is_public, {2} AS is_opened) AS s
              ON t.category = s.category AND t.is_public = s.is_public AND t.is_opened = s.is_opened
              WHEN MATCHED THEN UPDATE SET workflow_count = t.workflow_count + {3}
              WHEN NOT MATCHED THEN INSERT (category, is_public, is_opened, workflow_count) VALUES (s.category, s.is_public, s.is_opened, {3});
              """
            : """
              INSERT INTO workflow_library_counts (category, is_public, is_opened, workflow_count) VALUES ({0}, {1}, {2}, {3})
              ON CONFLICT (category, is_public, is_opened) DO UPDATE SET workflow_count = workflow_library_counts.workflow_count + excluded.workflow_count
              """;

    private static (string, bool, bool) Current(EntityEntry<Workflow> entry) =>
        (entry.Entity.Category.ToWireName(), entry.Entity.IsPublic, entry.Entity.OpenedAt is not null);

    private static (string, bool, bool) Original(EntityEntry<Workflow> entry) =>
        (entry.OriginalValues.GetValue<WorkflowCategory>(nameof(Workflow.Category)).ToWireName(),
         entry.OriginalValues.GetValue<bool>(nameof(Workflow.IsPublic)),
         entry.OriginalValues.GetValue<DateTime?>(nameof(Workflow.OpenedAt)) is not null);

    private static void Add(Dictionary<(string, bool, bool), long> deltas, (string, bool, bool) key, long change) =>
        deltas[key] = deltas.GetValueOrDefault(key) + change;
}
