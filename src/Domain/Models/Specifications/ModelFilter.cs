namespace Invoke.Domain.Models.Specifications;

/// <summary>What a model list asks for; null means "no condition". Every condition is an exact match.</summary>
public sealed record ModelFilter(string? Base = null, string? Type = null, string? Name = null, string? Format = null, string? Hash = null)
{
    public static ModelFilter None { get; } = new();
}

/// <summary>InvokeAI's <c>ModelRecordOrderBy</c>. <see cref="Default"/> is type, base, name, format.</summary>
public enum ModelOrderBy
{
    Default,
    Type,
    Base,
    Name,
    Format,
    Size,
    CreatedAt,
    UpdatedAt,
    Path,
}

public static class ModelOrderByNames
{
    /// <summary>The <c>order_by</c> values as InvokeAI spells them.</summary>
    public static IReadOnlyDictionary<string, ModelOrderBy> ByWireName { get; } = new Dictionary<string, ModelOrderBy>(StringComparer.Ordinal)
    {
        ["default"] = ModelOrderBy.Default,
        ["type"] = ModelOrderBy.Type,
        ["base"] = ModelOrderBy.Base,
        ["name"] = ModelOrderBy.Name,
        ["format"] = ModelOrderBy.Format,
        ["size"] = ModelOrderBy.Size,
        ["created_at"] = ModelOrderBy.CreatedAt,
        ["updated_at"] = ModelOrderBy.UpdatedAt,
        ["path"] = ModelOrderBy.Path,
    };
}
