namespace Invoke.Domain.Models;

/// <summary>
/// Where a path really leads, as <c>realpath(3)</c> works it out: one component at a time, each
/// symbolic link replaced by its target before the next component (so <c>link/..</c> is the parent
/// of the link's target, as the operating system sees it, not the directory holding the link).
/// Components that do not exist are kept as written; a <c>..</c> after one is refused
/// (<see cref="DirectoryNotFoundException"/>), as <c>realpath(3)</c> refuses it.
/// </summary>
public static class RealPath
{
    /// <summary>Linux gives up after 40 links (<c>ELOOP</c>); so does this.</summary>
    public const int MaxSymbolicLinks = 40;

    /// <param name="path">An absolute path, or one relative to <paramref name="baseDirectory"/>.</param>
    /// <param name="baseDirectory">An absolute directory; the process's current directory when null.</param>
    public static string Resolve(string path, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The path contains a null character.", nameof(path));
        }

        var start = Path.IsPathRooted(path) ? path : Path.Join(baseDirectory ?? Environment.CurrentDirectory, path);
        var root = Path.GetPathRoot(start)!;
        var pending = new Stack<string>();
        PushComponents(pending, start[root.Length..]);

        var current = root;
        var links = 0;
        var exists = true;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                // As the operating system: a missing folder has no parent to go back to. Applying
                // ".." as text would skip the links that come after it.
                if (!exists)
                {
                    throw new DirectoryNotFoundException("A component before '..' does not exist.");
                }

                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxSymbolicLinks)
                {
                    throw new IOException("Too many levels of symbolic links");
                }

                PushComponents(pending, Path.IsPathRooted(target) ? target[Path.GetPathRoot(target)!.Length..] : target);
                if (Path.IsPathRooted(target))
                {
                    current = Path.GetPathRoot(target)!;
                }

                continue;
            }

            exists = exists && Path.Exists(next);
            current = next;
        }

        return current;
    }

    private static void PushComponents(Stack<string> pending, string relative)
    {
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
