namespace Invoke.Domain.Models;

/// <summary>
/// Tells what a local file or folder holds from what can be seen without loading it: a folder with
/// <c>model_index.json</c> naming a known pipeline is a diffusers main model. A weights file, whose
/// kind only its tensors would tell, is InvokeAI's <c>unknown</c> config (type, format and base
/// <c>unknown</c>) for an administrator to classify.
/// </summary>
public static class ModelDetection
{
    public const string DiffusersIndexFile = "model_index.json";

    private static readonly Dictionary<string, string> PipelineBases = new(StringComparer.Ordinal)
    {
        ["StableDiffusionXLPipeline"] = "sdxl",
        ["StableDiffusionXLInpaintPipeline"] = "sdxl",
        ["StableDiffusionXLImg2ImgPipeline"] = "sdxl-refiner",
        ["StableDiffusion3Pipeline"] = "sd-3",
        ["FluxPipeline"] = "flux",
        ["CogView4Pipeline"] = "cogview4",
    };

    /// <summary>The classification of a single file, or null when it is not a weights file.</summary>
    public static ModelClassification? ForFile(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension is ".safetensors" or ".ckpt" or ".pt" or ".pth" or ".bin" or ".gguf" or ".onnx"
            ? ModelClassification.Unknown
            : null;
    }

    /// <summary>
    /// A diffusers pipeline folder is a main model. Its base comes from the pipeline class in
    /// <c>model_index.json</c>; Stable Diffusion 1 and 2 share a class and differ in the UNet's
    /// cross-attention width. A pipeline whose base is not known is the <c>unknown</c> config.
    /// </summary>
    public static ModelClassification ForDiffusersPipeline(string? pipelineClass, int? unetCrossAttentionDim)
    {
        var pipelineBase = pipelineClass switch
        {
            "StableDiffusionPipeline" or "StableDiffusionInpaintPipeline" => unetCrossAttentionDim switch
            {
                768 => "sd-1",
                1024 => "sd-2",
                _ => ModelTaxonomy.UnknownBase,
            },
            not null when PipelineBases.TryGetValue(pipelineClass, out var known) => known,
            _ => ModelTaxonomy.UnknownBase,
        };
        return pipelineBase == ModelTaxonomy.UnknownBase
            ? ModelClassification.Unknown
            : new ModelClassification(pipelineBase, ModelTaxonomy.MainType, ModelTaxonomy.DiffusersFormat);
    }
}
