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
}
