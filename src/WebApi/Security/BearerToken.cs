namespace Invoke.WebApi.Security;

/// <summary>Where a request's token comes from.</summary>
internal static class BearerToken
{
    public const string MediaCookie = "invokeai_media_token";

    /// <summary>
    /// The credential of an <c>Authorization: Bearer …</c> header. The scheme matches in any case; an
    /// empty credential or another scheme counts as no header.
    /// </summary>
    public static string? FromHeader(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !header.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var credential = header[(space + 1)..].Trim();
        return credential.Length == 0 ? null : credential;
    }

    public static string? FromCookie(HttpRequest request) =>
        request.Cookies.TryGetValue(MediaCookie, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
