using System.Text.Json;
using Invoke.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Models;

/// <summary>
/// The install jobs, for <c>GET /install</c>: kept in the database (<see cref="ModelInstallJobRecord"/>),
/// so that every node of a deployment answers for every job and a restart forgets none. Installs
/// are synchronous and in place, so a job is finished when it is recorded — in the same save as the
/// model it installed.
/// </summary>
internal sealed class ModelInstallJobLog(IAppDbContext db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>Adds the job to the pending changes; its id is known once they are saved (<see cref="Saved"/>).</summary>
    public ModelInstallJobRecord Track(ModelInstallJobDto job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var record = new ModelInstallJobRecord
        {
            Status = job.Status,
            Job = JsonSerializer.Serialize(job with { Id = 0 }, Json),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ModelInstallJobs.Add(record);
        return record;
    }

    /// <summary>The job as saved, with the id the database gave it.</summary>
    public static ModelInstallJobDto Saved(ModelInstallJobRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var job = JsonSerializer.Deserialize<ModelInstallJobDto>(record.Job, Json)
            ?? throw new InvalidOperationException($"Install job {record.Id} is stored as null.");
        return job with { Id = record.Id };
    }

    public async Task<IReadOnlyList<ModelInstallJobDto>> AllAsync(CancellationToken cancellationToken)
    {
        var records = await db.ModelInstallJobs.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return [.. records.Select(Saved)];
    }

    public async Task<ModelInstallJobDto?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.ModelInstallJobs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return record is null ? null : Saved(record);
    }

    /// <summary>Forgets every job in a final state (all of them, as installs finish at once).</summary>
    public Task PruneAsync(CancellationToken cancellationToken) =>
        db.ModelInstallJobs
            .Where(r => r.Status == ModelInstallStatus.Completed || r.Status == ModelInstallStatus.Error || r.Status == ModelInstallStatus.Cancelled)
            .ExecuteDeleteAsync(cancellationToken);

    public static string NoSuchJob(int id) => $"No job with id {id} known";
}

/// <summary>One install job as stored: its status, and the job as InvokeAI shows it (JSON).</summary>
public sealed class ModelInstallJobRecord
{
    public int Id { get; init; }

    public required string Status { get; init; }

    public required string Job { get; init; }

    public DateTime CreatedAt { get; init; }
}

public static class ModelInstallStatus
{
    public const string Completed = "completed";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
}
