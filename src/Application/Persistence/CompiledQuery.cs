using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Invoke.Application.Persistence;

/// <summary>
/// A query EF Core compiles once instead of on every call, for the reads made on every request,
/// where EF's general pipeline (building the expression, funcletizing it, finding it in the query
/// cache) costs as much as the read. A compiled query is bound to the model it first ran against,
/// so it is compiled once per model: one per database provider. <c>compile</c> is given the context
/// the query is first needed for (a query built from its model and provider); it is not kept.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<DbContext, TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _byModel.GetOrAdd(context.Model, static (_, state) => state.Compile(state.Context), (Compile: compile, Context: context));
    }
}

public static class DbContextAccess
{
    /// <summary>The application's context as the EF Core context it is, for compiled queries.</summary>
    public static DbContext AsDbContext(this IAppDbContext db) =>
        db as DbContext ?? throw new InvalidOperationException("The application's database context is an EF Core DbContext.");
}
