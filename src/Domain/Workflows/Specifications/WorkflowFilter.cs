namespace Invoke.Domain.Workflows.Specifications;

/// <summary>
/// What a library screen asks for. Null means "no condition". Tags and the search term are matched
/// as literal, case-insensitive substrings.
/// </summary>
public sealed record WorkflowFilter(
    IReadOnlyCollection<WorkflowCategory>? Categories = null,
    IReadOnlyCollection<string>? Tags = null,
    string? Query = null,
    bool? HasBeenOpened = null,
    bool? IsPublic = null,
    bool? IsCallable = null)
{
    public static WorkflowFilter None { get; } = new();
}

public enum WorkflowOrderBy
{
    CreatedAt,
    UpdatedAt,
    OpenedAt,
    Name,
    IsPublic,
}

public enum SortDirection
{
    Ascending,
    Descending,
}
