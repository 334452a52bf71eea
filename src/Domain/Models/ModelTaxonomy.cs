namespace Invoke.Domain.Models;

/// <summary>
/// InvokeAI's <c>BaseModelType</c>, <c>ModelType</c> and <c>ModelFormat</c> enums, and the values the
/// registry itself assigns. A value outside these lists is refused, as InvokeAI refuses it.
/// </summary>
public static class ModelTaxonomy
{
    public const string UnknownBase = "unknown";
    public const string UnknownType = "unknown";
    public const string UnknownFormat = "unknown";
    public const string MainType = "main";
    public const string CheckpointFormat = "checkpoint";
    public const string DiffusersFormat = "diffusers";

    /// <summary>Models served by an outside API: no files on disk.</summary>
    public const string ExternalBase = "external";
    public const string ExternalApiFormat = "external_api";

    public const string PathSourceType = "path";

    public static IReadOnlyList<string> Bases { get; } =
    [
        "any", "sd-1", "sd-2", "sd-3", "sdxl", "sdxl-refiner", "flux", "flux2", "cogview4", "z-image",
        "ernie-image", "ideogram-4", "external", "qwen-image", "anima", "krea-2", "wan", "unknown",
    ];

    public static IReadOnlyList<string> Types { get; } =
    [
        "onnx", "main", "vae", "lora", "control_lora", "controlnet", "embedding", "ip_adapter", "clip_vision",
        "clip_embed", "t2i_adapter", "t5_encoder", "qwen3_encoder", "qwen_vl_encoder", "qwen3_vl_encoder",
        "mistral_encoder", "wan_t5_encoder", "gemma2_encoder", "spandrel_image_to_image", "siglip", "flux_redux",
        "llava_onevision", "prompt_enhancer", "text_llm", "external_image_generator", "pid_decoder", "unknown",
    ];

    public static IReadOnlyList<string> Formats { get; } =
    [
        "omi", "diffusers", "checkpoint", "lycoris", "onnx", "olive", "embedding_file", "embedding_folder",
        "invokeai", "t5_encoder", "qwen3_encoder", "qwen_vl_encoder", "qwen3_vl_encoder", "mistral_encoder",
        "wan_t5_encoder", "gemma2_encoder", "bnb_quantized_int8b", "bnb_quantized_nf4b", "gguf_quantized",
        "external_api", "sdnq_quantized", "unknown",
    ];

    public static bool IsBase(string? value) => value is not null && Bases.Contains(value, StringComparer.Ordinal);

    public static bool IsType(string? value) => value is not null && Types.Contains(value, StringComparer.Ordinal);

    public static bool IsFormat(string? value) => value is not null && Formats.Contains(value, StringComparer.Ordinal);
}

/// <summary>What kind of model a record is: the three fields every InvokeAI model config carries.</summary>
public sealed record ModelClassification(string Base, string Type, string Format)
{
    public static ModelClassification Unknown { get; } =
        new(ModelTaxonomy.UnknownBase, ModelTaxonomy.UnknownType, ModelTaxonomy.UnknownFormat);
}
