using Invoke.Domain.Models;

namespace Invoke.Application.Models;

/// <summary>The model files on disk: what is at a path, their hash, searching and removing them.</summary>
public interface IModelFileSystem
{
    /// <summary>What is at the real path <paramref name="realPath"/>, or null when nothing is.</summary>
    ModelOnDisk? Inspect(string realPath);

    /// <summary>InvokeAI's model hash: <c>blake3:</c> and the hex digest of the file, or of the folder's weights files.</summary>
    Task<string> HashAsync(string realPath, CancellationToken cancellationToken);

    bool IsDirectory(string path);

    /// <summary>
    /// Models under a folder: weights files and diffusers folders (not looked into), as paths under
    /// <paramref name="directory"/>; null when the folder holds more than <paramref name="limits"/> allow.
    /// </summary>
    IReadOnlyList<string>? FindModels(string directory, ModelScanLimits limits, CancellationToken cancellationToken);

    /// <summary>Every weights file under the models directory, skipped folders and symbolic links left out.</summary>
    IReadOnlyList<ModelFile> FindModelFiles(ModelsDirectory directory);

    /// <summary>Removes a file, or a folder and everything in it (symbolic links inside are removed, not followed).</summary>
    void Remove(string realPath);
}

/// <summary>
/// A file or folder that may be a model. <paramref name="Classification"/> is null when it is not
/// a model the server recognises.
/// </summary>
public sealed record ModelOnDisk(string Name, bool IsDirectory, ModelClassification? Classification, long SizeBytes);
