namespace Invoke.Domain.Models;

/// <summary>
/// How much of the file system one <c>scan_folder</c> request may walk: the entries (files and
/// folders) it looks at and how many levels of folders below the scanned one it descends. A folder
/// beyond either bound is refused rather than listed in part, so an answer is always complete.
/// </summary>
public sealed record ModelScanLimits(int MaxEntries, int MaxDepth)
{
    /// <summary>Far more than any models folder holds (InvokeAI's own holds a few hundred entries).</summary>
    public static ModelScanLimits Default { get; } = new(MaxEntries: 100_000, MaxDepth: 32);
}
