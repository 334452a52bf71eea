using Microsoft.Extensions.Logging;

namespace Invoke.Infrastructure.Workflows;

/// <summary>
/// Moves the thumbnail files an earlier version kept under <c>&lt;root&gt;/workflow_thumbnails/</c>
/// into the database, once, at start (under the start-up lock). A file is removed only after its
/// row is stored, so an interrupted move is finished by the next start; files of workflows that no
/// longer exist are left where they are (and named in the log), and left-over <c>.tmp</c> files of
/// failed writes are removed. Nothing to do on a root that never had the directory.
/// </summary>
internal sealed partial class LegacyThumbnailFiles(DatabaseWorkflowThumbnailStore store, InvokePaths paths, ILogger<LegacyThumbnailFiles> logger)
{
    public async Task<int> MoveIntoDatabaseAsync(CancellationToken cancellationToken)
    {
        var directory = paths.WorkflowThumbnails;
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var moved = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*.webp"))
        {
            var workflowId = Path.GetFileNameWithoutExtension(file);
            var image = await File.ReadAllBytesAsync(file, cancellationToken);
            if (await store.StoreAsync(workflowId, image, cancellationToken))
            {
                File.Delete(file);
                moved++;
            }
            else
            {
                LogOrphan(file);
            }
        }

        foreach (var temporary in Directory.EnumerateFiles(directory, "*.tmp"))
        {
            File.Delete(temporary);
        }

        if (!Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }

        if (moved > 0)
        {
            LogMoved(moved);
        }

        return moved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} workflow thumbnail file(s) into the database")]
    private partial void LogMoved(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thumbnail file {File} belongs to no workflow in the database; left in place")]
    private partial void LogOrphan(string file);
}
