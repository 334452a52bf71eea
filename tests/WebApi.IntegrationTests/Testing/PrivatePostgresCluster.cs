using System.Diagnostics;

namespace Invoke.WebApi.IntegrationTests.Testing;

/// <summary>
/// A PostgreSQL server of one test's own (initdb + pg_ctl on a free loopback port, in a temporary
/// directory), which the test may stop and start: never the shared cluster other tests use.
/// Found like <c>scripts/pg-test-cluster.sh</c> finds it; as root it runs as <c>postgres</c>.
/// </summary>
public sealed class PrivatePostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _state;

    private PrivatePostgresCluster(string bin, string state, int port)
    {
        _bin = bin;
        _state = state;
        Port = port;
    }

    public int Port { get; }

    private string Data => Path.Combine(_state, "data");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true";

    /// <summary>The cluster, initialised and started; the test is skipped (loudly) when PostgreSQL is not installed.</summary>
    public static async Task<PrivatePostgresCluster> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
        {
            Assert.Skip("SKIPPED: PostgreSQL's initdb/pg_ctl are not installed (/usr/lib/postgresql/*/bin); the fault test needs a cluster of its own.");
        }

        var state = Path.Combine(Path.GetTempPath(), "invoke-faults-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(state);
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", state);
        }

        var cluster = new PrivatePostgresCluster(bin, state, LoopbackPort.Free());
        await cluster.AsOwnerAsync(Path.Combine(bin, "initdb"), "-D", cluster.Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8");
        await cluster.StartServerAsync();
        return cluster;
    }

    public Task StartServerAsync() =>
        AsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-w", "-l", Path.Combine(_state, "log"),
            "-o", $"-h 127.0.0.1 -p {Port} -k {_state} -c fsync=off", "start");

    /// <summary>A fast shutdown: running statements are cancelled, connections closed.</summary>
    public Task StopServerAsync() => AsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-w", "-m", "fast", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_state, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";


    private Task AsOwnerAsync(string program, params string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}
