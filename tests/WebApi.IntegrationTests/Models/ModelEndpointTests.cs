using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Models;

/// <summary><c>/api/v2/models</c> in single-user mode: paths, status codes, field names and error texts.</summary>
public sealed class ModelEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Install_Is201WithAnInstallJobShapedAsInvokeAis()
    {
        var file = factory.WriteUniqueModel();

        var response = await _client.PostAsJsonAsync($"/api/v2/models/install?source={Uri.EscapeDataString(file)}&inplace=true", new { name = "Installed" });

        var job = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        job.FieldNames().Should().Equal(
            "id", "status", "error_reason", "config_in", "config_out", "inplace", "source", "local_path",
            "bytes", "total_bytes", "source_metadata", "download_parts", "error", "error_traceback");
        job.GetProperty("status").GetString().Should().Be("completed");
        job.GetProperty("config_in").GetProperty("name").GetString().Should().Be("Installed");
        job.GetProperty("source").FieldNames().Should().Equal("path", "inplace", "type");
        job.GetProperty("source").GetProperty("type").GetString().Should().Be("local");
        job.GetProperty("config_out").GetProperty("name").GetString().Should().Be("Installed");
        job.GetProperty("config_out").GetProperty("hash").GetString().Should().StartWith("blake3:");

        var jobs = await (await _client.GetAsync("/api/v2/models/install")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        jobs.EnumerateArray().Select(j => j.GetProperty("id").GetInt32()).Should().Contain(job.GetProperty("id").GetInt32());
        var one = await (await _client.GetAsync($"/api/v2/models/install/{job.GetProperty("id").GetInt32()}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        one.GetProperty("local_path").GetString().Should().Be(file);
    }

    [Theory]
    [InlineData("/api/v2/models/?model_name=a%00b", """["query","model_name"]""")]
    [InlineData("/api/v2/models/get_by_attrs?name=a%00b&type=main&base=sd-1", """["query","name"]""")]
    [InlineData("/api/v2/models/get_by_hash?hash=a%00b", """["query","hash"]""")]
    public async Task Get_WithANulInAQueryOrPathValue_Is422NamingIt(string url, string loc)
    {
        var item = (await (await _client.GetAsync(url)).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("value_error");
        item.Loc().Should().Be(loc);
    }

    [Fact]
    public async Task Install_WithANulInTheBody_Is422NamingTheField()
    {
        var file = factory.WriteUniqueModel();

        var response = await _client.PostAsJsonAsync($"/api/v2/models/install?source={Uri.EscapeDataString(file)}&inplace=true", new { name = "a\0b", description = "c\0d" });

        var items = await response.ShouldFailValidationAsync();
        items.Select(i => i.Loc()).Should().Equal("""["body","name"]""", """["body","description"]""");
    }

    [Fact]
    public async Task Install_WithoutABody_UsesTheDetectedConfig()
    {
        var file = factory.WriteUniqueModel("plain.ckpt");

        var response = await _client.PostAsync($"/api/v2/models/install?source={Uri.EscapeDataString(file)}", null);

        var job = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        job.GetProperty("config_out").GetProperty("name").GetString().Should().Be("plain");
    }

    [Fact]
    public async Task Install_Errors_Are409For_AMissingPathOrADuplicate_422For_NoSourceOrAnUnknownBase_400For_AClassInvokeAiLacks()
    {
        var file = factory.WriteUniqueModel();
        await _client.InstallAsync(file);

        var missing = await _client.PostAsJsonAsync("/api/v2/models/install?source=/nonexistent/x.safetensors", new { });
        var duplicate = await _client.PostAsJsonAsync($"/api/v2/models/install?source={Uri.EscapeDataString(file)}", new { });
        var noSource = await _client.PostAsJsonAsync("/api/v2/models/install", new { });
        var badBase = await _client.PostAsJsonAsync($"/api/v2/models/install?source={Uri.EscapeDataString(factory.WriteUniqueModel())}", new { @base = 5 });
        var unknownBase = await _client.PostAsJsonAsync($"/api/v2/models/install?source={Uri.EscapeDataString(factory.WriteUniqueModel())}", new { @base = "sd-9" });
        var noSuchClass = await _client.PostAsJsonAsync(
            $"/api/v2/models/install?source={Uri.EscapeDataString(factory.WriteUniqueModel())}", new { type = "lora", format = "checkpoint", @base = "sd-1" });

        (await missing.ShouldFailWithAsync(HttpStatusCode.Conflict)).Should().Be("Unsupported model source: '/nonexistent/x.safetensors'");
        (await duplicate.ShouldFailWithAsync(HttpStatusCode.Conflict)).Should().StartWith("A model with path '").And.EndWith("' is already installed");
        var error = (await noSource.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail")[0];
        error.GetProperty("loc").EnumerateArray().Select(l => l.GetString()).Should().Equal("query", "source");
        error.GetProperty("type").GetString().Should().Be("missing");
        (await badBase.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail")[0].GetProperty("type").GetString().Should().Be("string_type");
        var enumError = (await unknownBase.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail")[0];
        enumError.GetProperty("type").GetString().Should().Be("enum");
        enumError.GetProperty("loc").EnumerateArray().Select(l => l.GetString()).Should().Equal("body", "base");
        (await noSuchClass.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be("InvokeAI has no model config for type 'lora', format 'checkpoint' and base 'sd-1'");
    }

    [Fact]
    public async Task InstallJob_ByABadOrUnknownId_Is422Or404()
    {
        var bad = await _client.GetAsync("/api/v2/models/install/abc");
        var unknown = await _client.GetAsync("/api/v2/models/install/987654");

        (await bad.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail")[0].GetProperty("type").GetString().Should().Be("int_parsing");
        (await unknown.ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("No job with id 987654 known");
    }

    [Fact]
    public async Task List_ReturnsTheStoredConfigs_UnderModels_WithInvokeAisFieldNames()
    {
        var config = await _client.InstallAsync(factory.WriteUniqueModel(), new { name = "Listed", @base = "sdxl", type = "main", format = "checkpoint" });

        var list = await (await _client.GetAsync("/api/v2/models/?base_models=sdxl&model_type=main&model_name=Listed&order_by=default&direction=DESC"))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        list.FieldNames().Should().Equal("models");
        var model = list.GetProperty("models").EnumerateArray().Should().ContainSingle().Subject;
        model.FieldNames().Should().StartWith(["key", "hash", "path", "file_size", "name", "description", "source", "source_type"]);
        model.GetProperty("key").GetString().Should().Be(config.GetProperty("key").GetString());
    }

    [Fact]
    public async Task List_WithABadOrderOrDirection_Is422()
    {
        var response = await _client.GetAsync("/api/v2/models/?order_by=weight&direction=UP");

        var errors = (await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail");
        errors.EnumerateArray().Select(e => e.GetProperty("loc")[1].GetString()).Should().Equal("order_by", "direction");
        errors[0].GetProperty("msg").GetString().Should().Be(
            "Input should be 'default', 'type', 'base', 'name', 'format', 'size', 'created_at', 'updated_at' or 'path'");
    }

    [Theory]
    [InlineData("size")]
    [InlineData("created_at")]
    [InlineData("updated_at")]
    [InlineData("path")]
    public async Task List_AcceptsEveryOrderInvokeAisModelManagerOffers(string orderBy)
    {
        var response = await _client.GetAsync($"/api/v2/models/?order_by={orderBy}&direction=DESC");

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).FieldNames().Should().Equal("models");
    }

    [Fact]
    public async Task List_WithAnUnknownBaseTypeOrFormat_Is422_AsInInvokeAi()
    {
        var response = await _client.GetAsync("/api/v2/models/?base_models=sdxl&base_models=sd-9&model_type=mainn&model_format=zip");
        var byAttributes = await _client.GetAsync("/api/v2/models/get_by_attrs?name=x&type=main&base=sd-9");

        var errors = (await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail");
        errors.EnumerateArray().Select(e => string.Join('.', e.GetProperty("loc").EnumerateArray().Select(l => l.ToString())))
            .Should().Equal("query.base_models.1", "query.model_type", "query.model_format");
        errors.EnumerateArray().Should().OnlyContain(e => e.GetProperty("type").GetString() == "enum");
        (await byAttributes.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail")[0]
            .GetProperty("loc")[1].GetString().Should().Be("base");
    }

    [Fact]
    public async Task Get_ByKeyAttributesAndHash_AndTheir404s()
    {
        var config = await _client.InstallAsync(factory.WriteUniqueModel(), new { name = "Findable", @base = "sd-1", type = "main", format = "checkpoint" });
        var key = config.GetProperty("key").GetString();
        var hash = config.GetProperty("hash").GetString();

        (await (await _client.GetAsync($"/api/v2/models/i/{key}")).ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("name").GetString().Should().Be("Findable");
        (await (await _client.GetAsync("/api/v2/models/get_by_attrs?name=Findable&type=main&base=sd-1")).ShouldHaveStatusAsync(HttpStatusCode.OK))
            .GetProperty("key").GetString().Should().Be(key);
        (await (await _client.GetAsync($"/api/v2/models/get_by_hash?hash={Uri.EscapeDataString(hash!)}")).ShouldHaveStatusAsync(HttpStatusCode.OK))
            .GetProperty("key").GetString().Should().Be(key);

        (await (await _client.GetAsync("/api/v2/models/i/unknown-key")).ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("model not found");
        (await (await _client.GetAsync("/api/v2/models/get_by_attrs?name=Nope&type=main&base=sd-1")).ShouldFailWithAsync(HttpStatusCode.NotFound))
            .Should().Be("No model found with these attributes");
        (await (await _client.GetAsync("/api/v2/models/get_by_hash?hash=blake3:00")).ShouldFailWithAsync(HttpStatusCode.NotFound))
            .Should().Be("No model found with this hash");
        var missingParameters = await (await _client.GetAsync("/api/v2/models/get_by_attrs")).ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        missingParameters.GetProperty("detail").EnumerateArray().Select(e => e.GetProperty("loc")[1].GetString()).Should().Equal("name", "type", "base");
    }

    [Fact]
    public async Task Patch_UpdatesTheConfig_And404sForAnUnknownKey()
    {
        var key = (await _client.InstallAsync(factory.WriteUniqueModel())).GetProperty("key").GetString();

        var updated = await _client.PatchAsJsonAsync($"/api/v2/models/i/{key}", new { name = "Patched", description = "Better", unknown_field = 1 });
        var unknown = await _client.PatchAsJsonAsync("/api/v2/models/i/unknown-key", new { name = "x" });
        var notAnObject = await _client.PatchAsJsonAsync($"/api/v2/models/i/{key}", new[] { 1 });

        var body = await updated.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetProperty("name").GetString().Should().Be("Patched");
        body.GetProperty("description").GetString().Should().Be("Better");
        body.TryGetProperty("unknown_field", out _).Should().BeFalse();
        (await unknown.ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("model not found");
        await notAnObject.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Delete_Is204WithNoBody_Then404()
    {
        var file = factory.WriteUniqueModel();
        var key = (await _client.InstallAsync(file)).GetProperty("key").GetString();

        var deleted = await _client.DeleteAsync($"/api/v2/models/i/{key}");
        var again = await _client.DeleteAsync($"/api/v2/models/i/{key}");

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await deleted.Content.ReadAsStringAsync()).Should().BeEmpty();
        File.Exists(file).Should().BeFalse("the file was inside the models directory");
        (await again.ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("model not found");
    }

    [Fact]
    public async Task BulkDelete_ReportsDeletedKeysAndFailures()
    {
        var key = (await _client.InstallAsync(factory.WriteUniqueModel())).GetProperty("key").GetString();

        var response = await _client.PostAsJsonAsync("/api/v2/models/i/bulk_delete", new { keys = new[] { key, "unknown-key" } });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.FieldNames().Should().Equal("deleted", "failed");
        body.GetProperty("deleted").EnumerateArray().Select(k => k.GetString()).Should().Equal(key);
        body.GetProperty("failed")[0].FieldNames().Should().Equal("key", "error");
        body.GetProperty("failed")[0].GetProperty("error").GetString().Should().Be("model not found");
        await (await _client.PostAsJsonAsync("/api/v2/models/i/bulk_delete", new { })).ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Missing_ListsModelsWhoseFilesAreGone()
    {
        var file = factory.WriteUniqueModel();
        var key = (await _client.InstallAsync(file)).GetProperty("key").GetString();
        File.Delete(file);

        var missing = await (await _client.GetAsync("/api/v2/models/missing")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        missing.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("key").GetString()).Should().Contain(key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?scan_path=/nonexistent_xyz")]
    [InlineData("?scan_path=FILE")]
    public async Task ScanFolder_RefusesEveryUnusablePath_WithTheSameText(string query)
    {
        var file = factory.WriteUniqueModel();
        var url = "/api/v2/models/scan_folder" + query.Replace("FILE", Uri.EscapeDataString(file), StringComparison.Ordinal);
        var shown = query.Length == 0 ? "None" : query.Contains("FILE", StringComparison.Ordinal) ? file : "/nonexistent_xyz";

        var detail = await (await _client.GetAsync(url)).ShouldFailWithAsync(HttpStatusCode.BadRequest);

        detail.Should().Be($"The search path '{shown}' could not be scanned");
    }

    [Fact]
    public async Task ScanFolder_ListsModelsWithTheirInstalledFlag()
    {
        var file = factory.WriteUniqueModel();
        await _client.InstallAsync(file);

        var found = await (await _client.GetAsync($"/api/v2/models/scan_folder?scan_path={Uri.EscapeDataString(Path.GetDirectoryName(file)!)}"))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        var item = found.EnumerateArray().Should().ContainSingle().Subject;
        item.FieldNames().Should().Equal("path", "is_installed");
        item.GetProperty("path").GetString().Should().Be(file);
        item.GetProperty("is_installed").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("POST", "/api/v2/models/i/some-key/reidentify")]
    [InlineData("POST", "/api/v2/models/i/bulk_reidentify")]
    [InlineData("PATCH", "/api/v2/models/i/some-key/image")]
    [InlineData("DELETE", "/api/v2/models/i/some-key/image")]
    [InlineData("GET", "/api/v2/models/hugging_face?hugging_face_repo=x/y")]
    [InlineData("GET", "/api/v2/models/install/huggingface?source=x/y")]
    [InlineData("POST", "/api/v2/models/install/1/pause")]
    [InlineData("POST", "/api/v2/models/install/1/resume")]
    [InlineData("POST", "/api/v2/models/install/1/restart_failed")]
    [InlineData("POST", "/api/v2/models/install/1/restart_file")]
    [InlineData("PUT", "/api/v2/models/convert/some-key")]
    [InlineData("GET", "/api/v2/models/stats")]
    [InlineData("POST", "/api/v2/models/empty_model_cache")]
    [InlineData("GET", "/api/v2/models/hf_login")]
    [InlineData("POST", "/api/v2/models/hf_login")]
    [InlineData("DELETE", "/api/v2/models/hf_login")]
    public async Task RoutesNeedingTheInternetOrAGpu_Are501ForAdministrators(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        (await response.ShouldFailWithAsync(HttpStatusCode.NotImplemented)).Should().Be("Not supported by this server");
    }

    [Fact]
    public async Task CoverImage_IsA404_AsNoImagesAreStored()
    {
        (await (await _client.GetAsync("/api/v2/models/i/some-key/image")).ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("Not Found");
    }

    [Fact]
    public async Task PruneInstallJobs_Is204()
    {
        var response = await _client.DeleteAsync("/api/v2/models/install");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }
}
