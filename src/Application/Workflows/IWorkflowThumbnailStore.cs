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

    /// <summary>The stored thumbnail, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string workflowId, CancellationToken cancellationToken);

    /// <summary>Removes the thumbnail; succeeds when there is none.</summary>
    Task DeleteAsync(string workflowId, CancellationToken cancellationToken);
}
