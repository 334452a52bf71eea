using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Models;

/// <summary>"Sync models" over HTTP, on a server of its own so that no other test's files show up.</summary>
public sealed class OrphanedModelEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task SyncOrphaned_ListsOrphans_ThenDeletesThemWithAJsonBodyOnDelete()
    {
        var registered = ModelHttp.WriteFile(Path.Combine(factory.ModelsPath(), "kept", "model.safetensors"), "kept");
        await _client.InstallAsync(registered);
        ModelHttp.WriteFile(Path.Combine(factory.ModelsPath(), "stale", "model.safetensors"), "12345");
        var outside = ModelHttp.WriteFile(Path.Combine(factory.Root, "outside.safetensors"));

        var orphans = await (await _client.GetAsync("/api/v2/models/sync/orphaned")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var orphan = orphans.EnumerateArray().Should().ContainSingle().Subject;
        orphan.FieldNames().Should().Equal("path", "absolute_path", "files", "size_bytes");
        orphan.GetProperty("path").GetString().Should().Be("stale");
        orphan.GetProperty("absolute_path").GetString().Should().Be(Path.Combine(factory.ModelsPath(), "stale"));
        orphan.GetProperty("files").EnumerateArray().Select(f => f.GetString()).Should().Equal("model.safetensors");
        orphan.GetProperty("size_bytes").GetInt64().Should().Be(5);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v2/models/sync/orphaned")
        {
            Content = JsonContent.Create(new { paths = new[] { "stale", "../outside.safetensors", "missing" } }),
        };
        var result = await (await _client.SendAsync(delete)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        result.FieldNames().Should().Equal("deleted", "errors");
        result.GetProperty("deleted").EnumerateArray().Select(p => p.GetString()).Should().Equal("stale");
        result.GetProperty("errors").GetProperty("../outside.safetensors").GetString().Should().Be("error: path is not under models directory");
        result.GetProperty("errors").GetProperty("missing").GetString().Should().Be("error: path does not exist");
        File.Exists(outside).Should().BeTrue();
        File.Exists(registered).Should().BeTrue();
        (await (await _client.GetAsync("/api/v2/models/sync/orphaned")).ShouldHaveStatusAsync(HttpStatusCode.OK)).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task SyncOrphaned_DeleteWithoutPaths_Is422()
    {
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v2/models/sync/orphaned") { Content = JsonContent.Create(new { }) };

        var error = (await (await _client.SendAsync(delete)).ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail")[0];

        error.GetProperty("loc").EnumerateArray().Select(l => l.GetString()).Should().Equal("body", "paths");
    }
}
