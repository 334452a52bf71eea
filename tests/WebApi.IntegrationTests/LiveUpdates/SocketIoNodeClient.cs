using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invoke.WebApi.IntegrationTests.LiveUpdates;

/// <summary>
/// The npm <c>socket.io-client</c> — the library InvokeAI's web UI connects with — driven by
/// <c>client/listen.mjs</c> under node. Everything the client sees arrives as JSON lines.
/// The package is installed once per lock file into a temporary directory (<c>npm ci</c>).
/// </summary>
public sealed class SocketIoNodeClient : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static string? _installed;

    private readonly Process _process;
    private readonly List<JsonObject> _messages = [];
    private readonly StringBuilder _errors = new();
    private readonly SemaphoreSlim _changed = new(0);

    private SocketIoNodeClient(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, line) =>
        {
            if (string.IsNullOrWhiteSpace(line.Data))
            {
                return;
            }

            lock (_messages)
            {
                _messages.Add(JsonNode.Parse(line.Data)!.AsObject());
            }

            _changed.Release();
        };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the client reported so far.</summary>
    public IReadOnlyList<JsonObject> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The events received, as (name, payload).</summary>
    public IReadOnlyList<(string Name, JsonObject Payload)> Events =>
        Messages.Where(m => (string?)m["type"] == "event")
            .Select(m => ((string)m["name"]!, m["payload"]!.AsObject()))
            .ToList();

    /// <param name="origin">The server, e.g. <c>http://127.0.0.1:5000</c>.</param>
    /// <param name="token">Sent as <c>auth.token</c> (and as the header when <paramref name="header"/>).</param>
    public static async Task<SocketIoNodeClient> StartAsync(
        Uri origin,
        string? token = null,
        string[]? transports = null,
        bool header = false,
        bool auth = true,
        bool reconnection = true)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var directory = await InstallAsync();
        var options = JsonSerializer.Serialize(new { token, transports, header, auth, reconnection });
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "listen.mjs"));
        start.ArgumentList.Add(origin.GetLeftPart(UriPartial.Authority));
        start.ArgumentList.Add(options);
        return new SocketIoNodeClient(Process.Start(start)!);
    }

    /// <summary>Waits for a report matching <paramref name="match"/>, failing with everything seen so far.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = Messages.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _process.HasExited && !await _changed.WaitAsync(TimeSpan.FromMilliseconds(200)))
            {
                throw new TimeoutException($"The Socket.IO client never saw {what}. It saw:\n{string.Join('\n', Messages.Select(m => m.ToJsonString()))}\n{Errors}");
            }

            await _changed.WaitAsync(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250));
        }
    }

    public Task<JsonObject> ConnectedAsync() => WaitForAsync(m => (string?)m["type"] == "connect", "a connection");

    /// <summary>The payload of the first event named <paramref name="name"/> about <paramref name="workflowId"/>.</summary>
    public async Task<JsonObject> EventAsync(string name, string workflowId)
    {
        var message = await WaitForAsync(
            m => (string?)m["type"] == "event" && (string?)m["name"] == name && (string?)m["payload"]?["workflow_id"] == workflowId,
            $"{name} for {workflowId}");
        return message["payload"]!.AsObject();
    }

    /// <summary>Asks the client to emit <paramref name="name"/> with an acknowledgement callback.</summary>
    public async Task EmitWithAckAsync(string name, object payload)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { ack = name, payload }));
        await _process.StandardInput.FlushAsync();
    }

    private string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(exited.Token);
        }
        catch (Exception error) when (error is OperationCanceledException or InvalidOperationException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _changed.Dispose();
    }

    /// <summary>Copies <c>client/</c> to a temporary directory named after its lock file and runs <c>npm ci</c> there once.</summary>
    private static async Task<string> InstallAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (_installed is not null)
            {
                return _installed;
            }

            var source = Path.Combine(AppContext.BaseDirectory, "LiveUpdates", "client");
            var files = new[] { "package.json", "package-lock.json", "listen.mjs" };
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(files.Select(f => File.ReadAllText(Path.Combine(source, f)))))))[..16];
            var target = Path.Combine(Path.GetTempPath(), "invoke-socketio-client-" + hash);
            if (!File.Exists(Path.Combine(target, "node_modules", "socket.io-client", "package.json")))
            {
                var staging = target + "-" + Guid.NewGuid().ToString("N");
                Directory.CreateDirectory(staging);
                foreach (var file in files)
                {
                    File.Copy(Path.Combine(source, file), Path.Combine(staging, file));
                }

                await RunNpmCiAsync(staging);
                try
                {
                    Directory.Move(staging, target);
                }
                catch (IOException) when (Directory.Exists(target))
                {
                    // Another test run installed it meanwhile.
                    Directory.Delete(staging, recursive: true);
                }
            }

            return _installed = target;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task RunNpmCiAsync(string directory)
    {
        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var npm = Process.Start(start)!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await npm.WaitForExitAsync(timeout.Token);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {directory}:\n{await output}\n{await errors}");
        }
    }
}
