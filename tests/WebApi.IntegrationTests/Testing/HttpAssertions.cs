using System.Net;
using System.Text.Json;

namespace Invoke.WebApi.IntegrationTests.Testing;

public static class HttpAssertions
{
    /// <summary>Reads the body as JSON after checking the status, showing the body when the status is wrong.</summary>
    public static async Task<JsonElement> ShouldHaveStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "the body was: {0}", body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The <c>detail</c> text of an error response with the given status.</summary>
    public static async Task<string?> ShouldFailWithAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.ShouldHaveStatusAsync(expected);
        return body.GetProperty("detail").GetString();
    }

    /// <summary>The property names of a JSON object, in order.</summary>
    public static IReadOnlyList<string> FieldNames(this JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).ToList();
}
