namespace Invoke.Domain.Models;

/// <summary>
/// "Sync models": weights files under the models directory that no registered model accounts
/// for. A registered model claims the whole top-level entry of the models directory it lies in
/// (a model at <c>sdxl/main/foo.safetensors</c> claims everything under <c>sdxl</c>); a model
/// outside the directory claims its own path. Orphans are grouped by their top-level entry; an
/// entry holding the server's own data (a models directory set to the root) is never offered.
/// </summary>
public static class OrphanedModels
{
    /// <summary>Extensions of weights files (compared case-insensitively).</summary>
    public static IReadOnlySet<string> ModelFileExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".safetensors", ".ckpt", ".pt", ".pth", ".bin", ".onnx", ".gguf",
    };

    /// <summary>Caches, scratch areas and tooling folders: skipped wherever they appear.</summary>
    public static IReadOnlySet<string> SkippedDirectoryNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ".download_cache", ".convert_cache", ModelsDirectory.ConversionScratchDirectory, "__pycache__", ".git",
    };

    public static bool IsModelFile(string fileName) => ModelFileExtensions.Contains(Path.GetExtension(fileName));

    public static bool IsSkippedDirectory(string directoryName) => SkippedDirectoryNames.Contains(directoryName);

    /// <param name="directory">The models directory.</param>
    /// <param name="registeredPaths">Real paths of every registered model.</param>
    /// <param name="modelFiles">Weights files found under the models directory, skipped folders left out.</param>
    public static IReadOnlyList<OrphanedModel> Find(
        ModelsDirectory directory, IEnumerable<string> registeredPaths, IEnumerable<ModelFile> modelFiles)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var claimed = registeredPaths
            .Select(path => directory.Contains(path) ? directory.TopLevelEntryOf(path) : path)
            .OfType<string>()
            .ToList();

        return modelFiles
            .Where(file => directory.StrictlyContains(file.FullPath) && !claimed.Any(c => ModelsDirectory.IsWithin(c, file.FullPath)))
            .GroupBy(file => directory.TopLevelEntryOf(file.FullPath)!, StringComparer.Ordinal)
            .Where(group => !directory.HoldsServerData(group.Key))
            .Select(group => new OrphanedModel(
                directory.RelativePathOf(group.Key)!,
                group.Key,
                group.Select(file => FileNameWithin(group.Key, file.FullPath)).Order(StringComparer.Ordinal).ToList(),
                group.Sum(file => file.SizeBytes)))
            .OrderBy(orphan => orphan.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The file's path below its entry; a loose file at the top is named by itself.</summary>
    private static string FileNameWithin(string entry, string file) =>
        string.Equals(entry, file, StringComparison.Ordinal)
            ? Path.GetFileName(file)
            : Path.GetRelativePath(entry, file).Replace('\\', '/');
}

/// <summary>A weights file on disk, by its real path.</summary>
public sealed record ModelFile(string FullPath, long SizeBytes);

/// <summary>
/// A top-level entry of the models directory holding weights files no model accounts for.
/// <paramref name="Path"/> is relative to the models directory; <paramref name="Files"/> relative to the entry.
/// </summary>
public sealed record OrphanedModel(string Path, string AbsolutePath, IReadOnlyList<string> Files, long SizeBytes);
