namespace Invoke.Domain.Workflows;

/// <summary>
/// Search and tag filters match case-insensitively on every database. Rather than rely on each
/// provider's collation, the searchable text is folded once when a workflow is written and the
/// search term is folded the same way when a query is made.
/// </summary>
public static class WorkflowSearch
{
    /// <summary>Separates name, description and tags in <see cref="Workflow.SearchText"/>; never matched.</summary>
    public const char FieldSeparator = '\u001f';

    public static string Fold(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Replace(FieldSeparator, ' ').ToLowerInvariant();

    /// <summary>
    /// False for a folded term no stored text can contain: stored names, descriptions and tags never
    /// hold U+0000 (refused on input, as PostgreSQL cannot store it), and PostgreSQL refuses it even
    /// as a query parameter, so such a term must match nothing without reaching the database.
    /// </summary>
    public static bool CanMatch(string folded) => !folded.Contains('\0', StringComparison.Ordinal);

    public static string SearchTextOf(string name, string description, string tags) =>
        string.Concat(Fold(name), FieldSeparator.ToString(), Fold(description), FieldSeparator.ToString(), Fold(tags));
}
