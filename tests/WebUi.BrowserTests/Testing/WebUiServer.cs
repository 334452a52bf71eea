using System.Formats.Tar;
using System.IO.Compression;
using Invoke.Application.Users;
using Invoke.Testing;
using Invoke.Tests.Shared;
using Invoke.WebApi.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Invoke.WebUi.BrowserTests.Testing;

/// <summary>
/// A real Invoke in multi-user mode on a free loopback port, serving InvokeAI's built web UI (unpacked
/// from the shared bundle into a directory of its own) and InvokeAI's node definitions.
/// </summary>
public sealed class WebUiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private WebUiServer(WebApplication app, string directory, Uri address)
    {
        _app = app;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts a server; skips the calling test, loudly, when the UI bundle or InvokeAI's openapi.json is absent.</summary>
    public static async Task<WebUiServer> StartAsync(bool nodeDefinitions = true)
    {
        var bundle = SharedArtifacts.WebUiBundle;
        var openApi = nodeDefinitions ? SharedArtifacts.InvokeAiOpenApi : null;
        var directory = Path.Combine(Path.GetTempPath(), "invoke-webui-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await UnpackAsync(bundle, directory);

        List<string> args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--Invoke:Root={Path.Combine(directory, "root")}",
            "--Invoke:MultiUser=true",
            $"--Invoke:WebUi:Directory={Path.Combine(directory, "dist")}",
            "--Logging:LogLevel:Default=Warning",
        ];
        if (openApi is not null)
        {
            args.Add($"--Invoke:WebUi:NodeDefinitions={openApi}");
        }

        var app = InvokeHost.Build([.. args], services =>
        {
            services.RemoveAll<IPasswordHasher>();
            services.AddSingleton<IPasswordHasher>(MemoizingPasswordHasher.Instance);
        });
        await app.StartAsync();
        var address = app.Urls.Single();
        return new WebUiServer(app, directory, new Uri(address));
    }

    private static async Task UnpackAsync(string bundle, string directory)
    {
        await using var file = File.OpenRead(bundle);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await TarFile.ExtractToDirectoryAsync(gzip, directory, overwriteFiles: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
