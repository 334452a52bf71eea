using System.Net;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.App;

/// <summary>What the UI asks about the server, answered for this server.</summary>
public sealed class AppInfoEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AppDeps_NameTheRuntimeTheFrameworksAndTheDatabase()
    {
        var body = await (await _client.GetAsync("/api/v1/app/app_deps")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.FieldNames().Should().BeEquivalentTo([".NET", "ASP.NET Core", "Entity Framework Core", "database", "invoke"]);
        body.GetProperty(".NET").GetString().Should().Be(Environment.Version.ToString());
        body.GetProperty("database").GetString().Should().Be("Sqlite");
        body.GetProperty("invoke").GetString().Should().Be("1.0.0");
        body.GetProperty("Entity Framework Core").GetString().Should().StartWith("10.");
    }

    [Fact]
    public async Task PatchmatchStatus_IsFalse_ThereIsNoGenerationBackend()
    {
        (await (await _client.GetAsync("/api/v1/app/patchmatch_status")).Content.ReadAsStringAsync()).Should().Be("false");
    }

    [Fact]
    public async Task RuntimeConfig_SaysWhatThisServerIs()
    {
        var body = await (await _client.GetAsync("/api/v1/app/runtime_config")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.FieldNames().Should().Equal("set_fields", "config");
        var config = body.GetProperty("config");
        config.GetProperty("multiuser").GetBoolean().Should().BeFalse();
        config.GetProperty("patchmatch").GetBoolean().Should().BeFalse();
        config.GetProperty("port").GetInt32().Should().Be(9090);
        config.GetProperty("models_dir").GetString().Should().Be(Path.Combine(factory.Root, "models"));
    }

    [Fact]
    public async Task StarterModels_IsAnEmptyCatalogue()
    {
        (await (await _client.GetAsync("/api/v2/models/starter_models")).Content.ReadAsStringAsync())
            .Should().Be("""{"starter_models":[],"starter_bundles":{}}""");
    }
}
