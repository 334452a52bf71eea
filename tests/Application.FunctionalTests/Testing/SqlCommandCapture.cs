using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>A SQL command as EF Core sent it: the text and its parameters' values.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<CapturedParameter> Parameters)
{
    /// <summary>A new command on <paramref name="connection"/>: <paramref name="prefix"/> followed by this SQL, with the same parameters.</summary>
    public DbCommand Recreate(DbConnection connection, string prefix)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is EF Core's own, captured from the handler.
        command.CommandText = prefix + Sql;
#pragma warning restore CA2100
        foreach (var parameter in Parameters)
        {
            var copy = command.CreateParameter();
            copy.ParameterName = parameter.Name;
            copy.DbType = parameter.DbType;
            copy.Value = parameter.Value ?? DBNull.Value;
            command.Parameters.Add(copy);
        }

        return command;
    }
}

public sealed record CapturedParameter(string Name, DbType DbType, object? Value);

/// <summary>
/// Records the SQL that EF Core sends while a capture is active in the current async flow, so that a
/// test can look at exactly what a handler asked the database (through EF Core's diagnostic events,
/// without changing the server's services).
/// </summary>
public sealed class SqlCommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly AsyncLocal<List<CapturedCommand>?> Active = new();

    private readonly List<IDisposable> _subscriptions = [];

    public SqlCommandCapture()
    {
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    /// <summary>Runs <paramref name="action"/> and returns every command it sent.</summary>
    public static async Task<IReadOnlyList<CapturedCommand>> CaptureAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var capture = new SqlCommandCapture();
        var commands = new List<CapturedCommand>();
        Active.Value = commands;
        try
        {
            await action();
        }
        finally
        {
            Active.Value = null;
        }

        lock (commands)
        {
            return [.. commands];
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RelationalEventId.CommandExecuting.Name || value.Value is not CommandEventData data || Active.Value is not { } commands)
        {
            return;
        }

        var parameters = data.Command.Parameters.Cast<DbParameter>()
            .Select(p => new CapturedParameter(p.ParameterName, p.DbType, p.Value is DBNull ? null : p.Value))
            .ToList();
        lock (commands)
        {
            commands.Add(new CapturedCommand(data.Command.CommandText, parameters));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }
}
