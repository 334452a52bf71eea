using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Invoke.Benchmarks.Soak;

/// <summary>
/// One real server process (<c>dotnet Invoke.WebApi.dll</c>, the published server) in multi-user mode
/// on a free loopback port, with a root of its own and the shared database given as environment
/// variables, as an operator starts a node. Its output goes to <c>node.log</c> in its root.
/// </summary>
internal sealed class SoakNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private SoakNode(string name, string root, int port, Process process, StreamWriter log)
    {
        Name = name;
        Root = root;
        Port = port;
        _process = process;
        _log = log;
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string Root { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public bool HasExited => _process.HasExited;

    public static SoakNode Start(string name, string serverDll, string root, IReadOnlyDictionary<string, string> settings)
    {
        Directory.CreateDirectory(root);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in ServerArguments(serverDll, root))
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        Configure(start, settings);
        var log = new StreamWriter(Path.Combine(root, "node.log")) { AutoFlush = true };
        return new SoakNode(name, root, port, Process.Start(start)!, log);
    }

    /// <summary>Runs an admin command of the server (e.g. <c>verify</c>) against the same database.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(
        string serverDll, string root, IReadOnlyDictionary<string, string> settings, params string[] command)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(serverDll);
        foreach (var arg in command)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(root);
        Configure(start, settings);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output + await errors).Trim());
    }

    /// <summary>Waits until <c>/health</c> answers 200 (false when it does not within the timeout).</summary>
    public async Task<bool> WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer.
            }

            await Task.Delay(250);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static IEnumerable<string> ServerArguments(string serverDll, string root) => [serverDll, "--root", root];

    private static void Configure(ProcessStartInfo start, IReadOnlyDictionary<string, string> settings)
    {
        start.Environment.Remove("INVOKEAI_ROOT");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }
    }
}
