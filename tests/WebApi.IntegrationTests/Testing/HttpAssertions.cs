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
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        body.FieldNames().Should().Equal("detail");
        return body.GetProperty("detail").GetString();
    }

    /// <summary>Asserts a 422 and returns its error items (<c>{"detail": [{type, loc, msg, input, ctx?}]}</c>).</summary>
    public static async Task<IReadOnlyList<JsonElement>> ShouldFailValidationAsync(this HttpResponseMessage response)
    {
        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        body.FieldNames().Should().Equal("detail");
        var items = body.GetProperty("detail").EnumerateArray().ToList();
        items.Should().NotBeEmpty();
        foreach (var item in items)
        {
            item.FieldNames().Take(4).Should().Equal("type", "loc", "msg", "input");
        }

        return items;
    }

    /// <summary>Asserts a 200 whose body is the JSON literal <c>null</c>, as InvokeAI answers for actions without a result.</summary>
    public static async Task ShouldBeJsonNullAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the body was: {0}", body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        body.Should().Be("null");
    }

    /// <summary>The property names of a JSON object, in order.</summary>
    public static IReadOnlyList<string> FieldNames(this JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>The error item's <c>loc</c> as compact JSON, e.g. <c>["body","workflow","name"]</c>.</summary>
    public static string Loc(this JsonElement item) => item.GetProperty("loc").GetRawText();

    public static string? Type(this JsonElement item) => item.GetProperty("type").GetString();

    public static string? Msg(this JsonElement item) => item.GetProperty("msg").GetString();
}
