using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Workflows;
using Invoke.Domain.Models;
using Invoke.Domain.Models.Specifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Models;

/// <summary>
/// Registered models whose files are gone from disk (external API models have none). Open to every
/// user: the UI subtracts these from the model list to build its pickers.
/// </summary>
[RequireUser]
public sealed record ListMissingModelsQuery : IQuery<ModelsListDto>;

internal sealed class ListMissingModelsHandler(IAppDbContext db, ModelsDirectory directory)
    : IQueryHandler<ListMissingModelsQuery, ModelsListDto>
{
    public async ValueTask<ModelsListDto> Handle(ListMissingModelsQuery query, CancellationToken cancellationToken)
    {
        var models = await db.Models.AsNoTracking().WithSpecification(new ModelsMatchingSpec(ModelFilter.None)).ToListAsync(cancellationToken);
        return new ModelsListDto(models
            .Where(model => model.HasFiles && !(directory.TryLocate(model) is { } location && Path.Exists(location)))
            .Select(model => new RawJson(ModelConfigKinds.Complete(model.Config)))
            .ToList());
    }
}
