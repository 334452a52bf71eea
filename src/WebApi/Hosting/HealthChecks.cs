using Invoke.Infrastructure;
using Invoke.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Invoke.WebApi.Hosting;

/// <summary>
/// <c>/health</c>: the database answers, and the root directory (the SQLite database, the
/// configuration) can be written and has room. Each check gives up after <see cref="Timeout"/>, so
/// that a frozen database makes <c>/health</c> say Unhealthy rather than hang.
/// </summary>
internal static class HealthChecks
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>"Healthy", or "Unhealthy: " and what is wrong (an operator reads it; it names no secrets).</summary>
    public static readonly HealthCheckOptions Options = new()
    {
        ResponseWriter = async (context, report) =>
        {
            context.Response.ContentType = "text/plain";
            var problems = report.Entries
                .Where(e => e.Value.Status != HealthStatus.Healthy)
                .Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Exception?.Message ?? e.Value.Status.ToString()}");
            await context.Response.WriteAsync(report.Status == HealthStatus.Healthy
                ? report.Status.ToString()
                : $"{report.Status}: {string.Join("; ", problems)}");
        },
    };

    public static IHealthChecksBuilder AddInvokeHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", timeout: Timeout)
            .AddCheck<RootDirectoryHealthCheck>("root", timeout: Timeout);

    private sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                // Abandoned, not awaited, when the database does not answer in time.
                var reachable = await db.Database.CanConnectAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
                return reachable ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database cannot be reached.");
            }
            catch (TimeoutException)
            {
                return HealthCheckResult.Unhealthy("The database did not answer in time.");
            }
        }
    }

    private sealed class RootDirectoryHealthCheck(InvokePaths paths) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                Directory.CreateDirectory(paths.Root);
                if (DatabaseStorage.FreeBytes(paths.Root) is { } free && free < DatabaseStorage.MinimumFreeBytes)
                {
                    return Task.FromResult(HealthCheckResult.Unhealthy(
                        $"The disk under the root directory is full ({free / 1024} KiB free)."));
                }

                // A one-byte probe, removed as it is closed.
                var probe = Path.Combine(paths.Root, $".health-{Environment.ProcessId}-{Guid.NewGuid():N}");
                using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                    stream.WriteByte(0);
                    stream.Flush(flushToDisk: true);
                }

                return Task.FromResult(HealthCheckResult.Healthy());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("The root directory cannot be written: " + e.Message));
            }
        }
    }
}
