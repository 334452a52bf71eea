namespace Invoke.WebApi.Http;

/// <summary>
/// A query parameter a bound request reads. The same object binds the value (<see cref="RequestReader"/>)
/// and describes it in <c>/openapi.json</c>, so the document cannot drift from what the server reads.
/// </summary>
internal abstract record QueryParameter(string Name, bool Required)
{
    /// <summary>The JSON Schema type of one value: <c>integer</c>, <c>boolean</c> or <c>string</c>.</summary>
    public abstract string ValueType { get; }

    /// <summary>Whether the key may repeat (<c>?tags=a&amp;tags=b</c>).</summary>
    public virtual bool Repeatable => false;

    /// <summary>The allowed values of an enumeration, in the order the 422 message lists them.</summary>
    public virtual IReadOnlyList<string>? Choices => null;

    /// <summary>The value the server uses when the parameter is absent, as it would appear in the query.</summary>
    public virtual object? DefaultValue => null;
}

internal sealed record IntQuery(string Name, int? Default = null, bool Required = false) : QueryParameter(Name, Required)
{
    public override string ValueType => "integer";

    public override object? DefaultValue => Default;
}

internal sealed record BoolQuery(string Name, bool? Default = null) : QueryParameter(Name, Required: false)
{
    public override string ValueType => "boolean";

    public override object? DefaultValue => Default;
}

internal sealed record StringQuery(string Name, bool Required = false) : QueryParameter(Name, Required)
{
    public override string ValueType => "string";
}

internal sealed record StringListQuery(string Name, bool Required = false) : QueryParameter(Name, Required)
{
    public override string ValueType => "string";

    public override bool Repeatable => true;
}

/// <summary>One of a fixed set of words, matched exactly.</summary>
internal sealed record EnumQuery<T>(string Name, IReadOnlyDictionary<string, T> Values, string? Default = null) : QueryParameter(Name, Required: false)
    where T : struct
{
    public override string ValueType => "string";

    public override IReadOnlyList<string> Choices => [.. Values.Keys];

    public override object? DefaultValue => Default;

    /// <summary>The value used when the parameter is absent.</summary>
    public T? DefaultChoice => Default is null ? null : Values[Default];
}

/// <summary>A repeatable parameter of words from a fixed set.</summary>
internal sealed record EnumListQuery<T>(string Name, IReadOnlyDictionary<string, T> Values, bool Required = false) : QueryParameter(Name, Required)
{
    public override string ValueType => "string";

    public override bool Repeatable => true;

    public override IReadOnlyList<string> Choices => [.. Values.Keys];
}
