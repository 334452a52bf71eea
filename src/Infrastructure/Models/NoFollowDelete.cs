using System.Runtime.InteropServices;

namespace Invoke.Infrastructure.Models;

/// <summary>
/// Removes a file or a folder tree without ever following a symbolic link, even one swapped in
/// while the removal runs. On Linux every folder is opened relative to its already-open parent
/// with <c>O_NOFOLLOW | O_DIRECTORY</c>, listed through that descriptor and emptied with
/// <c>unlinkat</c>: an entry is either opened as a real folder (and its descriptor pins it) or
/// unlinked as what it is, and <c>unlink</c> never reaches behind a link. Elsewhere each entry is
/// checked for being a link right before it is removed.
/// </summary>
internal static partial class NoFollowDelete
{
    private const int AtFdCwd = -100;
    private const int AtRemoveDir = 0x200;
    private const int OReadOnly = 0;
    private const int OCloseOnExec = 0x80000;
    private const int ENoEnt = 2;
    private const int ENotDir = 20;
    private const int EIsDir = 21;
    private const int ELoop = 40;

    public static void Remove(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd"))
        {
            RemoveOnLinux(path);
        }
        else
        {
            RemoveByPath(path);
        }
    }

    /// <summary>The flags that open a directory, never a link, on this architecture.</summary>
    private static int DirectoryFlags => OReadOnly | OCloseOnExec | (RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm
        ? 0x4000 | 0x8000 // O_DIRECTORY | O_NOFOLLOW on arm
        : 0x10000 | 0x20000); // O_DIRECTORY | O_NOFOLLOW on x86 and the others

    private static void RemoveOnLinux(string path)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)))
            ?? throw new IOException("The root directory cannot be removed.");
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        var parentFd = Open(AtFdCwd, parent);
        try
        {
            RemoveEntry(parentFd, name);
        }
        finally
        {
            _ = Close(parentFd);
        }
    }

    /// <summary>Removes <paramref name="name"/> inside the open directory <paramref name="parentFd"/>.</summary>
    private static void RemoveEntry(int parentFd, string name)
    {
        var fd = OpenAt(parentFd, name, DirectoryFlags);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error is ENotDir or ELoop)
            {
                // A file or a link (to anything): unlinking it removes the entry, never its target.
                Check(UnlinkAt(parentFd, name, 0), name);
                return;
            }

            throw Failure(error, name);
        }

        try
        {
            // Listed through the descriptor (the kernel resolves /proc/self/fd to the folder opened), all at once.
            foreach (var entry in Directory.GetFileSystemEntries($"/proc/self/fd/{fd}"))
            {
                RemoveEntry(fd, Path.GetFileName(entry));
            }
        }
        finally
        {
            _ = Close(fd);
        }

        Check(UnlinkAt(parentFd, name, AtRemoveDir), name);
    }

    private static int Open(int atFd, string path)
    {
        var fd = OpenAt(atFd, path, DirectoryFlags);
        return fd >= 0 ? fd : throw Failure(Marshal.GetLastPInvokeError(), path);
    }

    private static void Check(int result, string name)
    {
        if (result != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error != ENoEnt)
            {
                throw Failure(error, name);
            }
        }
    }

    private static IOException Failure(int error, string name) => error switch
    {
        EIsDir => new IOException($"'{name}' became a folder while it was being removed."),
        ENoEnt => new FileNotFoundException($"'{name}' does not exist."),
        _ => new IOException($"Could not remove '{name}': {Marshal.GetPInvokeErrorMessage(error)}"),
    };

    /// <summary>Without descriptors: each entry is looked at (not followed) right before it goes.</summary>
    private static void RemoveByPath(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || !info.Attributes.HasFlag(FileAttributes.Directory))
        {
            info.Delete();
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(path))
        {
            RemoveByPath(entry);
        }

        Directory.Delete(path, recursive: false);
    }

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(int dirFd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkAt(int dirFd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
