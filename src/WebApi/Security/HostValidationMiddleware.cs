using System.Net;
using Invoke.WebApi.Http;

namespace Invoke.WebApi.Security;

/// <summary>
/// Refuses requests whose <c>Host</c> is not one the server answers to, against DNS rebinding: a
/// page on any host name that resolves to 127.0.0.1 would otherwise be same-origin with a
/// loopback server. Bound to loopback, only loopback names are accepted unless
/// <c>Invoke:AllowedHosts</c> says otherwise; bound elsewhere, any host unless it is set.
/// </summary>
internal sealed class HostValidationMiddleware(RequestDelegate next, AllowedHosts allowed)
{
    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        if (!host.HasValue || allowed.Accepts(host.Host))
        {
            return next(context);
        }

        return ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorResponses.Detail("Invalid host header"));
    }
}

/// <summary>The host names (<c>name</c>, <c>*.suffix</c> or <c>*</c>) the server answers to.</summary>
internal sealed class AllowedHosts(IReadOnlyList<string> patterns)
{
    public const string SettingName = "Invoke:AllowedHosts";

    /// <summary>What a loopback-bound server accepts by default.</summary>
    public static readonly IReadOnlyList<string> LoopbackNames = ["localhost", "*.localhost", "127.0.0.1", "[::1]"];

    public IReadOnlyList<string> Patterns { get; } = patterns;

    /// <summary>The configured names, else the loopback names when <paramref name="boundHost"/> is loopback, else any.</summary>
    public static AllowedHosts For(IConfiguration configuration, string boundHost)
    {
        var configured = configuration.GetSection(SettingName).Get<string[]>()
            ?? configuration[SettingName]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? [];
        if (configured.Length > 0)
        {
            return new AllowedHosts(configured);
        }

        return new AllowedHosts(IsLoopback(boundHost) ? LoopbackNames : ["*"]);
    }

    public static bool IsLoopback(string host)
    {
        var name = host.Trim().TrimStart('[').TrimEnd(']');
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    public bool Accepts(string host) => Patterns.Any(pattern => Matches(pattern, host));

    private static bool Matches(string pattern, string host)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return host.Length > pattern.Length - 1 && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
    }
}
