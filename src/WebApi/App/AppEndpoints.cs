using System.Reflection;
using Invoke.Infrastructure;
using Invoke.WebApi.Http;
using Invoke.WebApi.Security;
using Microsoft.EntityFrameworkCore;

namespace Invoke.WebApi.App;

/// <summary><c>/api/v1/app</c>: what the UI asks about the server itself.</summary>
internal static class AppEndpoints
{
    public static readonly string Version =
        typeof(AppEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static IEndpointRouteBuilder MapAppEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/app").WithTags("app");
        group.MapGet("/version", () => Results.Json(new AppVersion(Version, [])))
            .WithName("app_version")
            .Returns<AppVersion>()
            .WithAccess(RouteAccess.Public);
        group.MapGet("/app_deps", AppDependencies)
            .WithName("get_app_deps")
            .WithAccess(RouteAccess.User);

        // Patchmatch is an image-infill library of InvokeAI's generation backend, which this server does not have.
        group.MapGet("/patchmatch_status", () => Results.Json(false))
            .WithName("get_patchmatch_status")
            .WithAccess(RouteAccess.User);
        group.MapGet("/runtime_config", RuntimeConfig)
            .WithName("get_runtime_config")
            .WithAccess(RouteAccess.Admin);
        return app;
    }

    /// <summary>What this server runs on, by name and version: the runtime, the frameworks and the database engine.</summary>
    private static IResult AppDependencies(InvokeOptions options) => Results.Json(new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["invoke"] = Version,
        [".NET"] = Environment.Version.ToString(),
        ["ASP.NET Core"] = AssemblyVersion(typeof(WebApplication)),
        ["Entity Framework Core"] = AssemblyVersion(typeof(DbContext)),
        ["database"] = options.Database.Provider.ToString(),
    });

    /// <summary>
    /// The settings of this server that InvokeAI's configuration also has, under InvokeAI's names
    /// (<c>set_fields</c> lists those set explicitly). No secret is among them.
    /// </summary>
    private static IResult RuntimeConfig(InvokeOptions options, IConfiguration configuration, InvokePaths paths)
    {
        var host = configuration["Invoke:Host"];
        var port = configuration["Invoke:Port"];
        var origins = configuration.GetSection("Invoke:AllowedOrigins").Get<string[]>() ?? [];
        var config = new Dictionary<string, object?>
        {
            ["host"] = host ?? Hosting.InvokeHost.DefaultHost,
            ["port"] = configuration.GetValue("Invoke:Port", Hosting.InvokeHost.DefaultPort),
            ["allow_origins"] = origins,
            ["models_dir"] = paths.ModelsDirectory,
            ["patchmatch"] = false,
            ["multiuser"] = options.MultiUser,
            ["strict_password_checking"] = options.StrictPasswordChecking,
        };
        var setFields = new List<string>();
        AddIfSet(setFields, "host", host);
        AddIfSet(setFields, "port", port);
        AddIfSet(setFields, "allow_origins", origins.Length > 0 ? "set" : null);
        AddIfSet(setFields, "models_dir", options.ModelsDirectory);
        AddIfSet(setFields, "multiuser", configuration["Invoke:MultiUser"]);
        AddIfSet(setFields, "strict_password_checking", configuration["Invoke:StrictPasswordChecking"]);
        return Results.Json(new RuntimeConfiguration(setFields, config));
    }

    private static void AddIfSet(List<string> fields, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields.Add(name);
        }
    }

    private static string AssemblyVersion(Type type) =>
        type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? type.Assembly.GetName().Version?.ToString()
        ?? "unknown";

    internal sealed record AppVersion(string version, IReadOnlyList<string> highlights);

    internal sealed record RuntimeConfiguration(IReadOnlyList<string> set_fields, IReadOnlyDictionary<string, object?> config);
}
