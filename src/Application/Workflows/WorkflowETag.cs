using System.Globalization;

namespace Invoke.Application.Workflows;

/// <summary>
/// A workflow's entity tag: its <see cref="Domain.Workflows.Workflow.Version"/>, quoted. Every change
/// to anything GET returns raises the version, so the tag names one state of the workflow.
/// </summary>
public static class WorkflowETag
{
    public const string Mismatch =
        "The workflow was changed since it was read: If-Match does not match its current ETag. Read it again and reapply the change";

    public static string Of(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// Whether an <c>If-Match</c> value (<c>*</c> or a list of tags) holds for <paramref name="version"/>.
    /// The comparison is the strong one If-Match requires: a weak tag (<c>W/"…"</c>) never matches.
    /// </summary>
    public static bool Matches(string ifMatch, int version)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        var current = Of(version);
        foreach (var tag in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (tag == "*" || string.Equals(tag, current, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
