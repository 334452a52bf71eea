namespace Invoke.Infrastructure.Workflows;

/// <summary>
/// How many workflows share one category, sharing state and opened state
/// (<c>workflow_library_counts</c>). Maintained by <see cref="Persistence.AppDbContext"/> in the
/// transaction that changes the workflows.
/// </summary>
internal sealed class WorkflowLibraryCount
{
    public required string Category { get; init; }

    public bool IsPublic { get; init; }

    public bool IsOpened { get; init; }

    public long Count { get; set; }
}
