namespace Invoke.Application.Models;

/// <summary>
/// The install jobs of this process, for <c>GET /install</c>. Installs are synchronous and in place,
/// so a job is finished when it is recorded. Kept in memory only: a restart forgets the jobs (the
/// models they installed stay registered).
/// </summary>
internal sealed class ModelInstallJobLog
{
    private readonly Lock _lock = new();
    private readonly List<ModelInstallJobDto> _jobs = [];
    private int _lastId;

    public ModelInstallJobDto Add(Func<int, ModelInstallJobDto> create)
    {
        lock (_lock)
        {
            var job = create(++_lastId);
            _jobs.Add(job);
            return job;
        }
    }

    public IReadOnlyList<ModelInstallJobDto> All()
    {
        lock (_lock)
        {
            return [.. _jobs];
        }
    }

    public ModelInstallJobDto? Find(int id)
    {
        lock (_lock)
        {
            return _jobs.Find(job => job.Id == id);
        }
    }

    /// <summary>Forgets every job in a final state (all of them, as installs finish at once).</summary>
    public void Prune()
    {
        lock (_lock)
        {
            _jobs.RemoveAll(job => job.Status is ModelInstallStatus.Completed or ModelInstallStatus.Error or ModelInstallStatus.Cancelled);
        }
    }

    public static string NoSuchJob(int id) => $"No job with id {id} known";
}

public static class ModelInstallStatus
{
    public const string Completed = "completed";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
}
