namespace Invoke.Domain.Workflows;

/// <summary>A node input shown in the workflow's linear view.</summary>
public sealed record ExposedField(string NodeId, string FieldName);
