namespace Invoke.Domain.Workflows;

/// <summary>
/// How long the fields of a workflow may be. The free-text limits are several times what any
/// workflow InvokeAI ships or writes holds (its longest description is ~520 characters, its
/// longest notes ~1,100, at most 5 tags in 46 characters), so that a real workflow is never
/// refused while one request cannot grow the database, the search index or everyone's tag list
/// by megabytes.
/// </summary>
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

    public const int MaxAuthorLength = 255;

    /// <summary>Descriptions are stored as a column and in the search index as well as in the document.</summary>
    public const int MaxDescriptionLength = 5_000;

    /// <summary>The workflow's own version text (free-form, such as <c>1.0.0</c>).</summary>
    public const int MaxVersionLength = 255;

    /// <summary>A contact is usually an e-mail address (at most 254 characters) or a URL.</summary>
    public const int MaxContactLength = 1_000;

    /// <summary>Notes are instructions written by the author; they live only in the document.</summary>
    public const int MaxNotesLength = 50_000;

    /// <summary>The <c>tags</c> string as sent, separators and spaces included.</summary>
    public const int MaxTagsTextLength = 2_000;

    /// <summary>
    /// The tags as the server stores them after sharing (joined by ", "), the <c>shared</c> tag not
    /// counted, so that sharing a workflow never takes it over the limit.
    /// </summary>
    public const int MaxTagsLength = 1_000;

    /// <summary>Tags other than <c>shared</c>.</summary>
    public const int MaxTagCount = 50;

    /// <summary><c>meta.version</c> is a schema version such as <c>3.0.0</c>.</summary>
    public const int MaxMetaVersionLength = 64;

    /// <summary>Node ids are UUIDs; field names are identifiers of a node's inputs.</summary>
    public const int MaxExposedFieldTextLength = 255;

    /// <summary>The top-level text fields of a document, by their name in the JSON, with their limits.</summary>
    public static IReadOnlyList<WorkflowTextLimit> TextFields { get; } =
    [
        new("name", MaxNameLength, d => d.Name),
        new("author", MaxAuthorLength, d => d.Author),
        new("description", MaxDescriptionLength, d => d.Description),
        new("version", MaxVersionLength, d => d.Version),
        new("contact", MaxContactLength, d => d.Contact),
        new("tags", MaxTagsTextLength, d => d.Tags),
        new("notes", MaxNotesLength, d => d.Notes),
        new("meta.version", MaxMetaVersionLength, d => d.Meta.Version),
    ];

    /// <summary>The length of the tags as measured against <see cref="MaxTagsLength"/>.</summary>
    public static int TagsLength(string tags) => WorkflowTags.WithSharedTag(tags, shared: false).Length;

    /// <summary>The number of tags as measured against <see cref="MaxTagCount"/>.</summary>
    public static int TagCount(string tags) =>
        WorkflowTags.Split(tags).Count(tag => !string.Equals(tag, WorkflowTags.Shared, StringComparison.Ordinal));

    /// <summary>Every limit <paramref name="document"/> breaks, in words (for reports; requests get Pydantic errors).</summary>
    public static IReadOnlyList<string> Violations(WorkflowDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var violations = new List<string>();
        foreach (var field in TextFields)
        {
            var length = field.Value(document).Length;
            if (length > field.MaxLength)
            {
                violations.Add($"its {field.Field} has {length:N0} characters (at most {field.MaxLength:N0})");
            }
        }

        if (TagCount(document.Tags) > MaxTagCount)
        {
            violations.Add($"it has {TagCount(document.Tags):N0} tags (at most {MaxTagCount})");
        }

        if (document.Tags.Length <= MaxTagsTextLength && TagsLength(document.Tags) > MaxTagsLength)
        {
            violations.Add($"its tags total {TagsLength(document.Tags):N0} characters (at most {MaxTagsLength:N0})");
        }

        if (document.ExposedFields.Any(f => f.NodeId.Length > MaxExposedFieldTextLength || f.FieldName.Length > MaxExposedFieldTextLength))
        {
            violations.Add($"an exposed field's node id or field name is longer than {MaxExposedFieldTextLength} characters");
        }

        // Stored as columns too, and PostgreSQL text cannot hold U+0000.
        if ($"{document.Name}{document.Description}{document.Tags}".Contains('\0', StringComparison.Ordinal))
        {
            violations.Add("its name, description or tags contain a NUL character");
        }

        return violations;
    }
}
