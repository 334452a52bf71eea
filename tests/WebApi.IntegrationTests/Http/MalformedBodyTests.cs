using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Http;

/// <summary>Bodies that cannot be read are a client error with a <c>detail</c> on every route family, never a 500.</summary>
public sealed class MalformedBodyTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    public static TheoryData<string, string> JsonRoutes() => ContentTypeTests.JsonRoutes();

    [Theory]
    [MemberData(nameof(JsonRoutes))]
    public async Task InvalidUtf8InsideAString_Is400(string method, string path)
    {
        byte[] body = [.. """{"email": "a"""u8, 0xC3, 0x28, .. """@b.c", "password": "x", "name": "a"""u8, 0xFF, .. "\"}"u8];

        using var response = await SendAsync(method, path, body);

        var detail = await response.ShouldFailWithAsync(HttpStatusCode.BadRequest);
        detail.Should().Be("There was an error parsing the body");
    }

    [Theory]
    [InlineData("""{"trigger_phrases": ["a"], "trigger_phrases": ["b"]}""")]
    [InlineData("""{"name": "a", "name": "b", "default_settings": {}, "default_settings": null}""")]
    [InlineData("""{"source_url": 1, "source_url": "https://example.com", "description": "x", "description": null}""")]
    public async Task ModelBody_WithADuplicateKey_IsReadLikeInvokeAI(string body)
    {
        using var response = await SendAsync("PATCH", "/api/v2/models/i/no-such-model", Encoding.UTF8.GetBytes(body));

        await response.ShouldFailWithAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InstallBody_WithADuplicateKey_IsNeverA500()
    {
        using var response = await SendAsync(
            "POST", "/api/v2/models/install?source=/nowhere/x.safetensors", """{"variant": "normal", "variant": "inpaint"}"""u8.ToArray());

        ((int)response.StatusCode).Should().BeInRange(400, 499);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"detail\"");
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, byte[] body)
    {
        var admin = await factory.AdministratorAsync();
        var workflowId = path.Contains("{id}", StringComparison.Ordinal) ? await admin.Client.CreateAsync() : string.Empty;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(
            new HttpMethod(method),
            path.Replace("{id}", workflowId, StringComparison.Ordinal).Replace("{user}", admin.UserId, StringComparison.Ordinal))
        {
            Content = content,
        };
        return await admin.Client.SendAsync(request);
    }
}
