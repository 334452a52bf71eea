namespace Invoke.Infrastructure.Workflows;

/// <summary>
/// A workflow's thumbnail (<c>workflow_thumbnails</c>): the WebP bytes, a few KB, one row per
/// workflow, removed with it. In the database so that every node serves every thumbnail.
/// </summary>
internal sealed class StoredWorkflowThumbnail
{
    /// <summary>The workflow's row id (<c>workflow_library.id</c>).</summary>
    public long WorkflowRowId { get; init; }

    public required byte[] Image { get; init; }

    public DateTime UpdatedAt { get; init; }
}
