using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Models;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Models;

/// <summary>"Sync models": weights files under the models directory that no registered model accounts for.</summary>
[RequireAdmin]
public sealed record ListOrphanedModelsQuery : IQuery<IReadOnlyList<OrphanedModelInfoDto>>;

internal sealed class ListOrphanedModelsHandler(IAppDbContext db, ModelsDirectory directory, IModelFileSystem files)
    : IQueryHandler<ListOrphanedModelsQuery, IReadOnlyList<OrphanedModelInfoDto>>
{
    public async ValueTask<IReadOnlyList<OrphanedModelInfoDto>> Handle(ListOrphanedModelsQuery query, CancellationToken cancellationToken)
    {
        var registered = (await db.Models.AsNoTracking().ToListAsync(cancellationToken))
            .Select(directory.TryLocate)
            .OfType<string>();
        return OrphanedModels.Find(directory, registered, files.FindModelFiles(directory))
            .Select(orphan => new OrphanedModelInfoDto(orphan.Path, orphan.AbsolutePath, orphan.Files, orphan.SizeBytes))
            .ToList();
    }
}
