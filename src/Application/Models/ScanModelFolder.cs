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
/// a failure during the walk is a 500 whose text names only the folder.
/// </summary>
[RequireAdmin]
public sealed record ScanModelFolderQuery(string? ScanPath) : IQuery<IReadOnlyList<FoundModelDto>>;

internal sealed partial class ScanModelFolderHandler(
    IAppDbContext db,
    ModelsDirectory directory,
    IModelFileSystem files,
    ILogger<ScanModelFolderHandler> logger) : IQueryHandler<ScanModelFolderQuery, IReadOnlyList<FoundModelDto>>
{
    /// <summary>InvokeAI's "core" models live here and are never offered for install.</summary>
    private const string CoreModelsDirectory = "core";

    /// <summary>The same text for a missing, empty or non-directory path (a missing parameter reads <c>None</c>, as in Python).</summary>
    public static string CouldNotBeScanned(string? scanPath) => $"The search path '{scanPath ?? "None"}' could not be scanned";

    public static string ScanFailed(string? scanPath) => $"An error occurred while scanning '{scanPath}'";

    public async ValueTask<IReadOnlyList<FoundModelDto>> Handle(ScanModelFolderQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.ScanPath) || query.ScanPath.Contains('\0', StringComparison.Ordinal) || !files.IsDirectory(query.ScanPath))
        {
            throw new BadRequestException(CouldNotBeScanned(query.ScanPath));
        }

        try
        {
            var installed = (await db.Models.AsNoTracking().ToListAsync(cancellationToken))
                .Select(directory.TryLocate)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            var core = Path.Join(directory.Root, CoreModelsDirectory);
            return files.FindModels(query.ScanPath)
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
