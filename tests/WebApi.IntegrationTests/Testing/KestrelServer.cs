using Invoke.WebApi.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.WebApi.IntegrationTests.Testing;

/// <summary>
/// The server on a real Kestrel socket (a free port on loopback, its own temporary root): for
/// what the in-memory test server cannot show, such as HTTP framing and clients that open their own connections.
/// </summary>
public class KestrelServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "invoke-kestrel-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = InvokeHost.Build(["--urls", "http://127.0.0.1:0", $"--Invoke:Root={_root}", "--Logging:LogLevel:Default=Warning", .. Arguments]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address);
    }

    /// <summary>Configuration beyond the root and the port, as command-line arguments.</summary>
    protected virtual IEnumerable<string> Arguments => [];

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A real server in multi-user mode.</summary>
public sealed class MultiUserKestrelServer : KestrelServer
{
    protected override IEnumerable<string> Arguments => ["--Invoke:MultiUser=true"];
}
