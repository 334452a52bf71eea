namespace Invoke.Application.Workflows;

/// <summary>Thumbnail images of users' workflows, kept in the database (every node serves every thumbnail).</summary>
public interface IWorkflowThumbnailStore
{
    /// <summary>The media type of stored thumbnails.</summary>
    string ContentType { get; }

    /// <summary>
    /// Decodes <paramref name="image"/>, shrinks it to fit the thumbnail box and stores it, replacing
    /// any earlier thumbnail. Throws <see cref="Errors.UnsupportedMediaTypeException"/> when the
    /// data is not an image it can read.
    /// </summary>
    Task SaveAsync(string workflowId, Stream image, CancellationToken cancellationToken);

    /// <summary>
    /// Decodes and shrinks <paramref name="image"/> (throwing <see cref="Errors.UnsupportedMediaTypeException"/>
    /// before anything is written), then, in one transaction, runs <paramref name="markWorkflow"/>
    /// (which sets the workflow's thumbnail flag) and stores the image: the flag and the image are
    /// saved together or not at all, and a concurrent removal is either wholly before or wholly after.
    /// </summary>
    Task ReplaceAsync(string workflowId, Stream image, Func<CancellationToken, Task> markWorkflow, CancellationToken cancellationToken);

    /// <summary>The stored thumbnail, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string workflowId, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction, runs <paramref name="markWorkflow"/> (which clears the workflow's
    /// thumbnail flag) and removes the image; succeeds when there is none.
    /// </summary>
    Task DeleteAsync(string workflowId, Func<CancellationToken, Task> markWorkflow, CancellationToken cancellationToken);
}
