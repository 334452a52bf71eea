using System.Text;
using System.Text.Json;
using Blake3;
using Invoke.Application.Models;
using Invoke.Domain.Models;

namespace Invoke.Infrastructure.Models;

/// <summary>
/// Model files on the local file system. Hashes as InvokeAI's <c>ModelHash</c> does (BLAKE3), so a
/// model keeps its hash when it moves between InvokeAI and Invoke. Walks never follow symbolic
/// links into folders: no loops, and nothing outside the folder walked.
/// </summary>
internal sealed class ModelFileSystem : IModelFileSystem
{
    public const string HashPrefix = "blake3:";

    /// <summary>The files InvokeAI hashes in a folder: weights, not configs or tokenizers.</summary>
    private static readonly string[] HashedExtensions = [".ckpt", ".safetensors", ".bin", ".pt", ".pth"];

    /// <summary><c>model_index.json</c> and the UNet config are a few kilobytes; anything far larger is not one.</summary>
    private const long MaxConfigFileBytes = 1024 * 1024;

    private const int HashBufferBytes = 1024 * 1024;

    public ModelOnDisk? Inspect(string realPath)
    {
        if (File.Exists(realPath))
        {
            return new ModelOnDisk(
                Path.GetFileNameWithoutExtension(realPath), IsDirectory: false, ModelDetection.ForFile(realPath), new FileInfo(realPath).Length);
        }

        if (!Directory.Exists(realPath))
        {
            return null;
        }

        var classification = File.Exists(Path.Join(realPath, ModelDetection.DiffusersIndexFile))
            ? ModelDetection.ForDiffusersPipeline(ReadPipelineClass(realPath), ReadCrossAttentionDim(realPath))
            : null;
        var size = Walk(realPath).Sum(file => new FileInfo(file).Length);
        return new ModelOnDisk(Path.GetFileName(Path.TrimEndingDirectorySeparator(realPath)), IsDirectory: true, classification, size);
    }

    public async Task<string> HashAsync(string realPath, CancellationToken cancellationToken)
    {
        if (File.Exists(realPath))
        {
            return HashPrefix + await HashFileAsync(realPath, cancellationToken);
        }

        // A folder: the BLAKE3 of its weights files' hex digests, in path order.
        using var composite = Hasher.New();
        foreach (var file in Walk(realPath)
                     .Where(file => HashedExtensions.Any(extension => file.EndsWith(extension, StringComparison.Ordinal)))
                     .Order(PathPartsComparer.Instance))
        {
            composite.Update(Encoding.UTF8.GetBytes(await HashFileAsync(file, cancellationToken)));
        }

        return HashPrefix + composite.Finalize();
    }

    public bool IsDirectory(string path) => Directory.Exists(path);

    public IReadOnlyList<string>? FindModels(string directory, ModelScanLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var found = new List<string>();
        var budget = new ScanBudget(limits.MaxEntries);
        return Search(directory, depth: 0, limits.MaxDepth, budget, found, cancellationToken) ? found : null;
    }

    public IReadOnlyList<ModelFile> FindModelFiles(ModelsDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory.Root))
        {
            return [];
        }

        return Walk(directory.Root, skipReservedDirectories: true)
            .Where(file => OrphanedModels.IsModelFile(file))
            .Select(file => new ModelFile(file, new FileInfo(file).Length))
            .ToList();
    }

    /// <summary>Removes the file or folder; links inside are unlinked, never followed, even when swapped in meanwhile.</summary>
    public void Remove(string realPath) => NoFollowDelete.Remove(realPath);

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        using var hasher = Hasher.New();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, HashBufferBytes, useAsync: true);
        var buffer = new byte[HashBufferBytes];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hasher.Update(buffer.AsSpan(0, read));
        }

        return hasher.Finalize().ToString();
    }

    /// <summary>Every regular file under <paramref name="directory"/>; symbolic links are neither followed nor listed.</summary>
    private static IEnumerable<string> Walk(string directory, bool skipReservedDirectories = false)
    {
        var pending = new Stack<string>([directory]);
        while (pending.Count > 0)
        {
            foreach (var entry in new DirectoryInfo(pending.Pop()).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo subdirectory)
                {
                    if (!skipReservedDirectories || !OrphanedModels.IsSkippedDirectory(subdirectory.Name))
                    {
                        pending.Push(subdirectory.FullName);
                    }
                }
                else
                {
                    yield return entry.FullName;
                }
            }
        }
    }

    /// <summary>
    /// Weights files, and diffusers folders as a whole (without looking inside them); false as soon as
    /// the walk goes beyond the entries left in <paramref name="budget"/> or below <paramref name="maxDepth"/>.
    /// </summary>
    private static bool Search(string directory, int depth, int maxDepth, ScanBudget budget, List<string> found, CancellationToken cancellationToken)
    {
        var entries = new List<FileSystemInfo>();
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (--budget.EntriesLeft < 0)
            {
                return false;
            }

            entries.Add(entry);
        }

        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            if (entry is DirectoryInfo subdirectory)
            {
                if (OrphanedModels.IsSkippedDirectory(subdirectory.Name))
                {
                    continue;
                }

                if (File.Exists(Path.Join(subdirectory.FullName, ModelDetection.DiffusersIndexFile)))
                {
                    found.Add(subdirectory.FullName);
                }
                else if (depth >= maxDepth || !Search(subdirectory.FullName, depth + 1, maxDepth, budget, found, cancellationToken))
                {
                    return false;
                }
            }
            else if (OrphanedModels.IsModelFile(entry.Name))
            {
                found.Add(entry.FullName);
            }
        }

        return true;
    }

    /// <summary>The entries a scan may still look at, shared by every level of the walk.</summary>
    private sealed class ScanBudget(int entries)
    {
        public int EntriesLeft { get; set; } = entries;
    }

    private static string? ReadPipelineClass(string directory) =>
        ReadJson(Path.Join(directory, ModelDetection.DiffusersIndexFile)) is { ValueKind: JsonValueKind.Object } index
        && index.TryGetProperty("_class_name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;

    private static int? ReadCrossAttentionDim(string directory) =>
        ReadJson(Path.Join(directory, "unet", "config.json")) is { ValueKind: JsonValueKind.Object } config
        && config.TryGetProperty("cross_attention_dim", out var dim) && dim.TryGetInt32(out var value)
            ? value
            : null;

    /// <summary>Python's order of paths: component by component, so <c>a/x</c> comes before <c>a-b/x</c>.</summary>
    private sealed class PathPartsComparer : IComparer<string>
    {
        public static readonly PathPartsComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var left = (x ?? string.Empty).Split(Path.DirectorySeparatorChar);
            var right = (y ?? string.Empty).Split(Path.DirectorySeparatorChar);
            for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
            {
                var order = string.CompareOrdinal(left[i], right[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return left.Length.CompareTo(right.Length);
        }
    }

    /// <summary>A small JSON file, or null when it is missing, too large or not JSON.</summary>
    private static JsonElement? ReadJson(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxConfigFileBytes)
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
