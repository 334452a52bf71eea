using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Persistence;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>
/// Fills the library with a realistic spread: many owners with a few dozen workflows each, one in
/// ten shared, about a third opened, a few tags each. Goes through the aggregate (so the search
/// columns, the maintained counts and SQLite's text index are right) with change tracking off.
/// </summary>
public static class WorkflowLibraryLoader
{
    public static readonly string[] Tags = ["portrait", "landscape", "sdxl", "flux", "upscale", "inpaint", "controlnet", "anime"];

    private const int BatchSize = 2_000;

    public static string OwnerId(int owner) => $"user-{owner:D4}";

    public static async Task LoadAsync(AppDbContext db, int owners, int workflowsPerOwner, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var batch = new List<Workflow>(BatchSize);
        var serial = 0;
        for (var owner = 0; owner < owners; owner++)
        {
            var actor = new Actor(OwnerId(owner), IsAdmin: false);
            for (var i = 0; i < workflowsPerOwner; i++, serial++)
            {
                var tags = string.Join(", ", Tags[serial % Tags.Length], Tags[(serial / Tags.Length) % Tags.Length]);
                var document = WorkflowDocuments.Create(
                    name: $"Workflow {serial % 997:D3} of {OwnerId(owner)}",
                    description: $"Generated workflow number {serial}",
                    tags: tags,
                    workflowReturnNodes: serial % 4 == 0 ? 1 : 0);
                var workflow = Workflow.Create(actor, document, isPublic: serial % 10 == 0, now.AddMinutes(-serial));
                if (serial % 3 == 0)
                {
                    workflow.MarkOpened(actor, now.AddSeconds(-serial));
                }

                batch.Add(workflow);
                if (batch.Count == BatchSize)
                {
                    await SaveAsync(db, batch);
                }
            }
        }

        await SaveAsync(db, batch);
    }

    private static async Task SaveAsync(AppDbContext db, List<Workflow> batch)
    {
        db.Workflows.AddRange(batch);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        batch.Clear();
    }
}
