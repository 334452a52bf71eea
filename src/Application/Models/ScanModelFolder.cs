using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Models;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Invoke.Application.Models;

/// <summary>
/// Models in a folder of the server's file system, each marked installed or not. Every way the
/// folder can be unusable gets the same answer, so the route tells nobody whether a path exists;
/// a failure during the walk is a 500 whose text names only the folder. The walk is bounded by
/// <see cref="ModelScanLimits"/> and stops when the request is cancelled (the client went away).
/// </summary>
[RequireAdmin]
public sealed record ScanModelFolderQuery(string? ScanPath) : IQuery<IReadOnlyList<FoundModelDto>>;

internal sealed partial class ScanModelFolderHandler(
    IAppDbContext db,
    ModelsDirectory directory,
    IModelFileSystem files,
    ModelScanLimits limits,
    ILogger<ScanModelFolderHandler> logger) : IQueryHandler<ScanModelFolderQuery, IReadOnlyList<FoundModelDto>>
{
    /// <summary>InvokeAI's "core" models live here and are never offered for install.</summary>
    private const string CoreModelsDirectory = "core";

    /// <summary>The same text for a missing, empty or non-directory path (a missing parameter reads <c>None</c>, as in Python).</summary>
    public static string CouldNotBeScanned(string? scanPath) => $"The search path '{scanPath ?? "None"}' could not be scanned";

    public static string ScanFailed(string? scanPath) => $"An error occurred while scanning '{scanPath}'";

    public static string TooLarge(string scanPath, ModelScanLimits limits) =>
        $"The search path '{scanPath}' is too large to scan: more than {limits.MaxEntries} entries or {limits.MaxDepth} levels of folders. Scan a folder inside it.";

    public async ValueTask<IReadOnlyList<FoundModelDto>> Handle(ScanModelFolderQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.ScanPath) || query.ScanPath.Contains('\0', StringComparison.Ordinal) || !files.IsDirectory(query.ScanPath))
        {
            throw new BadRequestException(CouldNotBeScanned(query.ScanPath));
        }

        IReadOnlyList<string>? paths;
        try
        {
            paths = files.FindModels(query.ScanPath, limits, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogScanFailed(e, query.ScanPath);
            throw new ServerFailureException(ScanFailed(query.ScanPath));
        }

        if (paths is null)
        {
            throw new BadRequestException(TooLarge(query.ScanPath, limits));
        }

        try
        {
            var installed = (await db.Models.AsNoTracking().ToListAsync(cancellationToken))
                .Select(directory.TryLocate)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            var core = Path.Join(directory.Root, CoreModelsDirectory);
            return paths
                .Select(found => (Found: found, Real: RealPath.Resolve(found)))
                .Where(found => !ModelsDirectory.IsWithin(core, found.Real))
                .Select(found => new FoundModelDto(found.Found, installed.Contains(found.Real)))
                .ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogScanFailed(e, query.ScanPath);
            throw new ServerFailureException(ScanFailed(query.ScanPath));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Error scanning '{ScanPath}' for models")]
    private partial void LogScanFailed(Exception exception, string scanPath);
}
