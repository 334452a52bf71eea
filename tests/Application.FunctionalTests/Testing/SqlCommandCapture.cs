using System.Data;
using System.Data.Common;
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
/// Records the SQL that EF Core sends in the current async flow while a capture runs, so that a test
/// can look at exactly what a handler asked the database.
/// </summary>
public static class SqlCommandCapture
{
    /// <summary>Runs <paramref name="action"/> and returns every command it sent.</summary>
    public static async Task<IReadOnlyList<CapturedCommand>> CaptureAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var commands = new List<CapturedCommand>();
        await EfCoreEvents.ObserveAsync(
            async () =>
            {
                await action();
                return commands;
            },
            (name, payload) =>
            {
                if (name != RelationalEventId.CommandExecuting.Name || payload is not CommandEventData data)
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
            });

        lock (commands)
        {
            return [.. commands];
        }
    }
}
