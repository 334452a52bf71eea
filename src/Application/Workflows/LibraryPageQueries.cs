using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Invoke.Application.Persistence;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Invoke.Application.Workflows;

/// <summary>
/// The library screens' page and count reads (no search term, no tags, no sharing condition) as
/// compiled queries, one per shape: the filter's flags and categories, the order, and whether the
/// caller is an administrator.
/// Each is built once from <see cref="WorkflowLibraryPageSpec"/> itself — so the specification still
/// says what the caller may see — for a stand-in caller whose id is then made the query's parameter;
/// the caller's id and the page's position are the only values that vary between requests. Read on
/// every list request, EF Core's general pipeline (funcletizing the expression, finding it in the
/// query cache) cost as much as the read.
/// </summary>
internal static class LibraryPageQueries
{
    /// <summary>Stands for the caller while a shape is built. Compared by reference: no request's id is this instance.</summary>
    private static readonly string StandInCaller = string.Concat("\0", "the caller of a compiled library query");

    private static readonly ConcurrentDictionary<Shape, CompiledQuery<Func<DbContext, string, int, int, IAsyncEnumerable<WorkflowRecordListItemWithThumbnailDto>>>> Pages = new();

    private static readonly ConcurrentDictionary<Shape, CompiledQuery<Func<DbContext, string, CancellationToken, Task<int>>>> Counts = new();

    /// <summary>
    /// Whether the filter is one these queries read: no search term, no tags, and no sharing
    /// condition. A compiled query writes the filter's values into its SQL, and a fixed
    /// <c>is_public</c> becomes a bare column test that SQLite does not match to the index of shared
    /// workflows by name (its <c>is_public = @p</c> does): those views stay on the general path.
    /// </summary>
    public static bool Cover(WorkflowFilter filter) =>
        filter.Tags is not { Count: > 0 } && string.IsNullOrWhiteSpace(filter.Query) && filter.IsPublic is null;

    public static async Task<List<WorkflowRecordListItemWithThumbnailDto>> PageAsync(
        IAppDbContext db, Actor actor, WorkflowFilter filter, WorkflowOrderBy orderBy, SortDirection direction, int skip, int take,
        CancellationToken cancellationToken)
    {
        var context = db.AsDbContext();
        var shape = Shape.Of(actor, filter, orderBy, direction);
        var page = Pages.GetOrAdd(shape, static s => new(c => CompilePage(c, s))).For(context);
        var rows = new List<WorkflowRecordListItemWithThumbnailDto>(Math.Min(take, 100));
        await foreach (var row in page(context, actor.UserId, skip, take).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static Task<int> CountAsync(IAppDbContext db, Actor actor, WorkflowFilter filter, CancellationToken cancellationToken)
    {
        var context = db.AsDbContext();
        var shape = Shape.Of(actor, filter, WorkflowOrderBy.Name, SortDirection.Ascending);
        var count = Counts.GetOrAdd(shape, static s => new(c => CompileCount(c, s))).For(context);
        return count(context, actor.UserId, cancellationToken);
    }

    private static Func<DbContext, string, int, int, IAsyncEnumerable<WorkflowRecordListItemWithThumbnailDto>> CompilePage(DbContext context, Shape shape)
    {
        var query = new Parameters();
        var skip = Expression.Parameter(typeof(int), "skip");
        var take = Expression.Parameter(typeof(int), "take");
        var spec = new WorkflowLibraryPageSpec(shape.StandIn, shape.Filter, shape.OrderBy, shape.Direction, 0, perPage: null);
        var ordered = query.Parameterize(shape, context.Set<Workflow>().AsNoTracking().WithSpecification(spec).Expression);
        var paged = Expression.Call(Take, Expression.Call(Skip, ordered, skip), take);
        var body = Expression.Call(Select, paged, Expression.Quote(WorkflowMapping.ListItem));
        return EF.CompileAsyncQuery(Expression.Lambda<Func<DbContext, string, int, int, IQueryable<WorkflowRecordListItemWithThumbnailDto>>>(
            body, query.Db, query.UserId, skip, take));
    }

    private static Func<DbContext, string, CancellationToken, Task<int>> CompileCount(DbContext context, Shape shape)
    {
        var query = new Parameters();
        var cancellation = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        var spec = new WorkflowLibraryPageSpec(shape.StandIn, shape.Filter, shape.OrderBy, shape.Direction, 0, perPage: null);
        var body = Expression.Call(Count, query.Parameterize(shape, context.Set<Workflow>().WhereSatisfies(spec).Expression));
        return EF.CompileAsyncQuery(Expression.Lambda<Func<DbContext, string, CancellationToken, int>>(body, query.Db, query.UserId, cancellation));
    }

    /// <summary>
    /// Turns the specification's query into the body of a compiled query: its workflows are the
    /// context parameter's and the stand-in caller's id is the <see cref="UserId"/> parameter. The
    /// filter's other values, fixed by the shape, are written into the SQL as EF Core does for a
    /// compiled query's captured values.
    /// </summary>
    private sealed class Parameters : ExpressionVisitor
    {
        private bool _readsCaller;

        public ParameterExpression Db { get; } = Expression.Parameter(typeof(DbContext), "db");

        public ParameterExpression UserId { get; } = Expression.Parameter(typeof(string), "userId");

        /// <summary>
        /// Refuses a query in which the stand-in is left, or, for a view the scoping rule narrows to
        /// the caller, one that does not read the caller's id.
        /// </summary>
        public Expression Parameterize(Shape shape, Expression query)
        {
            var result = Visit(query);
            if (shape.Filter.IsScopedFor(shape.StandIn) != _readsCaller)
            {
                throw new InvalidOperationException($"The compiled library query for {shape} does not read the caller's id as its scoping rule says.");
            }

            return result;
        }

        protected override Expression VisitExtension(Expression node) =>
            node is EntityQueryRootExpression root
                ? Expression.Call(Db, SetOf.MakeGenericMethod(root.EntityType.ClrType))
                : base.VisitExtension(node);

        protected override Expression VisitMember(MemberExpression node)
        {
            // A closure's variable: the specification captured the caller's id in one.
            if (node.Expression is ConstantExpression { Value: { } closure } && node.Member is FieldInfo field
                && field.FieldType == typeof(string) && ReferenceEquals(field.GetValue(closure), StandInCaller))
            {
                _readsCaller = true;
                return UserId;
            }

            return base.VisitMember(node);
        }
    }

    /// <summary>Everything but the caller's id and the page's position that decides the SQL.</summary>
    private sealed record Shape(
        bool IsAdmin,
        string Categories,
        bool? HasBeenOpened,
        bool? IsCallable,
        WorkflowOrderBy OrderBy,
        SortDirection Direction)
    {
        public Actor StandIn => new(StandInCaller, IsAdmin);

        public WorkflowFilter Filter => new(
            Categories.Length == 0 ? null : [.. Categories.Split(',').Select(Enum.Parse<WorkflowCategory>)],
            Tags: null,
            Query: null,
            HasBeenOpened,
            IsPublic: null,
            IsCallable);

        public static Shape Of(Actor actor, WorkflowFilter filter, WorkflowOrderBy orderBy, SortDirection direction)
        {
            if (!Cover(filter))
            {
                throw new ArgumentException("A compiled library query reads no search term, no tags and no sharing condition.", nameof(filter));
            }

            // An empty list of categories filters as none does (every rule asks for a non-empty one).
            var categories = filter.Categories is { Count: > 0 } some
                ? string.Join(',', some.Distinct().Order().Select(c => c.ToString()))
                : string.Empty;
            return new Shape(actor.IsAdmin, categories, filter.HasBeenOpened, filter.IsCallable, orderBy, direction);
        }
    }

    private static readonly MethodInfo SetOf = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)
        ?? throw new InvalidOperationException("DbContext.Set<T>() is missing.");

    private static readonly MethodInfo Skip = QueryableMethod(nameof(Queryable.Skip), typeof(Workflow), p => p[1].ParameterType == typeof(int));

    private static readonly MethodInfo Take = QueryableMethod(nameof(Queryable.Take), typeof(Workflow), p => p[1].ParameterType == typeof(int));

    private static readonly MethodInfo Count = QueryableMethod(nameof(Queryable.Count), typeof(Workflow), p => p.Length == 1);

    private static readonly MethodInfo Select = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Select) && m.GetParameters()[1].ParameterType.GetGenericArguments()[0].GetGenericArguments().Length == 2)
        .MakeGenericMethod(typeof(Workflow), typeof(WorkflowRecordListItemWithThumbnailDto));

    private static MethodInfo QueryableMethod(string name, Type element, Func<ParameterInfo[], bool> overload) =>
        typeof(Queryable).GetMethods().Single(m => m.Name == name && overload(m.GetParameters())).MakeGenericMethod(element);
}
