namespace Invoke.WebApi.IntegrationTests.Testing;

/// <summary>The <c>Set-Cookie</c> headers of a response.</summary>
public static class Cookies
{
    public const string MediaCookie = "invokeai_media_token";

    public static IReadOnlyList<string> SetCookies(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
    }

    /// <summary>The one media cookie the response sets, failing when there is not exactly one.</summary>
    public static MediaCookieHeader ShouldSetOneMediaCookie(this HttpResponseMessage response)
    {
        var header = response.SetCookies().Should().ContainSingle().Subject;
        header.Should().StartWith(MediaCookie + "=");
        return new MediaCookieHeader(header);
    }
}

/// <summary>One <c>Set-Cookie</c> header for the media cookie, split into its value and attributes.</summary>
public sealed record MediaCookieHeader(string Header)
{
    private string[] Parts => Header.Split(';', StringSplitOptions.TrimEntries);

    public string Value => Parts[0][(Cookies.MediaCookie.Length + 1)..];

    public bool HasFlag(string flag) => Parts.Skip(1).Contains(flag, StringComparer.OrdinalIgnoreCase);

    public string? Attribute(string name) =>
        Parts.Skip(1).Where(p => p.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase)).Select(p => p[(name.Length + 1)..]).FirstOrDefault();

    public long MaxAge => long.Parse(Attribute("Max-Age")!, System.Globalization.CultureInfo.InvariantCulture);
}
