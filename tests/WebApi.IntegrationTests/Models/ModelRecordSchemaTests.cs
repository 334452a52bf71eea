using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Invoke.Domain.Models;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Models;

/// <summary>Every model record Invoke can produce is one an InvokeAI client accepts: valid against InvokeAI's own schema for its class.</summary>
public sealed class ModelRecordSchemaTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public void EveryConfigClassTheRegistryKnows_WithDefaultsOrWithEverySettingSet_IsValidAsThatInvokeAiClass()
    {
        var schemas = InvokeAiModelSchemas.Load();
        var problems = new List<string>();

        foreach (var kind in ModelConfigKinds.All)
        {
            var model = Model.Register(
                new ModelRegistration("a/model.safetensors", "blake3:00", 12, "model", "/models/a/model.safetensors", ModelClassification.Unknown),
                new ModelChanges(Type: kind.Type, Format: kind.Format, Base: kind.Base),
                Now);
            problems.AddRange(schemas.Problems(model.Config).Select(p => $"defaults of {kind.Type}/{kind.Format}/{kind.Base}: {p}"));

            model.Update(new ModelChanges(Description: new FieldChange<string?>("described"), Settings: EverySettingFor(kind)), Now);
            problems.AddRange(schemas.Problems(model.Config).Select(p => $"settings of {kind.Type}/{kind.Format}/{kind.Base}: {p}"));
        }

        problems.Should().BeEmpty();
        schemas.Problems("""{"key":"k","type":"unknown","format":"unknown","base":"unknown"}""").Should().NotBeEmpty("a record lacking required fields is not valid");
        ModelConfigKinds.All.Should().HaveCountGreaterThan(schemas.ClassCount - 8, "every class but the external API's and the duplicates of a tag is known");
    }

    [Fact]
    public async Task EveryRecordTheHttpApiAnswersWith_IsValidAgainstInvokeAisSchema()
    {
        var schemas = InvokeAiModelSchemas.Load();
        var file = factory.WriteUniqueModel();
        var folder = WriteDiffusers(Path.Combine(factory.ModelsPath(), Guid.NewGuid().ToString("N")));
        var records = new List<(string Where, JsonElement Record)>();

        var unknown = await InstallJobAsync(file, new { });
        records.Add(("install of a weights file", unknown.GetProperty("config_out")));
        var pipeline = await InstallJobAsync(folder, new { name = "Pipeline" });
        records.Add(("install of a diffusers folder", pipeline.GetProperty("config_out")));
        var key = unknown.GetProperty("config_out").GetProperty("key").GetString();
        foreach (var change in new object[]
                 {
                     new { type = "main", format = "checkpoint", @base = "sdxl", trigger_phrases = new[] { "neon" }, variant = "inpaint" },
                     new { type = "main", format = "checkpoint", @base = "flux", variant = "schnell", source_url = "https://example.com/m" },
                     new { type = "lora", format = "lycoris", @base = "sd-1", default_settings = new { weight = 0.75 } },
                     new { type = "vae", format = "checkpoint", @base = "sdxl", cpu_only = true },
                     new { type = "embedding", format = "embedding_file", @base = "sd-2" },
                     new { type = "unknown", format = "unknown", @base = "unknown" },
                 })
        {
            var patched = await (await _client.PatchAsJsonAsync($"/api/v2/models/i/{key}", change)).ShouldHaveStatusAsync(HttpStatusCode.OK);
            records.Add(($"PATCH {JsonSerializer.Serialize(change)}", patched));
            records.Add(("GET /i/{key}", await (await _client.GetAsync($"/api/v2/models/i/{key}")).ShouldHaveStatusAsync(HttpStatusCode.OK)));
        }

        var list = await (await _client.GetAsync("/api/v2/models/")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        records.AddRange(list.GetProperty("models").EnumerateArray().Select(m => ("GET /", m)));
        records.Add(("get_by_attrs", await (await _client.GetAsync("/api/v2/models/get_by_attrs?name=Pipeline&type=main&base=sdxl"))
            .ShouldHaveStatusAsync(HttpStatusCode.OK)));

        records.SelectMany(r => schemas.Problems(r.Record.GetRawText()).Select(p => $"{r.Where}: {p}")).Should().BeEmpty();
        records.Should().HaveCountGreaterThan(15);
    }

    /// <summary>A value each settable field of the class accepts that is not its default.</summary>
    private static Dictionary<string, JsonElement> EverySettingFor(ModelConfigKind kind)
    {
        var settings = new Dictionary<string, JsonElement>
        {
            ["source_url"] = JsonSerializer.SerializeToElement("https://example.com/model"),
        };
        var candidates = new Dictionary<string, object[]>
        {
            ["trigger_phrases"] = [new[] { "neon", "noir" }],
            ["default_settings"] = [new { steps = 30, width = 1024 }, new { weight = 0.8 }, new { preprocessor = "canny" }],
            ["config_path"] = ["configs/model.yaml"],
            ["cpu_only"] = [true],
            ["prediction_type"] = ["v_prediction"],
            ["repo_variant"] = ["fp16"],
            ["variant"] = [.. ModelConfigKinds.AllVariants.Order(StringComparer.Ordinal)],
        };
        foreach (var field in kind.Fields.Where(f => ModelChanges.SettableFields.Contains(f.Name) && candidates.ContainsKey(f.Name)))
        {
            var value = candidates[field.Name]
                .Select(c => JsonSerializer.SerializeToElement(c))
                .Where(c => field.Accepts(System.Text.Json.Nodes.JsonNode.Parse(c.GetRawText())))
                .Where(c => c.GetRawText() != field.DefaultValue()?.ToJsonString())
                .Cast<JsonElement?>()
                .FirstOrDefault();
            if (value is { } accepted)
            {
                settings[field.Name] = accepted;
            }
        }

        return settings;
    }

    private async Task<JsonElement> InstallJobAsync(string source, object config) =>
        await (await _client.PostAsJsonAsync($"/api/v2/models/install?source={Uri.EscapeDataString(source)}", config))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

    private static string WriteDiffusers(string folder)
    {
        ModelHttp.WriteFile(Path.Combine(folder, "model_index.json"), """{"_class_name": "StableDiffusionXLPipeline"}""");
        ModelHttp.WriteFile(Path.Combine(folder, "unet", "diffusion_pytorch_model.safetensors"), Guid.NewGuid().ToString());
        return folder;
    }
}
