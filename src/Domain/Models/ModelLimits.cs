namespace Invoke.Domain.Models;

public static class ModelLimits
{
    /// <summary>Keys are UUIDs (36 characters).</summary>
    public const int MaxKeyLength = 64;

    /// <summary>Names are sorted on and indexed; SQL Server cannot index unbounded text.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Base, type and format are short identifiers such as <c>sdxl</c> or <c>gguf_quantized</c>.</summary>
    public const int MaxTaxonomyLength = 64;

    /// <summary>The path is unique; SQL Server indexes at most 1700 bytes (850 UTF-16 characters).</summary>
    public const int MaxPathLength = 850;

    /// <summary><c>blake3:</c> and 64 hex digits, with room for other algorithms.</summary>
    public const int MaxHashLength = 160;

    public const int MaxSourceTypeLength = 32;
}
