using System.Linq.Expressions;
using Ardalis.Specification;
using Invoke.Domain.Users;

namespace Invoke.Domain.Workflows.Specifications;

/// <summary>The library's filters as reusable specification steps.</summary>
public static class WorkflowSpecExtensions
{
    /// <summary>
    /// The library scoping rule: a regular user looking at user workflows (or at everything) sees
    /// their own workflows and the defaults, unless they explicitly ask for shared workflows.
    /// Administrators see every library.
    /// </summary>
    public static ISpecificationBuilder<Workflow> InLibraryOf(
        this ISpecificationBuilder<Workflow> query, Actor actor, WorkflowFilter filter)
    {
        if (!filter.IsScopedFor(actor))
        {
            return query;
        }

        // Written so that each branch matches an index that starts with the owner (or the category).
        var userId = actor.UserId;
        if (filter.Categories is { Count: > 0 } categories && !categories.Contains(WorkflowCategory.Default))
        {
            query.Where(w => w.OwnerId == userId);
        }
        else
        {
            query.Where(w => (w.OwnerId == userId && w.Category == WorkflowCategory.User) || w.Category == WorkflowCategory.Default);
        }

        return query;
    }

    /// <summary>
    /// Whether the scoping rule narrows this filter to the actor's own workflows and the defaults.
    /// Fails closed: a regular user is left unscoped only by a filter that by itself admits nothing
    /// private of anyone else's — shared workflows only, or a non-empty list of categories without
    /// the user category. Any other filter (no categories, an empty list, odd values) is scoped.
    /// </summary>
    public static bool IsScopedFor(this WorkflowFilter filter, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsAdmin || filter.IsPublic == true)
        {
            return false;
        }

        var onlyNonUserCategories = filter.Categories is { Count: > 0 } categories && categories.All(c => c != WorkflowCategory.User);
        return !onlyNonUserCategories;
    }

    /// <summary>
    /// The filter as <paramref name="actor"/>'s library view: the scoping rule, then the other
    /// conditions. A category condition the scoping already implies is left out: databases pick
    /// their index from the conditions they see, and a redundant <c>category IN (…)</c> leads SQLite
    /// to walk every user's workflows instead of the caller's own.
    /// </summary>
    public static ISpecificationBuilder<Workflow> ViewedBy(this ISpecificationBuilder<Workflow> query, Actor actor, WorkflowFilter filter)
    {
        var categoriesImplied = filter.IsScopedFor(actor) && filter.Categories is { } categories && categories.Contains(WorkflowCategory.Default);
        return query.InLibraryOf(actor, filter).Matching(categoriesImplied ? filter with { Categories = null } : filter);
    }

    /// <summary>Every condition of the filter except scoping.</summary>
    public static ISpecificationBuilder<Workflow> Matching(this ISpecificationBuilder<Workflow> query, WorkflowFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Categories is { Count: > 0 } categories)
        {
            query.InCategories(categories);
        }

        if (filter.Tags is { Count: > 0 } tags)
        {
            query.TaggedWithAny(tags);
        }

        var term = filter.Query?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            var folded = WorkflowSearch.Fold(term);
            query.Where(WorkflowSearch.CanMatch(folded) ? w => w.SearchText.Contains(folded) : w => false);
        }

        if (filter.HasBeenOpened is { } opened)
        {
            query.Where(opened ? w => w.OpenedAt != null : w => w.OpenedAt == null);
        }

        if (filter.IsPublic is { } isPublic)
        {
            query.Where(w => w.IsPublic == isPublic);
        }

        if (filter.IsCallable is { } callable)
        {
            query.Where(callable ? w => w.WorkflowReturnNodeCount == 1 : w => w.WorkflowReturnNodeCount != 1);
        }

        return query;
    }

    public static ISpecificationBuilder<Workflow> InCategories(
        this ISpecificationBuilder<Workflow> query, IReadOnlyCollection<WorkflowCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var distinct = categories.Distinct().ToArray();
        if (distinct.Length == 1)
        {
            var only = distinct[0];
            query.Where(w => w.Category == only);
        }
        else if (distinct.Length > 1)
        {
            query.Where(AnyOf(distinct.Select(c => (Expression<Func<Workflow, bool>>)(w => w.Category == c))));
        }

        return query;
    }

    /// <summary>Rows whose tags contain any of the given tags (trimmed) as a substring.</summary>
    public static ISpecificationBuilder<Workflow> TaggedWithAny(
        this ISpecificationBuilder<Workflow> query, IEnumerable<string> tags)
    {
        var folded = tags.Select(tag => WorkflowSearch.Fold(tag.Trim())).Distinct(StringComparer.Ordinal).ToArray();
        if (folded.Length > 0)
        {
            // With no tag that can match, AnyOf of nothing is false: the filter still applies.
            query.Where(AnyOf(folded.Where(WorkflowSearch.CanMatch)
                .Select(tag => (Expression<Func<Workflow, bool>>)(w => w.TagSearchText.Contains(tag)))));
        }

        return query;
    }

    public static ISpecificationBuilder<Workflow> OrderedBy(
        this ISpecificationBuilder<Workflow> query, WorkflowOrderBy orderBy, SortDirection direction)
    {
        var ascending = direction == SortDirection.Ascending;
        var ordered = orderBy switch
        {
            WorkflowOrderBy.CreatedAt => ascending ? query.OrderBy(w => w.CreatedAt) : query.OrderByDescending(w => w.CreatedAt),
            WorkflowOrderBy.UpdatedAt => ascending ? query.OrderBy(w => w.UpdatedAt) : query.OrderByDescending(w => w.UpdatedAt),
            WorkflowOrderBy.OpenedAt => ascending ? query.OrderBy(w => w.OpenedOrder) : query.OrderByDescending(w => w.OpenedOrder),
            WorkflowOrderBy.Name => ascending ? query.OrderBy(w => w.Name) : query.OrderByDescending(w => w.Name),
            WorkflowOrderBy.IsPublic => ascending ? query.OrderBy(w => w.IsPublic) : query.OrderByDescending(w => w.IsPublic),
            _ => throw new ArgumentOutOfRangeException(nameof(orderBy), orderBy, null),
        };

        // The id breaks ties so that pages never repeat or skip rows.
        _ = ascending ? ordered.ThenBy(w => w.Id) : ordered.ThenByDescending(w => w.Id);
        return query;
    }

    private static Expression<Func<Workflow, bool>> AnyOf(IEnumerable<Expression<Func<Workflow, bool>>> predicates)
    {
        var parameter = Expression.Parameter(typeof(Workflow), "w");
        Expression? body = null;
        foreach (var predicate in predicates)
        {
            var rebound = new ParameterRebinder(predicate.Parameters[0], parameter).Visit(predicate.Body);
            body = body is null ? rebound : Expression.OrElse(body, rebound);
        }

        return Expression.Lambda<Func<Workflow, bool>>(body ?? Expression.Constant(false), parameter);
    }

    private sealed class ParameterRebinder(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
