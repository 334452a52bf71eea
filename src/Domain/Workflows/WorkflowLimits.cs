namespace Invoke.Domain.Workflows;

public static class WorkflowLimits
{
    /// <summary>Workflow ids are UUIDs (36 characters) or <c>default_…</c> names.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Names are sorted on and indexed; SQL Server cannot index unbounded text.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Owner ids are UUIDs or <c>system</c>.</summary>
    public const int MaxOwnerIdLength = 64;

    /// <summary>Ids of bundled default workflows start with this.</summary>
    public const string DefaultIdPrefix = "default_";
}
