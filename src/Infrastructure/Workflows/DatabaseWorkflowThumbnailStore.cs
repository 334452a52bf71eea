using Invoke.Application.Workflows;
using Invoke.Infrastructure.Persistence;
using Invoke.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Invoke.Infrastructure.Workflows;

/// <summary>
/// Thumbnails in the database (<see cref="StoredWorkflowThumbnail"/>): one row per workflow, written
/// in one statement (an upsert), so that a reader never sees half an image and a failed write leaves
/// nothing behind. A user's upload or removal changes the workflow's flag and the image row in one
/// transaction, the flag first: the workflow row's version check (and its row lock) orders two of
/// them racing, so the flag always says whether the image is there.
/// </summary>
internal sealed class DatabaseWorkflowThumbnailStore(AppDbContext db, TimeProvider time) : IWorkflowThumbnailStore
{
    public string ContentType => "image/webp";

    public async Task SaveAsync(string workflowId, Stream image, CancellationToken cancellationToken)
    {
        var encoded = await ThumbnailEncoder.EncodeAsync(image, cancellationToken);
        await StoreAsync(workflowId, encoded, cancellationToken);
    }

    public async Task ReplaceAsync(string workflowId, Stream image, Func<CancellationToken, Task> markWorkflow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markWorkflow);
        var encoded = await ThumbnailEncoder.EncodeAsync(image, cancellationToken);
        await InOneTransactionAsync(markWorkflow, ct => StoreAsync(workflowId, encoded, ct), cancellationToken);
    }

    /// <summary>Stores already encoded WebP bytes; false when there is no workflow with that id.</summary>
    public async Task<bool> StoreAsync(string workflowId, byte[] webp, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(UpsertSql(db.Database), [workflowId, webp, time.GetUtcNow().UtcDateTime], cancellationToken) > 0;

    public async Task<Stream?> OpenReadAsync(string workflowId, CancellationToken cancellationToken)
    {
        var image = await (
                from thumbnail in db.WorkflowThumbnails
                join workflow in db.Workflows on thumbnail.WorkflowRowId equals EF.Property<long>(workflow, WorkflowConfiguration.RowId)
                where workflow.Id == workflowId
                select thumbnail.Image)
            .FirstOrDefaultAsync(cancellationToken);
        return image is null ? null : new MemoryStream(image, writable: false);
    }

    public Task DeleteAsync(string workflowId, Func<CancellationToken, Task> markWorkflow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markWorkflow);
        return InOneTransactionAsync(
            markWorkflow,
            ct => db.WorkflowThumbnails
                .Where(t => db.Workflows.Any(w => EF.Property<long>(w, WorkflowConfiguration.RowId) == t.WorkflowRowId && w.Id == workflowId))
                .ExecuteDeleteAsync(ct),
            cancellationToken);
    }

    /// <summary>
    /// The workflow's change, then the image statement, in one transaction that the provider's
    /// execution strategy may run again as a whole after a transient failure.
    /// </summary>
    private Task InOneTransactionAsync<T>(Func<CancellationToken, Task> markWorkflow, Func<CancellationToken, Task<T>> image, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            (markWorkflow, image),
            async (_, steps, ct) =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await steps.markWorkflow(ct);
                await steps.image(ct);
                await TransientFaultExecutionStrategy.CommitAsync(db.Database, transaction, ct);
                return true;
            },
            verifySucceeded: null,
            cancellationToken);

    /// <summary>Inserts or replaces the row of the workflow named by {0}; nothing when there is no such workflow.</summary>
    private static string UpsertSql(DatabaseFacade database) =>
        database.IsSqlServer()
            ? $$"""
              MERGE {{StoredWorkflowThumbnailConfiguration.TableName}} WITH (HOLDLOCK) AS t
              USING (SELECT id AS workflow_row_id FROM {{WorkflowConfiguration.TableName}} WHERE workflow_id = {0}) AS s
              ON t.workflow_row_id = s.workflow_row_id
              WHEN MATCHED THEN UPDATE SET image = {1}, updated_at = {2}
              WHEN NOT MATCHED THEN INSERT (workflow_row_id, image, updated_at) VALUES (s.workflow_row_id, {1}, {2});
              """
            : $$"""
              INSERT INTO {{StoredWorkflowThumbnailConfiguration.TableName}} (workflow_row_id, image, updated_at)
              SELECT id, {1}, {2} FROM {{WorkflowConfiguration.TableName}} WHERE workflow_id = {0}
              ON CONFLICT (workflow_row_id) DO UPDATE SET image = excluded.image, updated_at = excluded.updated_at
              """;
}
