using Invoke.Domain.Models.Rules;
using Invoke.Domain.Rules;

namespace Invoke.Domain.Models;

/// <summary>
/// The directory the server manages model files in. Decides, on real paths (symbolic links
/// followed), what lies inside it: only those files may be deleted by the server, and only those
/// are stored as paths relative to it.
/// </summary>
public sealed class ModelsDirectory
{
    /// <summary>Where model conversion builds its output; never reported or removed as an orphan.</summary>
    public const string ConversionScratchDirectory = ".convert_tmp";

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <param name="path">The models directory.</param>
    /// <param name="serverData">
    /// The server's own files and folders (root, database, thumbnails, configuration): never removed,
    /// nor anything holding them, wherever the models directory is.
    /// </param>
    public ModelsDirectory(string path, IEnumerable<string>? serverData = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Root = RealPath.Resolve(Path.GetFullPath(path));
        ServerData = (serverData ?? [])
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => RealPath.Resolve(Path.GetFullPath(p)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The real, absolute path of the directory.</summary>
    public string Root { get; }

    /// <summary>Real paths of the server's own data.</summary>
    public IReadOnlyList<string> ServerData { get; }

    /// <summary>Whether the real path is server data, lies inside it, or is a folder that holds some.</summary>
    public bool HoldsServerData(string realPath) =>
        ServerData.Any(data => IsWithin(data, realPath) || IsWithin(realPath, data));

    /// <summary>The real location of <paramref name="path"/>, given relative to this directory or absolute.</summary>
    public string Locate(string path) => RealPath.Resolve(path, Root);

    /// <summary>Whether the real path is this directory or lies under it.</summary>
    public bool Contains(string realPath) => IsWithin(Root, realPath);

    /// <summary>Whether <paramref name="path"/> is <paramref name="directory"/> or lies under it (both real paths).</summary>
    public static bool IsWithin(string directory, string path)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(path);
        var prefix = Path.EndsInDirectorySeparator(directory) ? directory : directory + Path.DirectorySeparatorChar;
        return string.Equals(path, directory, PathComparison) || path.StartsWith(prefix, PathComparison);
    }

    /// <summary>Whether the real path lies under this directory (and is not the directory itself).</summary>
    public bool StrictlyContains(string realPath) => Contains(realPath) && !IsRoot(realPath);

    public bool IsRoot(string realPath) => string.Equals(realPath, Root, PathComparison);

    /// <summary>The path below this directory, with <c>/</c> separators; null when outside.</summary>
    public string? RelativePathOf(string realPath) =>
        StrictlyContains(realPath) ? Path.GetRelativePath(Root, realPath).Replace('\\', '/') : null;

    /// <summary>How a model at this real path is recorded: relative when inside, else absolute.</summary>
    public string RecordedPathOf(string realPath) => RelativePathOf(realPath) ?? realPath.Replace('\\', '/');

    /// <summary>The first component of a path strictly inside this directory: the entry it belongs to.</summary>
    public string? TopLevelEntryOf(string realPath) =>
        RelativePathOf(realPath)?.Split('/')[0] is { } entry ? Path.Join(Root, entry) : null;

    /// <summary>
    /// Checks a path an administrator asked to remove (relative to this directory, or absolute)
    /// against the rules, in order; the first broken rule is the answer for that path.
    /// </summary>
    public ModelPathRemoval CheckRemoval(string requestedPath)
    {
        ArgumentNullException.ThrowIfNull(requestedPath);
        string located;
        try
        {
            located = Locate(requestedPath);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return new ModelPathRemoval(requestedPath, null, new RemovedPathMustBeInsideModelsDirectoryRule(this, null));
        }

        IBusinessRule[] rules =
        [
            new RemovedPathMustBeInsideModelsDirectoryRule(this, located),
            new ModelsDirectoryItselfCannotBeRemovedRule(this, located),
            new ConversionScratchAreaIsReservedRule(this, located),
            new ServerDataCannotBeRemovedRule(this, located),
            new RemovedPathMustExistRule(located),
        ];
        var broken = rules.FirstOrDefault(rule => rule.IsBroken());
        return new ModelPathRemoval(requestedPath, broken is null ? located : null, broken);
    }
}

/// <summary>The outcome of checking one path for removal: the real path to remove, or the rule it breaks.</summary>
public sealed record ModelPathRemoval(string RequestedPath, string? FullPath, IBusinessRule? BrokenRule)
{
    public bool IsAllowed => BrokenRule is null;
}
