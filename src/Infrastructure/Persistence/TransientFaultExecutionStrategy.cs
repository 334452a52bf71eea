using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invoke.Infrastructure.Persistence;

/// <summary>
/// Retries an operation that failed for a transient reason (<see cref="DatabaseFaults.IsTransient"/>)
/// a bounded number of times, on every provider. Retrying is only safe for a whole unit of work:
/// inside a transaction opened outside the strategy (the user-administration lock) an operation runs
/// once, and a transient failure surfaces — as a 503 — instead of EF's refusal of such transactions.
/// Code that opens its own transaction runs it inside <c>strategy.ExecuteAsync</c> and commits with <see cref="CommitAsync"/>.
/// </summary>
internal sealed class TransientFaultExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount)
    : ExecutionStrategy(dependencies, maxRetryCount, MaxDelay)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private bool _insideOuterTransaction;

    /// <summary>
    /// False, although the strategy retries: EF Core reads this only to decide whether to buffer
    /// every query's whole result before handing out its first row (so that a failure while reading
    /// could be retried), and to refuse transactions opened outside the strategy, which
    /// <see cref="OnFirstExecution"/> handles. Retrying is decided by <see cref="ShouldRetryOn"/>.
    /// Buffering copied every list page once more (a tenth of a list request's CPU); unbuffered, a
    /// failure while executing a query is still retried, and one after its first row was read (the
    /// connection breaking mid-result) is answered 503 instead.
    /// </summary>
    public override bool RetriesOnFailure => false;

    protected override void OnFirstExecution()
    {
        _insideOuterTransaction = Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;
        if (_insideOuterTransaction)
        {
            ExceptionsEncountered.Clear();
            return;
        }

        base.OnFirstExecution();
    }

    /// <summary>
    /// Runs the operation, and turns a use of a connection that a failure broke underneath it (a
    /// broken keep-alive, the server terminating the session between two statements) into a
    /// <see cref="DatabaseConnectionLostException"/>: the provider reports that only as "the
    /// transaction is already completed", but nothing of the operation can have been committed.
    /// </summary>
    public override Task<TResult> ExecuteAsync<TState, TResult>(
        TState state,
        Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return base.ExecuteAsync(
            (Operation: operation, State: state),
            async (context, wrapped, ct) =>
            {
                try
                {
                    return await wrapped.Operation(context, wrapped.State, ct);
                }
                catch (InvalidOperationException e) when (context.Database.GetDbConnection().State != ConnectionState.Open)
                {
                    throw new DatabaseConnectionLostException(e);
                }
            },
            verifySucceeded is null ? null : (context, wrapped, ct) => verifySucceeded(context, wrapped.State, ct),
            cancellationToken);
    }

    protected override bool ShouldRetryOn(Exception exception) =>
        !_insideOuterTransaction && DatabaseFaults.IsTransient(exception);

    /// <summary>
    /// Commits a transaction opened inside <c>strategy.ExecuteAsync</c>. When the connection to a
    /// database server fails during the commit, whether the server applied it is unknown: that is
    /// never retried, and reported as <see cref="DatabaseCommitUnknownException"/> (answered 503).
    /// A commit the database refused (a full disk; any SQLite failure, which rolls back) keeps its cause.
    /// </summary>
    public static async Task CommitAsync(DatabaseFacade database, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (!database.IsSqlite() && DatabaseFaults.Classify(e)?.Kind is DatabaseFaultKind.Transient or DatabaseFaultKind.Unavailable)
        {
            throw new DatabaseCommitUnknownException(e);
        }
    }
}

/// <summary>The database failed while committing: the change may or may not have been applied.</summary>
public sealed class DatabaseCommitUnknownException(Exception inner)
    : Exception("The database failed while committing; the change may or may not have been saved.", inner);

/// <summary>
/// The connection broke before the operation's statement was sent, or before its transaction was
/// committed: nothing of it took effect, and trying again on a new connection is safe.
/// </summary>
public sealed class DatabaseConnectionLostException(Exception inner)
    : Exception("The connection to the database was lost before the change was committed; nothing was saved.", inner);
