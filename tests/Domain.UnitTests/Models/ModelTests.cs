using System.Text.Json;
using Invoke.Domain.Models;

namespace Invoke.Domain.UnitTests.Models;

public sealed class ModelTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Register_WritesInvokeAiConfigDocument_InStepWithTheColumns()
    {
        var model = Model.Register(Registration(), ModelChanges.None, Now);

        Guid.TryParse(model.Key, out _).Should().BeTrue();
        var config = JsonDocument.Parse(model.Config).RootElement;
        config.EnumerateObject().Select(p => p.Name).Should().Equal(
            "key", "hash", "path", "file_size", "name", "description", "source", "source_type",
            "source_api_response", "cover_image", "type", "format", "base", "config_path");
        config.GetProperty("key").GetString().Should().Be(model.Key);
        config.GetProperty("hash").GetString().Should().Be("blake3:abc");
        config.GetProperty("path").GetString().Should().Be("sdxl/juggernaut.safetensors");
        config.GetProperty("file_size").GetInt64().Should().Be(1234);
        config.GetProperty("name").GetString().Should().Be("juggernaut");
        config.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);
        config.GetProperty("source").GetString().Should().Be("/models/sdxl/juggernaut.safetensors");
        config.GetProperty("source_type").GetString().Should().Be("path");
        config.GetProperty("format").GetString().Should().Be("checkpoint");
        model.Format.Should().Be("checkpoint");
        model.Base.Should().Be("unknown");
        model.CreatedAt.Should().Be(Now);
    }

    [Fact]
    public void Register_OfADiffusersFolder_HasARepoVariantAndNoConfigPath()
    {
        var model = Model.Register(
            Registration(classification: ModelDetection.ForDiffusersPipeline("StableDiffusionXLPipeline", null)), ModelChanges.None, Now);

        var config = JsonDocument.Parse(model.Config).RootElement;
        config.GetProperty("repo_variant").GetString().Should().BeEmpty();
        config.TryGetProperty("config_path", out _).Should().BeFalse();
        (model.Base, model.Type, model.Format).Should().Be(("sdxl", "main", "diffusers"));
    }

    [Fact]
    public void Register_AppliesTheAdministratorsOverrides()
    {
        var model = Model.Register(Registration(), new ModelChanges(Name: "Juggernaut XL", Base: "sdxl", Type: "main"), Now);

        (model.Name, model.Base, model.Type).Should().Be(("Juggernaut XL", "sdxl", "main"));
        var config = JsonDocument.Parse(model.Config).RootElement;
        config.GetProperty("name").GetString().Should().Be("Juggernaut XL");
        config.GetProperty("base").GetString().Should().Be("sdxl");
        config.GetProperty("type").GetString().Should().Be("main");
    }

    [Fact]
    public void Update_ChangesColumnsAndDocumentTogether_AndCopiesSettableSettingsOnly()
    {
        var model = Model.Register(Registration(), ModelChanges.None, Now);
        var settings = new Dictionary<string, JsonElement>
        {
            ["trigger_phrases"] = JsonSerializer.SerializeToElement(new[] { "cinematic" }),
            ["key"] = JsonSerializer.SerializeToElement("hijacked"),
            ["hash"] = JsonSerializer.SerializeToElement("blake3:forged"),
            ["whatever"] = JsonSerializer.SerializeToElement(1),
        };

        model.Update(new ModelChanges(Description: new FieldChange<string?>("Photoreal"), Format: "checkpoint", Base: "sd-1", Settings: settings), Now.AddHours(1));

        model.Description.Should().Be("Photoreal");
        model.Base.Should().Be("sd-1");
        model.UpdatedAt.Should().Be(Now.AddHours(1));
        var config = JsonDocument.Parse(model.Config).RootElement;
        config.GetProperty("description").GetString().Should().Be("Photoreal");
        config.GetProperty("base").GetString().Should().Be("sd-1");
        config.GetProperty("trigger_phrases")[0].GetString().Should().Be("cinematic");
        config.GetProperty("key").GetString().Should().Be(model.Key, "the key is the registry's, not the client's");
        config.GetProperty("hash").GetString().Should().Be("blake3:abc");
        config.TryGetProperty("whatever", out _).Should().BeFalse();
    }

    [Fact]
    public void Update_WithANullDescription_ClearsIt_AndLeavesAbsentFieldsAlone()
    {
        var model = Model.Register(Registration(), new ModelChanges(Description: new FieldChange<string?>("old")), Now);

        model.Update(new ModelChanges(Description: new FieldChange<string?>(null)), Now);

        model.Description.Should().BeNull();
        model.Name.Should().Be("juggernaut");
        JsonDocument.Parse(model.Config).RootElement.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("external", "checkpoint", false)]
    [InlineData("sdxl", "external_api", false)]
    [InlineData("sdxl", "checkpoint", true)]
    public void HasFiles_IsFalseOnlyForExternalModels(string modelBase, string format, bool expected)
    {
        var model = Model.Register(Registration(), new ModelChanges(Base: modelBase, Format: format), Now);

        model.HasFiles.Should().Be(expected);
    }

    [Theory]
    [InlineData("model.safetensors", "checkpoint")]
    [InlineData("MODEL.CKPT", "checkpoint")]
    [InlineData("lora.pt", "checkpoint")]
    [InlineData("flux.gguf", "gguf_quantized")]
    [InlineData("net.onnx", "onnx")]
    public void Detection_OfAWeightsFile_GivesItsFormat(string fileName, string format)
    {
        ModelDetection.ForFile(fileName).Should().Be(new ModelClassification("unknown", "unknown", format));
    }

    [Theory]
    [InlineData("readme.txt")]
    [InlineData("model_index.json")]
    public void Detection_OfAnyOtherFile_FindsNoModel(string fileName)
    {
        ModelDetection.ForFile(fileName).Should().BeNull();
    }

    [Theory]
    [InlineData("StableDiffusionPipeline", 768, "sd-1")]
    [InlineData("StableDiffusionPipeline", 1024, "sd-2")]
    [InlineData("StableDiffusionPipeline", null, "unknown")]
    [InlineData("StableDiffusionXLPipeline", null, "sdxl")]
    [InlineData("FluxPipeline", null, "flux")]
    [InlineData("SomethingNewPipeline", null, "unknown")]
    public void Detection_OfADiffusersPipeline_IsAMainModelWithTheBaseItsClassNames(string pipeline, int? crossAttention, string expectedBase)
    {
        ModelDetection.ForDiffusersPipeline(pipeline, crossAttention).Should().Be(new ModelClassification(expectedBase, "main", "diffusers"));
    }

    [Theory]
    [InlineData("sdxl-refiner", true)]
    [InlineData("t5_encoder", true)]
    [InlineData("SDXL", false)]
    [InlineData("", false)]
    [InlineData("sd 1", false)]
    [InlineData("-x", false)]
    public void Taxonomy_AcceptsLowerCaseIdentifiersOnly(string value, bool expected)
    {
        ModelTaxonomy.IsWellFormed(value).Should().Be(expected);
    }

    private static ModelRegistration Registration(ModelClassification? classification = null) => new(
        "sdxl/juggernaut.safetensors",
        "blake3:abc",
        1234,
        "juggernaut",
        "/models/sdxl/juggernaut.safetensors",
        classification ?? ModelDetection.ForFile("juggernaut.safetensors")!);
}
