using System.Text.Json;
using Invoke.Domain.Models;
using Invoke.Domain.Models.Rules;
using Invoke.Domain.Rules;

namespace Invoke.Domain.UnitTests.Models;

public sealed class ModelTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Register_OfAWeightsFile_WritesInvokeAisUnknownConfig_InStepWithTheColumns()
    {
        var model = Model.Register(Registration(), ModelChanges.None, Now);

        Guid.TryParse(model.Key, out _).Should().BeTrue();
        var config = JsonDocument.Parse(model.Config).RootElement;
        config.EnumerateObject().Select(p => p.Name).Should().Equal(
            "key", "hash", "path", "file_size", "name", "description", "source", "source_type",
            "source_api_response", "source_url", "cover_image", "type", "format", "base");
        config.GetProperty("key").GetString().Should().Be(model.Key);
        config.GetProperty("hash").GetString().Should().Be("blake3:abc");
        config.GetProperty("path").GetString().Should().Be("sdxl/juggernaut.safetensors");
        config.GetProperty("file_size").GetInt64().Should().Be(1234);
        config.GetProperty("name").GetString().Should().Be("juggernaut");
        config.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);
        config.GetProperty("source").GetString().Should().Be("/models/sdxl/juggernaut.safetensors");
        config.GetProperty("source_type").GetString().Should().Be("path");
        config.GetProperty("source_url").ValueKind.Should().Be(JsonValueKind.Null);
        config.GetProperty("format").GetString().Should().Be("unknown");
        (model.Type, model.Format, model.Base).Should().Be(("unknown", "unknown", "unknown"));
        model.CreatedAt.Should().Be(Now);
    }

    [Fact]
    public void Register_OfADiffusersFolder_HasTheFieldsOfAMainDiffusersConfig()
    {
        var model = Model.Register(
            Registration(classification: ModelDetection.ForDiffusersPipeline("StableDiffusionXLPipeline", null)), ModelChanges.None, Now);

        var config = JsonDocument.Parse(model.Config).RootElement;
        config.GetProperty("repo_variant").GetString().Should().BeEmpty();
        config.GetProperty("trigger_phrases").ValueKind.Should().Be(JsonValueKind.Null);
        config.GetProperty("default_settings").ValueKind.Should().Be(JsonValueKind.Null);
        config.GetProperty("prediction_type").GetString().Should().Be("epsilon");
        config.GetProperty("variant").GetString().Should().Be("normal");
        config.TryGetProperty("config_path", out _).Should().BeFalse();
        (model.Base, model.Type, model.Format).Should().Be(("sdxl", "main", "diffusers"));
    }

    [Fact]
    public void Register_AppliesTheAdministratorsOverrides()
    {
        var model = Model.Register(Registration(), new ModelChanges(Name: "Juggernaut XL", Base: "sdxl", Type: "main", Format: "checkpoint"), Now);

        (model.Name, model.Base, model.Type, model.Format).Should().Be(("Juggernaut XL", "sdxl", "main", "checkpoint"));
        var config = JsonDocument.Parse(model.Config).RootElement;
        config.GetProperty("name").GetString().Should().Be("Juggernaut XL");
        config.GetProperty("base").GetString().Should().Be("sdxl");
        config.GetProperty("type").GetString().Should().Be("main");
        config.GetProperty("config_path").ValueKind.Should().Be(JsonValueKind.Null);
        config.GetProperty("variant").GetString().Should().Be("normal");
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

        model.Update(new ModelChanges(Description: new FieldChange<string?>("Photoreal"), Type: "main", Format: "checkpoint", Base: "sd-1", Settings: settings), Now.AddHours(1));

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

    [Fact]
    public void Update_ToAClassificationInvokeAiHasNoConfigFor_IsRefused()
    {
        var model = Model.Register(Registration(), ModelChanges.None, Now);

        var act = () => model.Update(new ModelChanges(Type: "lora", Format: "checkpoint", Base: "sd-1"), Now);

        act.Should().Throw<BusinessRuleViolationException>().Which.BrokenRule.Should().BeOfType<ModelMustBeOfAConfigClassInvokeAiDefinesRule>()
            .Which.Message.Should().Be("InvokeAI has no model config for type 'lora', format 'checkpoint' and base 'sd-1'");
        (model.Type, model.Format, model.Base).Should().Be(("unknown", "unknown", "unknown"));
    }

    [Fact]
    public void Update_WithAVariantTheModelsClassDoesNotHave_IsRefused()
    {
        var model = Model.Register(Registration(), new ModelChanges(Type: "main", Format: "checkpoint", Base: "sdxl"), Now);
        var settings = new Dictionary<string, JsonElement> { ["variant"] = JsonSerializer.SerializeToElement("dev") };

        var act = () => model.Update(new ModelChanges(Settings: settings), Now);

        act.Should().Throw<BusinessRuleViolationException>().Which.BrokenRule.Should().BeOfType<ModelSettingMustSuitItsConfigClassRule>()
            .Which.Message.Should().Be("The model's variant must be 'normal', 'inpaint' or 'depth'");
    }

    [Fact]
    public void Update_ToAnotherClass_DropsTheOldClassesFields_AndGivesTheNewOnesTheirDefaults()
    {
        var model = Model.Register(
            Registration(classification: ModelDetection.ForDiffusersPipeline("FluxPipeline", null)), ModelChanges.None, Now);
        var settings = new Dictionary<string, JsonElement> { ["trigger_phrases"] = JsonSerializer.SerializeToElement(new[] { "a", "b", "a" }) };
        model.Update(new ModelChanges(Settings: settings), Now);

        model.Update(new ModelChanges(Type: "lora", Format: "lycoris", Base: "flux"), Now);

        var config = JsonDocument.Parse(model.Config).RootElement;
        config.TryGetProperty("repo_variant", out _).Should().BeFalse();
        config.TryGetProperty("variant", out _).Should().BeFalse();
        config.GetProperty("trigger_phrases").EnumerateArray().Select(p => p.GetString()).Should().Equal("a", "b");
        config.GetProperty("default_settings").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Complete_OfADocumentStoredByAnEarlierVersion_AddsTheMissingFields_AndReadsAnUndefinedClassAsUnknown()
    {
        const string Stored = """
            {"key":"k","hash":"blake3:x","path":"a.safetensors","file_size":1,"name":"a","description":null,"source":"/m/a.safetensors",
             "source_type":"path","source_api_response":null,"cover_image":null,"type":"unknown","format":"checkpoint","base":"unknown","config_path":null}
            """;

        var config = JsonDocument.Parse(ModelConfigKinds.Complete(Stored)).RootElement;

        config.GetProperty("source_url").ValueKind.Should().Be(JsonValueKind.Null);
        config.GetProperty("format").GetString().Should().Be("unknown");
        config.TryGetProperty("config_path", out _).Should().BeFalse();
        config.GetProperty("name").GetString().Should().Be("a");
    }

    [Theory]
    [InlineData("model.safetensors")]
    [InlineData("MODEL.CKPT")]
    [InlineData("lora.pt")]
    [InlineData("flux.gguf")]
    [InlineData("net.onnx")]
    public void Detection_OfAWeightsFile_IsInvokeAisUnknownConfig(string fileName)
    {
        ModelDetection.ForFile(fileName).Should().Be(new ModelClassification("unknown", "unknown", "unknown"));
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
    [InlineData("StableDiffusionXLPipeline", null, "sdxl")]
    [InlineData("FluxPipeline", null, "flux")]
    public void Detection_OfADiffusersPipeline_IsAMainModelWithTheBaseItsClassNames(string pipeline, int? crossAttention, string expectedBase)
    {
        ModelDetection.ForDiffusersPipeline(pipeline, crossAttention).Should().Be(new ModelClassification(expectedBase, "main", "diffusers"));
    }

    [Theory]
    [InlineData("StableDiffusionPipeline", null)]
    [InlineData("SomethingNewPipeline", null)]
    public void Detection_OfAPipelineWhoseBaseIsNotKnown_IsInvokeAisUnknownConfig(string pipeline, int? crossAttention)
    {
        ModelDetection.ForDiffusersPipeline(pipeline, crossAttention).Should().Be(ModelClassification.Unknown);
    }

    [Theory]
    [InlineData("sdxl-refiner", true)]
    [InlineData("z-image", true)]
    [InlineData("SDXL", false)]
    [InlineData("sd-4", false)]
    [InlineData("", false)]
    public void Taxonomy_KnowsInvokeAisBasesOnly(string value, bool expected)
    {
        ModelTaxonomy.IsBase(value).Should().Be(expected);
    }

    private static ModelRegistration Registration(ModelClassification? classification = null) => new(
        "sdxl/juggernaut.safetensors",
        "blake3:abc",
        1234,
        "juggernaut",
        "/models/sdxl/juggernaut.safetensors",
        classification ?? ModelDetection.ForFile("juggernaut.safetensors")!);
}
