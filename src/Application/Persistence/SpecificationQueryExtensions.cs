using Ardalis.Specification;

namespace Invoke.Application.Persistence;

/// <summary>Applies a specification's filter, order and paging to a query the database translates.</summary>
public static class SpecificationQueryExtensions
{
    public static IQueryable<T> WithSpecification<T>(this IQueryable<T> source, ISpecification<T> specification)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(specification);
        var query = WhereEvaluator.Instance.GetQuery(source, specification);
        query = OrderEvaluator.Instance.GetQuery(query, specification);
        return PaginationEvaluator.Instance.GetQuery(query, specification);
    }

    /// <summary>Only the filter: for counting the rows a paged query draws from.</summary>
    public static IQueryable<T> WhereSatisfies<T>(this IQueryable<T> source, ISpecification<T> specification)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(specification);
        return WhereEvaluator.Instance.GetQuery(source, specification);
    }
}
