using Ardalis.Specification;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Domain.Models.Specifications;

/// <summary>Models matching a filter, in the requested order, the key breaking ties.</summary>
public sealed class ModelsMatchingSpec : Specification<Model>
{
    public ModelsMatchingSpec(ModelFilter filter, ModelOrderBy orderBy = ModelOrderBy.Default, SortDirection direction = SortDirection.Ascending)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Base is { } modelBase)
        {
            Query.Where(m => m.Base == modelBase);
        }

        if (filter.Type is { } type)
        {
            Query.Where(m => m.Type == type);
        }

        if (filter.Name is { } name)
        {
            Query.Where(m => m.Name == name);
        }

        if (filter.Format is { } format)
        {
            Query.Where(m => m.Format == format);
        }

        if (filter.Hash is { } hash)
        {
            Query.Where(m => m.Hash == hash);
        }

        var ascending = direction == SortDirection.Ascending;
        var ordered = orderBy switch
        {
            ModelOrderBy.Default => ascending
                ? Query.OrderBy(m => m.Type).ThenBy(m => m.Base).ThenBy(m => m.Name).ThenBy(m => m.Format)
                : Query.OrderByDescending(m => m.Type).ThenByDescending(m => m.Base).ThenByDescending(m => m.Name).ThenByDescending(m => m.Format),
            ModelOrderBy.Type => ascending ? Query.OrderBy(m => m.Type) : Query.OrderByDescending(m => m.Type),
            ModelOrderBy.Base => ascending ? Query.OrderBy(m => m.Base) : Query.OrderByDescending(m => m.Base),
            ModelOrderBy.Name => ascending ? Query.OrderBy(m => m.Name) : Query.OrderByDescending(m => m.Name),
            ModelOrderBy.Format => ascending ? Query.OrderBy(m => m.Format) : Query.OrderByDescending(m => m.Format),
            ModelOrderBy.Size => ascending ? Query.OrderBy(m => m.FileSize) : Query.OrderByDescending(m => m.FileSize),
            ModelOrderBy.CreatedAt => ascending ? Query.OrderBy(m => m.CreatedAt) : Query.OrderByDescending(m => m.CreatedAt),
            ModelOrderBy.UpdatedAt => ascending ? Query.OrderBy(m => m.UpdatedAt) : Query.OrderByDescending(m => m.UpdatedAt),
            ModelOrderBy.Path => ascending ? Query.OrderBy(m => m.Path) : Query.OrderByDescending(m => m.Path),
            _ => throw new ArgumentOutOfRangeException(nameof(orderBy), orderBy, null),
        };
        _ = ascending ? ordered.ThenBy(m => m.Key) : ordered.ThenByDescending(m => m.Key);
    }
}
