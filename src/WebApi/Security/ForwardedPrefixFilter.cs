namespace Invoke.WebApi.Security;

/// <summary>
/// Drops an <c>X-Forwarded-Prefix</c> that is not a plain path (ASCII, starting with <c>/</c>, no
/// characters that would break a cookie or a URL), before the forwarded-headers middleware reads it.
/// Only runs behind trusted proxies; elsewhere the header is never read at all.
/// </summary>
internal sealed class ForwardedPrefixFilter(RequestDelegate next)
{
    public const string Header = "X-Forwarded-Prefix";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.TryGetValue(Header, out var values) && !values.All(v => v is not null && IsPlainPath(v)))
        {
            headers.Remove(Header);
        }

        return next(context);
    }

    public static bool IsPlainPath(string value)
    {
        var prefix = value.Trim();
        return prefix.Length is > 0 and <= 256 && prefix[0] == '/' && !prefix.Contains("//", StringComparison.Ordinal)
            && prefix.All(c => c is > ' ' and < '\u007f' and not (';' or ',' or '"' or '\\' or '?' or '#'));
    }
}
