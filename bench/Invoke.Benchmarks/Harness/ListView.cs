using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Benchmarks.Harness;

/// <summary>Who sends a request in the benchmarks.</summary>
public enum Caller
{
    /// <summary>A regular user in the middle of the ownership distribution (about 70 workflows).</summary>
    Typical,

    /// <summary>The regular user owning the most workflows (about 1/√U of the library).</summary>
    Power,

    /// <summary>An administrator, who sees every library.</summary>
    Admin,
}

/// <summary>
/// A library page as the UI asks for it (contract §4.5), and the same page written by hand: the
/// WHERE clause, where its total comes from, and the ORDER BY the specification produces.
/// </summary>
public sealed record ListView(
    string Name,
    Caller Caller,
    WorkflowFilter Filter,
    WorkflowOrderBy OrderBy,
    SortDirection Direction,
    string Where,
    string? CountsWhere = null,
    string From = "workflow_library")
{
    public const int PerPage = 30;

    /// <summary>Zero-based page; set once the view's total is known (deep pages).</summary>
    public int Page { get; init; }

    public long Offset => (long)Page * PerPage;

    public string OrderSql
    {
        get
        {
            var column = OrderBy switch
            {
                WorkflowOrderBy.CreatedAt => "created_at",
                WorkflowOrderBy.UpdatedAt => "updated_at",
                WorkflowOrderBy.OpenedAt => "opened_order",
                WorkflowOrderBy.Name => "name",
                WorkflowOrderBy.IsPublic => "is_public",
                _ => throw new ArgumentOutOfRangeException(nameof(OrderBy), OrderBy, null),
            };
            var direction = Direction == SortDirection.Ascending ? "ASC" : "DESC";
            return $"{column} {direction}, workflow_id {direction}";
        }
    }

    public string CountSql => CountsWhere is null
        ? $"SELECT COUNT(*) FROM {From} WHERE {Where}"
        : $"SELECT COALESCE(SUM(workflow_count), 0) FROM workflow_library_counts WHERE {CountsWhere}";

    public string PageSql =>
        $"SELECT {Floor.ListColumns} FROM {From} WHERE {Where} ORDER BY {OrderSql} LIMIT {PerPage} OFFSET {Offset}";

    public static string Label(WorkflowOrderBy orderBy, SortDirection direction) =>
        (orderBy switch
        {
            WorkflowOrderBy.CreatedAt => "created_at",
            WorkflowOrderBy.UpdatedAt => "updated_at",
            WorkflowOrderBy.OpenedAt => "opened_at",
            WorkflowOrderBy.Name => "name",
            _ => "is_public",
        }) + (direction == SortDirection.Ascending ? " ASC" : " DESC");

    public static IReadOnlyCollection<WorkflowCategory> User { get; } = [WorkflowCategory.User];

    public static IReadOnlyCollection<WorkflowCategory> Default { get; } = [WorkflowCategory.Default];

    public static IReadOnlyCollection<WorkflowCategory> Both { get; } = [WorkflowCategory.User, WorkflowCategory.Default];
}
