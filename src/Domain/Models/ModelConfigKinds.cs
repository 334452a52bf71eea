using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invoke.Domain.Models;

/// <summary>
/// One of InvokeAI's model config classes: a type, format and base, and the fields its records carry
/// besides the ones every model has. A record is valid for InvokeAI's clients only as one of these.
/// </summary>
public sealed class ModelConfigKind
{
    internal ModelConfigKind(string type, string format, string modelBase, IReadOnlyList<ModelConfigField> fields)
    {
        Type = type;
        Format = format;
        Base = modelBase;
        Fields = fields;
    }

    public string Type { get; }

    public string Format { get; }

    public string Base { get; }

    /// <summary>The fields of this class beyond <see cref="ModelConfigKinds.CommonFields"/>, in InvokeAI's order.</summary>
    public IReadOnlyList<ModelConfigField> Fields { get; }

    public ModelConfigField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// The config document in this class's shape: the common fields, then this class's own fields,
    /// each from <paramref name="document"/> where it holds a value this class accepts, otherwise the
    /// field's default. Fields of other classes are dropped.
    /// </summary>
    public JsonObject Shape(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var shaped = new JsonObject();
        foreach (var name in ModelConfigKinds.CommonFields)
        {
            shaped[name] = document.TryGetPropertyValue(name, out var value) ? value?.DeepClone() : null;
        }

        shaped["type"] = Type;
        shaped["format"] = Format;
        shaped["base"] = Base;
        foreach (var field in Fields)
        {
            shaped[field.Name] = document.TryGetPropertyValue(field.Name, out var value) && field.Accepts(value)
                ? value?.DeepClone()
                : field.DefaultValue();
        }

        return shaped;
    }
}

/// <summary>A field of a config class: the value a new record gets, and the values the class accepts.</summary>
public sealed class ModelConfigField
{
    private readonly Func<JsonNode?> _default;
    private readonly Func<JsonNode?, bool> _accepts;

    internal ModelConfigField(string name, Func<JsonNode?> defaultValue, Func<JsonNode?, bool> accepts, string expected)
    {
        Name = name;
        _default = defaultValue;
        _accepts = accepts;
        Expected = expected;
    }

    public string Name { get; }

    /// <summary>What the field holds, as a client is told when a value does not fit.</summary>
    public string Expected { get; }

    public JsonNode? DefaultValue() => _default();

    public bool Accepts(JsonNode? value) => _accepts(value);
}

/// <summary>
/// InvokeAI's model config classes (its <c>AnyModelConfig</c> union, as of the InvokeAI release the
/// contract names), by type, format and base. Where InvokeAI has two classes for one combination
/// (a file and a folder of one quantisation), the registry uses the file's. External API models are
/// not listed: this server registers files, never remote providers.
/// </summary>
public static class ModelConfigKinds
{
    /// <summary>The fields every config class has, in InvokeAI's order (type, format and base follow).</summary>
    public static IReadOnlyList<string> CommonFields { get; } =
    [
        "key", "hash", "path", "file_size", "name", "description", "source", "source_type",
        "source_api_response", "source_url", "cover_image",
    ];

    private static readonly string[] SdVariants = ["normal", "inpaint", "depth"];
    private static readonly string[] ClipVariants = ["large", "gigantic"];
    private static readonly string[] FluxVariants = ["dev", "dev_fill", "schnell"];
    private static readonly string[] Flux2Variants = ["klein_4b", "klein_4b_base", "klein_9b", "klein_9b_base", "dev"];
    private static readonly string[] ZImageVariants = ["turbo", "zbase"];
    private static readonly string[] QwenImageVariants = ["generate", "edit"];
    private static readonly string[] Krea2Variants = ["krea2_turbo", "krea2_base"];
    private static readonly string[] WanVariants = ["t2v_a14b", "i2v_a14b", "ti2v_5b"];
    private static readonly string[] WanLoRAVariants = ["a14b", "5b"];
    private static readonly string[] PiDDecoderVariants = ["res2k_sr4x", "res2kto4k_sr4x"];
    private static readonly string[] Qwen3Variants = ["qwen3_4b", "qwen3_8b", "qwen3_06b"];
    private static readonly string[] MistralVariants = ["cow_mistral3_small", "mistral3_24b"];

    /// <summary>Every variant any class accepts (InvokeAI's <c>ModelRecordChanges.variant</c>).</summary>
    public static IReadOnlySet<string> AllVariants { get; } = new HashSet<string>(
        new[] { SdVariants, ClipVariants, FluxVariants, Flux2Variants, ZImageVariants, QwenImageVariants, Krea2Variants, WanVariants, WanLoRAVariants, PiDDecoderVariants, Qwen3Variants, MistralVariants }.SelectMany(v => v),
        StringComparer.Ordinal);

    /// <summary>InvokeAI's <c>SchedulerPredictionType</c>.</summary>
    public static IReadOnlyList<string> PredictionTypes { get; } = ["epsilon", "v_prediction", "sample"];

    /// <summary>InvokeAI's <c>ModelRepoVariant</c> (the empty string is the default weights).</summary>
    public static IReadOnlyList<string> RepoVariants { get; } = ["", "fp16", "fp32", "onnx", "openvino", "flax"];

    private static readonly ModelConfigField TriggerPhrases = Nullable("trigger_phrases", IsSetOfStrings, "a list of distinct strings or null");
    private static readonly string[] Schedulers =
    [
        "ddim", "ddpm", "deis", "deis_k", "lms", "lms_k", "pndm", "heun", "heun_k", "euler", "euler_k", "euler_a",
        "kdpm_2", "kdpm_2_k", "kdpm_2_a", "kdpm_2_a_k", "dpmpp_2s", "dpmpp_2s_k", "dpmpp_2m", "dpmpp_2m_k",
        "dpmpp_2m_sde", "dpmpp_2m_sde_k", "dpmpp_3m", "dpmpp_3m_k", "dpmpp_sde", "dpmpp_sde_k", "er_sde", "unipc",
        "unipc_k", "lcm", "tcd",
    ];

    /// <summary>InvokeAI's <c>MainModelDefaultSettings</c>: generation defaults, each optional.</summary>
    private static readonly ModelConfigField MainDefaults = Settings(
        "vae (a model key), vae_precision, scheduler, steps, cfg_scale, cfg_rescale_multiplier, width, height, guidance, cpu_only and fp8_storage",
        required: [],
        ("vae", IsString),
        ("vae_precision", v => IsString(v) && v!.GetValue<string>() is "fp16" or "fp32"),
        ("scheduler", v => IsString(v) && Schedulers.Contains(v!.GetValue<string>(), StringComparer.Ordinal)),
        ("steps", v => IsInteger(v) && Number(v) > 0),
        ("cfg_scale", v => IsNumber(v) && Number(v) >= 1),
        ("cfg_rescale_multiplier", v => IsNumber(v) && Number(v) is >= 0 and < 1),
        ("width", IsImageSide),
        ("height", IsImageSide),
        ("guidance", v => IsNumber(v) && Number(v) >= 1),
        ("cpu_only", IsBoolean),
        ("fp8_storage", IsBoolean));

    /// <summary>InvokeAI's <c>LoraModelDefaultSettings</c>.</summary>
    private static readonly ModelConfigField LoraDefaults = Settings(
        "weight, weight_min and weight_max (numbers)", required: [], ("weight", IsNumber), ("weight_min", IsNumber), ("weight_max", IsNumber));

    /// <summary>InvokeAI's <c>ControlAdapterDefaultSettings</c>: the preprocessor is required (it may be null).</summary>
    private static readonly ModelConfigField ControlDefaults = Settings(
        "preprocessor (required, a string or null) and fp8_storage", required: ["preprocessor"], ("preprocessor", IsString), ("fp8_storage", IsBoolean));
    private static readonly ModelConfigField ConfigPath = Nullable("config_path", IsString, "a string or null");
    private static readonly ModelConfigField CpuOnly = Nullable("cpu_only", IsBoolean, "a boolean or null");
    private static readonly ModelConfigField Submodels = Nullable("submodels", v => v is JsonObject, "an object or null");
    private static readonly ModelConfigField CondInChannels = Nullable("cond_in_channels", IsInteger, "an integer or null");
    private static readonly ModelConfigField BoundaryRatio = Nullable("boundary_ratio", IsNumber, "a number or null");
    private static readonly ModelConfigField RepoVariant = OneOf("repo_variant", nullable: false, [.. RepoVariants]);
    private static readonly ModelConfigField PredictionType = OneOf("prediction_type", nullable: false, [.. PredictionTypes]);
    private static readonly ModelConfigField MainExpert = OneOf("expert", nullable: false, ["none", "high", "low"]);
    private static readonly ModelConfigField LoraExpert = OneOf("expert", nullable: true, ["high", "low"]);
    private static readonly ModelConfigField HasDualExpert = new("has_dual_expert", () => false, IsBoolean, "a boolean");
    private static readonly ModelConfigField LatentChannels = new(
        "latent_channels", () => 16, v => IsOneOf(v, 16, 48), "16 or 48");
    private static readonly ModelConfigField ImageEncoderModelId = new("image_encoder_model_id", () => string.Empty, IsString, "a string");

    private static readonly ModelConfigKind[] Kinds =
    [
        Kind("clip_embed", "diffusers", "any", RepoVariant, CpuOnly, Variant(false, ClipVariants)),
        Kind("clip_vision", "diffusers", "any", RepoVariant, CpuOnly),
        Kind("control_lora", "lycoris", "flux", ControlDefaults, TriggerPhrases),
        Kind("controlnet", "checkpoint", "anima", ConfigPath, ControlDefaults, CondInChannels),
        Kind("controlnet", "checkpoint", "flux", ConfigPath, ControlDefaults),
        Kind("controlnet", "checkpoint", "sd-1", ConfigPath, ControlDefaults),
        Kind("controlnet", "checkpoint", "sd-2", ConfigPath, ControlDefaults),
        Kind("controlnet", "checkpoint", "sdxl", ConfigPath, ControlDefaults),
        Kind("controlnet", "checkpoint", "z-image", ConfigPath, ControlDefaults),
        Kind("controlnet", "diffusers", "flux", RepoVariant, ControlDefaults),
        Kind("controlnet", "diffusers", "sd-1", RepoVariant, ControlDefaults),
        Kind("controlnet", "diffusers", "sd-2", RepoVariant, ControlDefaults),
        Kind("controlnet", "diffusers", "sdxl", RepoVariant, ControlDefaults),
        Kind("flux_redux", "checkpoint", "flux"),
        Kind("gemma2_encoder", "gguf_quantized", "any", CpuOnly),
        Kind("gemma2_encoder", "gemma2_encoder", "any", CpuOnly),
        Kind("ip_adapter", "checkpoint", "flux"),
        Kind("ip_adapter", "checkpoint", "sd-1"),
        Kind("ip_adapter", "checkpoint", "sd-2"),
        Kind("ip_adapter", "checkpoint", "sdxl"),
        Kind("ip_adapter", "invokeai", "sd-1", ImageEncoderModelId),
        Kind("ip_adapter", "invokeai", "sd-2", ImageEncoderModelId),
        Kind("ip_adapter", "invokeai", "sdxl", ImageEncoderModelId),
        Kind("llava_onevision", "diffusers", "any", RepoVariant, CpuOnly),
        Kind("lora", "diffusers", "flux", TriggerPhrases, LoraDefaults),
        Kind("lora", "diffusers", "flux2", TriggerPhrases, LoraDefaults, Variant(true, Flux2Variants)),
        Kind("lora", "diffusers", "sd-1", TriggerPhrases, LoraDefaults),
        Kind("lora", "diffusers", "sd-2", TriggerPhrases, LoraDefaults),
        Kind("lora", "diffusers", "sdxl", TriggerPhrases, LoraDefaults),
        Kind("lora", "diffusers", "z-image", TriggerPhrases, LoraDefaults, Variant(true, ZImageVariants)),
        Kind("lora", "lycoris", "anima", TriggerPhrases, LoraDefaults),
        Kind("lora", "lycoris", "flux", TriggerPhrases, LoraDefaults),
        Kind("lora", "lycoris", "flux2", TriggerPhrases, LoraDefaults, Variant(true, Flux2Variants)),
        Kind("lora", "lycoris", "krea-2", TriggerPhrases, LoraDefaults),
        Kind("lora", "lycoris", "qwen-image", TriggerPhrases, LoraDefaults),
        Kind("lora", "lycoris", "sd-1", TriggerPhrases, LoraDefaults),
        Kind("lora", "lycoris", "sd-2", TriggerPhrases, LoraDefaults),
        Kind("lora", "lycoris", "sdxl", TriggerPhrases, LoraDefaults),
        Kind("lora", "lycoris", "wan", TriggerPhrases, LoraDefaults, LoraExpert, Variant(true, WanLoRAVariants)),
        Kind("lora", "lycoris", "z-image", TriggerPhrases, LoraDefaults, Variant(true, ZImageVariants)),
        Kind("lora", "omi", "flux", TriggerPhrases, LoraDefaults),
        Kind("lora", "omi", "sdxl", TriggerPhrases, LoraDefaults),
        Kind("main", "bnb_quantized_nf4b", "flux", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, FluxVariants)),
        Kind("main", "checkpoint", "anima", TriggerPhrases, MainDefaults, ConfigPath),
        Kind("main", "checkpoint", "flux", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, FluxVariants)),
        Kind("main", "checkpoint", "flux2", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, Flux2Variants)),
        Kind("main", "checkpoint", "krea-2", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, Krea2Variants)),
        Kind("main", "checkpoint", "qwen-image", TriggerPhrases, MainDefaults, ConfigPath, Variant(true, QwenImageVariants)),
        Kind("main", "checkpoint", "sd-1", TriggerPhrases, MainDefaults, ConfigPath, PredictionType, Variant(false, SdVariants)),
        Kind("main", "checkpoint", "sd-2", TriggerPhrases, MainDefaults, ConfigPath, PredictionType, Variant(false, SdVariants)),
        Kind("main", "checkpoint", "sdxl-refiner", TriggerPhrases, MainDefaults, ConfigPath, PredictionType, Variant(false, SdVariants)),
        Kind("main", "checkpoint", "sdxl", TriggerPhrases, MainDefaults, ConfigPath, PredictionType, Variant(false, SdVariants)),
        Kind("main", "checkpoint", "wan", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, WanVariants), MainExpert),
        Kind("main", "checkpoint", "z-image", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, ZImageVariants)),
        Kind("main", "diffusers", "cogview4", TriggerPhrases, MainDefaults, RepoVariant),
        Kind("main", "diffusers", "ernie-image", TriggerPhrases, MainDefaults, RepoVariant),
        Kind("main", "diffusers", "flux", TriggerPhrases, MainDefaults, RepoVariant, Variant(false, FluxVariants)),
        Kind("main", "diffusers", "flux2", TriggerPhrases, MainDefaults, RepoVariant, Variant(false, Flux2Variants)),
        Kind("main", "diffusers", "ideogram-4", TriggerPhrases, MainDefaults, RepoVariant),
        Kind("main", "diffusers", "krea-2", TriggerPhrases, MainDefaults, RepoVariant, Variant(false, Krea2Variants)),
        Kind("main", "diffusers", "qwen-image", TriggerPhrases, MainDefaults, RepoVariant, Variant(true, QwenImageVariants)),
        Kind("main", "diffusers", "sd-1", TriggerPhrases, MainDefaults, RepoVariant, PredictionType, Variant(false, SdVariants)),
        Kind("main", "diffusers", "sd-2", TriggerPhrases, MainDefaults, RepoVariant, PredictionType, Variant(false, SdVariants)),
        Kind("main", "diffusers", "sd-3", TriggerPhrases, MainDefaults, RepoVariant, Submodels),
        Kind("main", "diffusers", "sdxl-refiner", TriggerPhrases, MainDefaults, RepoVariant, PredictionType, Variant(false, SdVariants)),
        Kind("main", "diffusers", "sdxl", TriggerPhrases, MainDefaults, RepoVariant, PredictionType, Variant(false, SdVariants)),
        Kind("main", "diffusers", "wan", TriggerPhrases, MainDefaults, RepoVariant, Variant(false, WanVariants), HasDualExpert, BoundaryRatio),
        Kind("main", "diffusers", "z-image", TriggerPhrases, MainDefaults, RepoVariant, Variant(false, ZImageVariants)),
        Kind("main", "gguf_quantized", "flux", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, FluxVariants)),
        Kind("main", "gguf_quantized", "flux2", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, Flux2Variants)),
        Kind("main", "gguf_quantized", "krea-2", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, Krea2Variants)),
        Kind("main", "gguf_quantized", "qwen-image", TriggerPhrases, MainDefaults, ConfigPath, Variant(true, QwenImageVariants)),
        Kind("main", "gguf_quantized", "wan", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, WanVariants), MainExpert),
        Kind("main", "gguf_quantized", "z-image", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, ZImageVariants)),
        Kind("main", "sdnq_quantized", "flux", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, FluxVariants)),
        Kind("main", "sdnq_quantized", "flux2", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, Flux2Variants)),
        Kind("main", "sdnq_quantized", "z-image", TriggerPhrases, MainDefaults, ConfigPath, Variant(false, ZImageVariants)),
        Kind("mistral_encoder", "checkpoint", "any", ConfigPath, CpuOnly, Variant(false, MistralVariants)),
        Kind("mistral_encoder", "mistral_encoder", "any", CpuOnly, Variant(false, MistralVariants)),
        Kind("mistral_encoder", "gguf_quantized", "any", ConfigPath, CpuOnly, Variant(false, MistralVariants)),
        Kind("pid_decoder", "checkpoint", "flux", ConfigPath, Variant(false, PiDDecoderVariants)),
        Kind("pid_decoder", "checkpoint", "flux2", ConfigPath, Variant(false, PiDDecoderVariants)),
        Kind("pid_decoder", "checkpoint", "qwen-image", ConfigPath, Variant(false, PiDDecoderVariants)),
        Kind("pid_decoder", "checkpoint", "sd-3", ConfigPath, Variant(false, PiDDecoderVariants)),
        Kind("pid_decoder", "checkpoint", "sdxl", ConfigPath, Variant(false, PiDDecoderVariants)),
        Kind("qwen3_encoder", "checkpoint", "any", ConfigPath, CpuOnly, Variant(false, Qwen3Variants)),
        Kind("qwen3_encoder", "gguf_quantized", "any", ConfigPath, CpuOnly, Variant(false, Qwen3Variants)),
        Kind("qwen3_encoder", "qwen3_encoder", "any", CpuOnly, Variant(false, Qwen3Variants)),
        Kind("qwen3_encoder", "sdnq_quantized", "any", ConfigPath, CpuOnly, Variant(false, Qwen3Variants)),
        Kind("qwen3_vl_encoder", "checkpoint", "any", ConfigPath, CpuOnly),
        Kind("qwen3_vl_encoder", "qwen3_vl_encoder", "any", CpuOnly),
        Kind("qwen_vl_encoder", "checkpoint", "any", ConfigPath),
        Kind("qwen_vl_encoder", "qwen_vl_encoder", "any"),
        Kind("siglip", "diffusers", "any", RepoVariant, CpuOnly),
        Kind("spandrel_image_to_image", "checkpoint", "any"),
        Kind("t2i_adapter", "diffusers", "sd-1", RepoVariant, ControlDefaults),
        Kind("t2i_adapter", "diffusers", "sdxl", RepoVariant, ControlDefaults),
        Kind("t5_encoder", "bnb_quantized_int8b", "any", CpuOnly),
        Kind("t5_encoder", "gguf_quantized", "any", ConfigPath, CpuOnly),
        Kind("t5_encoder", "sdnq_quantized", "any", CpuOnly),
        Kind("t5_encoder", "t5_encoder", "any", CpuOnly),
        Kind("embedding", "embedding_file", "sd-1"),
        Kind("embedding", "embedding_file", "sd-2"),
        Kind("embedding", "embedding_file", "sdxl"),
        Kind("embedding", "embedding_folder", "sd-1"),
        Kind("embedding", "embedding_folder", "sd-2"),
        Kind("embedding", "embedding_folder", "sdxl"),
        Kind("text_llm", "diffusers", "any", RepoVariant, CpuOnly),
        Kind("unknown", "unknown", "unknown"),
        Kind("vae", "checkpoint", "anima", ConfigPath, CpuOnly),
        Kind("vae", "checkpoint", "flux", ConfigPath, CpuOnly),
        Kind("vae", "checkpoint", "flux2", ConfigPath, CpuOnly),
        Kind("vae", "checkpoint", "qwen-image", ConfigPath, CpuOnly),
        Kind("vae", "checkpoint", "sd-1", ConfigPath, CpuOnly),
        Kind("vae", "checkpoint", "sd-2", ConfigPath, CpuOnly),
        Kind("vae", "checkpoint", "sdxl", ConfigPath, CpuOnly),
        Kind("vae", "checkpoint", "wan", ConfigPath, CpuOnly, LatentChannels),
        Kind("vae", "diffusers", "flux2", RepoVariant, CpuOnly),
        Kind("vae", "diffusers", "sd-1", RepoVariant, CpuOnly),
        Kind("vae", "diffusers", "sdxl", RepoVariant, CpuOnly),
        Kind("vae", "diffusers", "wan", RepoVariant, CpuOnly, LatentChannels),
        Kind("wan_t5_encoder", "wan_t5_encoder", "any", CpuOnly),
    ];

    private static readonly Dictionary<(string Type, string Format, string Base), ModelConfigKind> ByClassification =
        Kinds.ToDictionary(k => (k.Type, k.Format, k.Base));

    /// <summary>InvokeAI's catch-all for a file or folder it cannot identify.</summary>
    public static ModelConfigKind Unknown { get; } = Find(ModelTaxonomy.UnknownType, ModelTaxonomy.UnknownFormat, ModelTaxonomy.UnknownBase)!;

    public static IReadOnlyList<ModelConfigKind> All => Kinds;

    public static ModelConfigKind? Find(string type, string format, string modelBase) =>
        ByClassification.GetValueOrDefault((type, format, modelBase));

    /// <summary>
    /// A stored config document in its class's shape. Documents written before the registry knew every
    /// field gain the missing ones; a classification InvokeAI has no class for reads as <c>unknown</c>.
    /// </summary>
    public static string Complete(string config)
    {
        var document = JsonNode.Parse(config) as JsonObject;
        if (document is null)
        {
            return config;
        }

        var kind = Find(Text(document, "type"), Text(document, "format"), Text(document, "base")) ?? Unknown;
        return kind.Shape(document).ToJsonString();
    }

    private static string Text(JsonObject document, string field) =>
        document.TryGetPropertyValue(field, out var value) && value is JsonValue text && text.TryGetValue<string>(out var s) ? s : string.Empty;

    private static ModelConfigKind Kind(string type, string format, string modelBase, params ModelConfigField[] fields) =>
        new(type, format, modelBase, fields);

    private static ModelConfigField Variant(bool nullable, string[] values) => OneOf("variant", nullable, values);

    /// <summary>
    /// A <c>default_settings</c> object (or null) with only these keys, each null or a value its check
    /// accepts, and the required keys present.
    /// </summary>
    private static ModelConfigField Settings(string keys, string[] required, params (string Key, Func<JsonNode?, bool> Accepts)[] fields) =>
        Nullable(
            "default_settings",
            value => value is JsonObject settings
                && required.All(settings.ContainsKey)
                && settings.All(setting => fields.Any(f => f.Key == setting.Key && (setting.Value is null || f.Accepts(setting.Value)))),
            $"null or an object of {keys}");

    private static double Number(JsonNode? value) => JsonSerializer.SerializeToElement(value).GetDouble();

    private static bool IsImageSide(JsonNode? value) => IsInteger(value) && Number(value) is >= 64 and var side && side % 8 == 0;

    private static ModelConfigField Nullable(string name, Func<JsonNode?, bool> accepts, string expected) =>
        new(name, () => null, value => value is null || accepts(value), expected);

    private static ModelConfigField OneOf(string name, bool nullable, string[] values)
    {
        IReadOnlyList<string> choices = [.. values.Select(v => $"'{v}'"), .. nullable ? new[] { "null" } : []];
        var expected = choices.Count == 1 ? choices[0] : string.Join(", ", choices.Take(choices.Count - 1)) + " or " + choices[^1];
        return new ModelConfigField(
            name,
            () => nullable ? null : values[0],
            value => value is null ? nullable : IsString(value) && values.Contains(value.GetValue<string>(), StringComparer.Ordinal),
            expected);
    }

    private static bool IsString(JsonNode? value) => value?.GetValueKind() == JsonValueKind.String;

    private static bool IsBoolean(JsonNode? value) => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    private static bool IsNumber(JsonNode? value) => value?.GetValueKind() == JsonValueKind.Number;

    private static bool IsInteger(JsonNode? value) => IsNumber(value) && JsonSerializer.SerializeToElement(value).TryGetInt64(out _);

    private static bool IsOneOf(JsonNode? value, params long[] allowed) =>
        IsNumber(value) && JsonSerializer.SerializeToElement(value).TryGetInt64(out var number) && allowed.Contains(number);

    private static bool IsSetOfStrings(JsonNode? value) =>
        value is JsonArray items && items.All(IsString) && items.Select(i => i!.GetValue<string>()).Distinct(StringComparer.Ordinal).Count() == items.Count;
}
