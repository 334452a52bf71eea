using System.Text.RegularExpressions;

namespace Invoke.Domain.Models;

/// <summary>
/// The base, type and format values the registry itself assigns. InvokeAI adds values with every
/// release, so the registry stores any well-formed identifier a client sends rather than a closed list.
/// </summary>
public static partial class ModelTaxonomy
{
    public const string UnknownBase = "unknown";
    public const string UnknownType = "unknown";
    public const string MainType = "main";
    public const string CheckpointFormat = "checkpoint";
    public const string DiffusersFormat = "diffusers";
    public const string GgufFormat = "gguf_quantized";
    public const string OnnxFormat = "onnx";

    /// <summary>Models served by an outside API: no files on disk.</summary>
    public const string ExternalBase = "external";
    public const string ExternalApiFormat = "external_api";

    public const string PathSourceType = "path";

    /// <summary>Lower-case identifiers as InvokeAI's enums spell them (<c>sd-1</c>, <c>sdxl-refiner</c>, <c>t5_encoder</c>).</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: > 0 and <= ModelLimits.MaxTaxonomyLength } && IdentifierPattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}

/// <summary>What kind of model a record is: the three fields every InvokeAI model config carries.</summary>
public sealed record ModelClassification(string Base, string Type, string Format);
