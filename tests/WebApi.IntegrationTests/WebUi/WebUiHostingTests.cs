using System.Net;
using System.Net.Http.Headers;
using Invoke.WebApi.IntegrationTests.Testing;
using Invoke.WebApi.WebUi;

namespace Invoke.WebApi.IntegrationTests.WebUi;

/// <summary>InvokeAI's built UI served on the API's origin: its files, its pages, and the API untouched.</summary>
public sealed class WebUiHostingTests(WebUiApiFactory factory) : IClassFixture<WebUiApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/")]
    [InlineData("/app")]
    [InlineData("/login")]
    [InlineData("/setup")]
    [InlineData("/admin/users")]
    [InlineData("/profile")]
    [InlineData("/app/workflows/some-id")]
    public async Task UiPages_AreTheIndexPageWithABaseAtTheRoot_NeverCached(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().Be(WebUiApiFactory.ServedIndexHtml);
    }

    [Fact]
    public async Task HashedAssets_AreCachedForAYearAsImmutable()
    {
        var response = await _client.GetAsync(WebUiApiFactory.AssetPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        response.Headers.CacheControl!.ToString().Should().Be("public, max-age=31536000, immutable");
    }

    [Fact]
    public async Task UnhashedFiles_AreRevalidated()
    {
        var response = await _client.GetAsync("/locales/en.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().Contain("Hello");
    }

    [Fact]
    public async Task AMissingFile_Is404_NotTheIndexPage()
    {
        (await (await _client.GetAsync("/assets/missing-123.js")).ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("Not Found");
    }

    [Theory]
    [InlineData("/api/v1/nothing")]
    [InlineData("/api")]
    [InlineData("/ws/elsewhere")]
    public async Task ServerPaths_NeverGetTheIndexPage(string path)
    {
        (await (await _client.GetAsync(path)).ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("Not Found");
    }

    [Fact]
    public async Task TheApi_AnswersAsWithoutTheUi()
    {
        (await (await _client.GetAsync("/api/v1/app/version")).ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("version").GetString().Should().NotBeEmpty();
        (await (await _client.GetAsync("/openapi.json")).ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("openapi").GetString().Should().StartWith("3.");
        (await (await _client.GetAsync("/health")).Content.ReadAsStringAsync()).Should().Be("Healthy");
        (await (await _client.GetAsync("/api/v1/auth/login")).ShouldFailWithAsync(HttpStatusCode.MethodNotAllowed)).Should().Be("Method Not Allowed");
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task TextFiles_AreCompressed_WhenTheBrowserAccepts(string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, WebUiApiFactory.AssetPath);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        var response = await _client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().Equal(encoding);
        (await response.Content.ReadAsByteArrayAsync()).Length.Should().BeLessThan(7000, "the asset is 7,000 bytes of repeated text");
    }

    [Fact]
    public async Task AHeadRequestForAPage_HasTheHeadersAndNoBody()
    {
        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/admin/users"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }
}

/// <summary>Without <c>Invoke:WebUi:Directory</c> no UI is served, and the root says how to serve one.</summary>
public sealed class WithoutWebUiTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheRoot_SaysWhereTheApiIsAndHowToServeTheUi()
    {
        var detail = await (await _client.GetAsync("/")).ShouldFailWithAsync(HttpStatusCode.NotFound);

        detail.Should().Be(WebUiHosting.NoWebUiMessage);
        detail.Should().Contain("Invoke:WebUi:Directory").And.Contain("/openapi.json");
    }

    [Theory]
    [InlineData("/app")]
    [InlineData("/login")]
    public async Task UiPages_AreNotFound(string path)
    {
        (await (await _client.GetAsync(path)).ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("Not Found");
    }
}

public sealed class MisconfiguredWebUiTests
{
    [Fact]
    public void ADirectoryWithoutAnIndexPage_StopsTheServerWithAClearMessage()
    {
        var empty = Directory.CreateTempSubdirectory("invoke-it-no-ui-");
        try
        {
            var act = () => Hosting.InvokeHost.Build([$"--Invoke:WebUi:Directory={empty.FullName}", $"--Invoke:Root={Path.Combine(empty.FullName, "root")}", "--urls", "http://127.0.0.1:0"]);

            act.Should().Throw<InvalidOperationException>().WithMessage("*holds no index.html*invokeai/frontend/web/dist*");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
