using System.Globalization;

namespace Invoke.WebApi.Security;

/// <summary>
/// The <c>invokeai_media_token</c> cookie: the token again, for media requests a browser makes
/// without headers. HttpOnly, SameSite=lax, Secure over https, scoped to the API path behind any
/// proxy prefix.
/// </summary>
internal static class MediaCookie
{
    public static void Set(HttpContext context, string token, TimeSpan lifetime)
    {
        var seconds = Math.Max(0, (long)Math.Floor(lifetime.TotalSeconds));
        Append(context, $"{BearerToken.MediaCookie}={token}; HttpOnly; Max-Age={seconds.ToString(CultureInfo.InvariantCulture)}; Path={PathFor(context)}; SameSite=lax");
    }

    public static void Delete(HttpContext context) =>
        Append(context, $"{BearerToken.MediaCookie}=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Max-Age=0; Path={PathFor(context)}; SameSite=lax");

    /// <summary>
    /// <c>/api/v1</c> under the public prefix: the app's path base (set from a trusted proxy's
    /// <c>X-Forwarded-Prefix</c>, see <see cref="ForwardedPrefixFilter"/>). A base that is not a
    /// plain path is left out rather than written into the header.
    /// </summary>
    public static string PathFor(HttpContext context)
    {
        var pathBase = context.Request.PathBase.ToUriComponent().TrimEnd('/');
        return pathBase.Length > 0 && ForwardedPrefixFilter.IsPlainPath(pathBase) ? pathBase + "/api/v1" : "/api/v1";
    }

    private static void Append(HttpContext context, string cookie)
    {
        var secure = context.Request.IsHttps ? "; Secure" : string.Empty;
        context.Response.Headers.Append("Set-Cookie", cookie + secure);
    }
}
