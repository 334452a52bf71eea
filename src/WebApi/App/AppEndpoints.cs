using System.Reflection;
using Invoke.WebApi.Http;
using Invoke.WebApi.Security;

namespace Invoke.WebApi.App;

/// <summary><c>/api/v1/app</c>: what the UI asks about the server itself.</summary>
internal static class AppEndpoints
{
    public static readonly string Version =
        typeof(AppEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static IEndpointRouteBuilder MapAppEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/app/version", () => Results.Json(new AppVersion(Version, [])))
            .WithTags("app")
            .WithName("app_version")
            .Returns<AppVersion>()
            .WithAccess(RouteAccess.Public);
        return app;
    }

    internal sealed record AppVersion(string version, IReadOnlyList<string> highlights);
}
