using System.Net;
using System.Text;
using Invoke.Tests.Shared;
using Invoke.WebApi.IntegrationTests.Testing;
using SkiaSharp;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Workflows;

/// <summary>PUT, GET and DELETE <c>/api/v1/workflows/i/{id}/thumbnail</c>.</summary>
public sealed class WorkflowThumbnailEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Put_WithAPngInTheImageField_Answers200WithJsonNull()
    {
        var id = await _client.CreateAsync();

        await (await _client.PutThumbnailAsync(id, TestImages.Png(800, 400))).ShouldBeJsonNullAsync();

        var workflow = await (await _client.GetWorkflowAsync(id)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        workflow.GetProperty("thumbnail_url").GetString().Should().MatchRegex($"^api/v1/workflows/i/{id}/thumbnail\\?[0-9a-f-]{{36}}$");
    }

    [Fact]
    public async Task Get_AfterPut_ServesTheShrunkenImageWithCachingHeaders()
    {
        var id = await _client.CreateAsync();
        await (await _client.PutThumbnailAsync(id, TestImages.Jpeg(1000, 500), "image/jpeg")).ShouldBeJsonNullAsync();

        var response = await _client.GetAsync($"/api/v1/workflows/i/{id}/thumbnail");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/webp");
        response.Content.Headers.ContentDisposition!.ToString().Should().Be($"inline; filename=\"{id}.webp\"");
        response.Headers.CacheControl!.ToString().Should().Be("max-age=31536000");
        var image = TestImages.Decode(await response.Content.ReadAsByteArrayAsync());
        image.Format.Should().Be(SKEncodedImageFormat.Webp);
        (image.Width, image.Height).Should().Be((256, 128));
    }

    [Fact]
    public async Task Get_WithTheCacheBustingQueryOfThumbnailUrl_ServesTheImage()
    {
        var id = await _client.CreateAsync();
        await (await _client.PutThumbnailAsync(id, TestImages.Png(10, 10))).ShouldBeJsonNullAsync();
        var url = (await (await _client.GetWorkflowAsync(id)).ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("thumbnail_url").GetString();

        var response = await _client.GetAsync("/" + url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_OfADefaultWorkflow_ServesItsBundledPng()
    {
        var response = await _client.GetAsync($"/api/v1/workflows/i/{PromptBuilderDefault}/thumbnail");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        response.Content.Headers.ContentDisposition!.ToString().Should().Be($"inline; filename=\"{PromptBuilderDefault}.png\"");
        response.Headers.CacheControl!.ToString().Should().Be("max-age=31536000");
        TestImages.Decode(await response.Content.ReadAsByteArrayAsync()).Format.Should().Be(SKEncodedImageFormat.Png);
    }

    [Fact]
    public async Task Put_WithANonImageContentType_Is415NotAnImage()
    {
        var id = await _client.CreateAsync();

        var detail = await (await _client.PutThumbnailAsync(id, TestImages.Png(10, 10), "text/plain")).ShouldFailWithAsync(HttpStatusCode.UnsupportedMediaType);

        detail.Should().Be("Not an image");
    }

    [Fact]
    public async Task Put_WithoutAContentTypeOnThePart_Is415NotAnImage()
    {
        var id = await _client.CreateAsync();

        var detail = await (await _client.PutThumbnailAsync(id, TestImages.Png(10, 10), contentType: null)).ShouldFailWithAsync(HttpStatusCode.UnsupportedMediaType);

        detail.Should().Be("Not an image");
    }

    [Fact]
    public async Task Put_WithGarbageBytes_Is415FailedToReadImage()
    {
        var id = await _client.CreateAsync();

        var detail = await (await _client.PutThumbnailAsync(id, Encoding.UTF8.GetBytes("definitely not a png"))).ShouldFailWithAsync(HttpStatusCode.UnsupportedMediaType);

        detail.Should().Be("Failed to read image");
        (await (await _client.GetWorkflowAsync(id)).ShouldHaveStatusAsync(HttpStatusCode.OK))
            .GetProperty("thumbnail_url").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Put_WithTheImageInAnotherField_Is422MissingAtBodyImage()
    {
        var id = await _client.CreateAsync();

        var item = (await (await _client.PutThumbnailAsync(id, TestImages.Png(10, 10), field: "file")).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("missing");
        item.Loc().Should().Be("""["body","image"]""");
    }

    [Fact]
    public async Task Put_WithAJsonBody_Is422MissingAtBodyImage()
    {
        var id = await _client.CreateAsync();

        var item = (await (await _client.SendRawAsync(HttpMethod.Put, $"/api/v1/workflows/i/{id}/thumbnail", "{}")).ShouldFailValidationAsync())
            .Should().ContainSingle().Subject;

        item.Loc().Should().Be("""["body","image"]""");
    }

    [Fact]
    public async Task Put_ForAnUnknownWorkflow_Is404()
    {
        var detail = await (await _client.PutThumbnailAsync("no-such-workflow", TestImages.Png(10, 10))).ShouldFailWithAsync(HttpStatusCode.NotFound);

        detail.Should().Be("Workflow not found");
    }

    [Fact]
    public async Task Delete_RemovesTheThumbnailAndAnswersJsonNull()
    {
        var id = await _client.CreateAsync();
        await (await _client.PutThumbnailAsync(id, TestImages.Png(10, 10))).ShouldBeJsonNullAsync();

        await (await _client.DeleteAsync($"/api/v1/workflows/i/{id}/thumbnail")).ShouldBeJsonNullAsync();

        (await (await _client.GetAsync($"/api/v1/workflows/i/{id}/thumbnail")).ShouldFailWithAsync(HttpStatusCode.NotFound))
            .Should().Be("Thumbnail not found");
    }

    [Fact]
    public async Task Delete_WhenThereIsNoThumbnail_Answers200()
    {
        var id = await _client.CreateAsync();

        await (await _client.DeleteAsync($"/api/v1/workflows/i/{id}/thumbnail")).ShouldBeJsonNullAsync();
        await (await _client.DeleteAsync($"/api/v1/workflows/i/{id}/thumbnail")).ShouldBeJsonNullAsync();
    }

    [Fact]
    public async Task Delete_ForAnUnknownWorkflow_Is404()
    {
        var detail = await (await _client.DeleteAsync("/api/v1/workflows/i/no-such-workflow/thumbnail")).ShouldFailWithAsync(HttpStatusCode.NotFound);

        detail.Should().Be("Workflow not found");
    }

    [Fact]
    public async Task Get_WhenTheWorkflowHasNoThumbnail_Is404ThumbnailNotFound()
    {
        var id = await _client.CreateAsync();

        var detail = await (await _client.GetAsync($"/api/v1/workflows/i/{id}/thumbnail")).ShouldFailWithAsync(HttpStatusCode.NotFound);

        detail.Should().Be("Thumbnail not found");
    }

    [Fact]
    public async Task Get_ForAnUnknownWorkflow_Is404NotFound()
    {
        var detail = await (await _client.GetAsync("/api/v1/workflows/i/no-such-workflow/thumbnail")).ShouldFailWithAsync(HttpStatusCode.NotFound);

        detail.Should().Be("Not Found");
    }
}
