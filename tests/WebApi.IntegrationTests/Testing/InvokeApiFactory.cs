using System.Net;
using Invoke.Application.Users;
using Invoke.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Invoke.WebApi.IntegrationTests.Testing;

/// <summary>
/// The real server over HTTP (in memory), on its own SQLite file under a temporary root, started
/// exactly as <c>dotnet run</c> starts it: migrations and default workflows included.
/// </summary>
public class InvokeApiFactory : WebApplicationFactory<Program>
{
    private readonly string _root;

    public InvokeApiFactory()
        : this(Path.Combine(Path.GetTempPath(), "invoke-it-" + Guid.NewGuid().ToString("N")))
    {
    }

    /// <summary>A server over an existing root directory, removed when the factory is disposed.</summary>
    protected InvokeApiFactory(string root) => _root = root;

    public string Root => _root;

    /// <summary>The clock the server reads; tests move it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Whether bcrypt results are remembered across the test run (real hashes, computed once per
    /// password); a factory that checks the hashes themselves turns it off.
    /// </summary>
    protected virtual bool MemoizePasswordHashing => true;

    /// <summary>Configuration for the server beyond the root; subclasses add multi-user mode and such.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Invoke:Root", _root);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>();
            if (MemoizePasswordHashing)
            {
                services.RemoveAll<IPasswordHasher>();
                services.AddSingleton<IPasswordHasher>(MemoizingPasswordHasher.Instance);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The server in multi-user mode.</summary>
public class MultiUserApiFactory : InvokeApiFactory
{
    private Task<Account>? _administrator;

    public MultiUserApiFactory()
    {
    }

    protected MultiUserApiFactory(string root)
        : base(root)
    {
    }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Invoke:MultiUser"] = "true",
    };

    /// <summary>The first administrator, set up on first use and shared by the tests of a class.</summary>
    public Task<Account> AdministratorAsync() => _administrator ??= this.SetUpAdministratorAsync();
}

/// <summary>Multi-user mode over a root directory the admin CLI has prepared.</summary>
public sealed class MultiUserApiFactoryOnRoot(string root) : MultiUserApiFactory(root);

/// <summary>Multi-user mode with every password hashed and verified afresh by bcrypt.</summary>
public sealed class RealBcryptApiFactory : MultiUserApiFactory
{
    protected override bool MemoizePasswordHashing => false;
}

/// <summary>Multi-user mode with the strict password policy.</summary>
public sealed class StrictMultiUserApiFactory : MultiUserApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Invoke:MultiUser"] = "true",
        ["Invoke:StrictPasswordChecking"] = "true",
    };
}

/// <summary>
/// Multi-user mode with low login-throttling limits: 3 failures per account from one address, 8 per
/// account from anywhere, 5 per address, a one-minute window.
/// </summary>
public sealed class ThrottlingApiFactory : MultiUserApiFactory
{
    public const int FailuresPerAccount = 3;
    public const int FailuresPerAccountFromAnywhere = 8;
    public const int FailuresPerAddress = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Invoke:MultiUser"] = "true",
        ["Invoke:LoginThrottling:MaxFailuresPerClient"] = "3",
        ["Invoke:LoginThrottling:MaxFailuresPerAccount"] = "8",
        ["Invoke:LoginThrottling:MaxFailuresPerAddress"] = "5",
        ["Invoke:LoginThrottling:Window"] = "00:01:00",
    };
}

/// <summary>Low throttling limits behind a trusted reverse proxy at <see cref="Proxy"/>.</summary>
public sealed class ProxiedThrottlingApiFactory : MultiUserApiFactory
{
    public const string Proxy = "10.0.0.1";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Invoke:MultiUser"] = "true",
        ["Invoke:LoginThrottling:MaxFailuresPerAccount"] = "100",
        ["Invoke:LoginThrottling:MaxFailuresPerAddress"] = "3",
        ["Invoke:TrustedProxies:0"] = Proxy,
    };
}

/// <summary>
/// The in-memory test server has no client address; a request's <c>X-Test-Client-Address</c>
/// header stands in for the address a real connection would come from.
/// </summary>
internal sealed class ClientAddressStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address) && IPAddress.TryParse(address, out var parsed))
            {
                context.Connection.RemoteIpAddress = parsed;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
