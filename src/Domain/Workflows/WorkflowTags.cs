namespace Invoke.Domain.Workflows;

/// <summary>
/// The document's <c>tags</c> field is one free-form, comma-separated string. Sharing adds or
/// removes the <c>shared</c> tag and normalizes the separators to ", ".
/// </summary>
public static class WorkflowTags
{
    public const string Shared = "shared";

    public static IReadOnlyList<string> Split(string? tags) =>
        string.IsNullOrEmpty(tags)
            ? []
            : tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static string WithSharedTag(string? tags, bool shared)
    {
        var items = Split(tags).ToList();
        if (shared && !items.Contains(Shared, StringComparer.Ordinal))
        {
            items.Add(Shared);
        }
        else if (!shared)
        {
            items.Remove(Shared);
        }

        return string.Join(", ", items);
    }
}
