using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Http;

/// <summary>
/// JSON bodies are read only when sent as <c>application/json</c>: a web page can send text, a form
/// or a body without a type cross-site without a CORS preflight, so those are refused with a 415.
/// </summary>
public sealed class ContentTypeTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    /// <summary>One route of each family that takes a JSON body; {id} is an existing workflow.</summary>
    private static readonly (string Method, string Path)[] Routes =
    [
        ("POST", "/api/v1/auth/setup"),
        ("POST", "/api/v1/auth/login"),
        ("PATCH", "/api/v1/auth/me"),
        ("POST", "/api/v1/auth/users"),
        ("PATCH", "/api/v1/auth/users/{user}"),
        ("POST", "/api/v1/workflows/"),
        ("PATCH", "/api/v1/workflows/i/{id}"),
        ("PATCH", "/api/v1/workflows/i/{id}/is_public"),
        ("PATCH", "/api/v2/models/i/some-key"),
        ("POST", "/api/v2/models/i/bulk_delete"),
        ("DELETE", "/api/v2/models/sync/orphaned"),
        ("POST", "/api/v2/models/install?source=/nowhere"),
    ];

    public static TheoryData<string, string> JsonRoutes()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, path) in Routes)
        {
            data.Add(method, path);
        }

        return data;
    }

    public static TheoryData<string, string, string> RoutesAndRefusedTypes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (method, path) in Routes)
        {
            foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "none" })
            {
                data.Add(method, path, type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesAndRefusedTypes))]
    public async Task JsonRoute_WithAnotherContentType_Is415(string method, string path, string contentType)
    {
        using var response = await SendAsync(method, path, """{"email": "a@b.c", "password": "x"}""", contentType);

        var detail = await response.ShouldFailWithAsync(HttpStatusCode.UnsupportedMediaType);
        detail.Should().Contain("application/json");
    }

    [Theory]
    [MemberData(nameof(JsonRoutes))]
    public async Task JsonRoute_WithACharsetParameter_ReadsTheBody(string method, string path)
    {
        // "[]" is not an object: a route that reads the body answers InvokeAI's 422 for it.
        using var response = await SendAsync(method, path, "[]", "application/json; charset=utf-8");

        var items = await response.ShouldFailValidationAsync();
        items.Should().ContainSingle().Which.Loc().Should().Be("""["body"]""");
    }

    [Fact]
    public async Task JsonRoute_WithAnUpperCaseMediaType_ReadsTheBody()
    {
        using var response = await SendAsync("POST", "/api/v1/workflows/", "[]", "Application/JSON");

        (await response.ShouldFailValidationAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Install_WithoutABody_NeedsNoContentType()
    {
        var admin = await factory.AdministratorAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/models/install?source=/nowhere/model.safetensors");

        using var response = await admin.Client.SendAsync(request);

        ((int)response.StatusCode).Should().NotBe(415).And.BeLessThan(500);
    }

    [Fact]
    public async Task ThumbnailUpload_TakesMultipart()
    {
        var admin = await factory.AdministratorAsync();
        var id = await admin.Client.CreateAsync();
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(Invoke.Tests.Shared.TestImages.Png(8, 8));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "image", "thumb.png");

        using var response = await admin.Client.PutAsync($"/api/v1/workflows/i/{id}/thumbnail", form);

        await response.ShouldBeJsonNullAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string body, string contentType)
    {
        var admin = await factory.AdministratorAsync();
        var workflowId = path.Contains("{id}", StringComparison.Ordinal) ? await admin.Client.CreateAsync() : string.Empty;
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", workflowId, StringComparison.Ordinal).Replace("{user}", admin.UserId, StringComparison.Ordinal));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType != "none")
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        request.Content = content;
        return await admin.Client.SendAsync(request);
    }
}
