namespace Invoke.Domain.Workflows;

public enum WorkflowCategory
{
    /// <summary>Created through the API; belongs to a user.</summary>
    User,

    /// <summary>Shipped with the server; read-only for everyone.</summary>
    Default,
}

public static class WorkflowCategoryNames
{
    public const string User = "user";
    public const string Default = "default";

    public static string ToWireName(this WorkflowCategory category) => category switch
    {
        WorkflowCategory.User => User,
        WorkflowCategory.Default => Default,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static bool TryParse(string? value, out WorkflowCategory category)
    {
        switch (value)
        {
            case User:
                category = WorkflowCategory.User;
                return true;
            case Default:
                category = WorkflowCategory.Default;
                return true;
            default:
                category = default;
                return false;
        }
    }
}
