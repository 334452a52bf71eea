using System.Text.Json;
using Invoke.Application.Models;
using Invoke.Application.Workflows;
using Invoke.Domain.Models;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>Handler-level tests of the model registry, with model files on a real disk.</summary>
public abstract class ModelTest(TestDatabase database) : FunctionalTest(database)
{
    protected string ModelsPath => Database.ModelsPath;

    protected string OutsidePath => Database.OutsidePath;

    protected static string WriteFile(string path, string content = "weights")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A diffusers pipeline folder as Hugging Face ships one: an index, configs and weights.</summary>
    protected static string WriteDiffusers(string folder, string pipelineClass = "StableDiffusionXLPipeline")
    {
        WriteFile(Path.Combine(folder, "model_index.json"), $$"""{"_class_name": "{{pipelineClass}}", "_diffusers_version": "0.30.0"}""");
        WriteFile(Path.Combine(folder, "unet", "config.json"), """{"cross_attention_dim": 2048}""");
        WriteFile(Path.Combine(folder, "unet", "diffusion_pytorch_model.safetensors"), "unet weights");
        WriteFile(Path.Combine(folder, "vae", "diffusion_pytorch_model.safetensors"), "vae weights");
        return folder;
    }

    protected string InModels(params string[] parts) => Path.Combine([ModelsPath, .. parts]);

    protected async Task<JsonElement> InstallAsync(string source, ModelChanges? config = null)
    {
        var job = await SendAsync(new InstallModelCommand(source, config ?? ModelChanges.None));
        return JsonDocument.Parse(job.ConfigOut!.Value.Json).RootElement.Clone();
    }

    protected async Task<string> InstallKeyAsync(string source, ModelChanges? config = null) =>
        (await InstallAsync(source, config)).GetProperty("key").GetString()!;

    protected static JsonElement Parse(RawJson json) => JsonDocument.Parse(json.Json).RootElement.Clone();

    protected static IEnumerable<string?> Names(ModelsListDto list) =>
        list.Models.Select(m => Parse(m).GetProperty("name").GetString());
}
