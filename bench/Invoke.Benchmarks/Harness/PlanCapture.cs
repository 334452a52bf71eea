using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invoke.Benchmarks.Harness;

/// <summary>A statement EF Core sent, and the database's plan for it.</summary>
public sealed record QueryPlan(string Sql, string Plan);

/// <summary>
/// Records the SQL EF Core sends while a case runs once (through EF Core's diagnostic events, so the
/// application's configuration is untouched), then asks the database for each SELECT's plan:
/// <c>EXPLAIN QUERY PLAN</c> on SQLite, <c>EXPLAIN (ANALYZE, BUFFERS)</c> on PostgreSQL.
/// </summary>
public sealed class PlanCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<(string Sql, List<(string Name, object? Value)> Parameters)> _commands = [];
    private bool _recording;

    public PlanCapture()
    {
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public void Start()
    {
        lock (_commands)
        {
            _commands.Clear();
            _recording = true;
        }
    }

    public async Task<List<QueryPlan>> StopAndExplainAsync(Floor floor)
    {
        ArgumentNullException.ThrowIfNull(floor);
        List<(string Sql, List<(string Name, object? Value)> Parameters)> commands;
        lock (_commands)
        {
            _recording = false;
            commands = [.. _commands];
        }

        var plans = new List<QueryPlan>();
        foreach (var (sql, parameters) in commands.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
        {
            plans.Add(new QueryPlan(sql, await ExplainAsync(floor, sql, parameters)));
        }

        return plans;
    }

    public static async Task<string> ExplainAsync(Floor floor, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(floor);
        await using var connection = await floor.OpenAsync();
        await using var command = Floor.Command(
            connection,
            (floor.IsSqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + sql,
            parameters.ToDictionary(p => p.Name, p => p.Value));
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new StringBuilder();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(floor.IsSqlite ? $"{reader.GetValue(1)}>{reader.GetValue(0)} {reader.GetValue(3)}" : reader.GetString(0));
        }

        return floor.IsSqlite ? IndentSqlitePlan(plan.ToString()) : plan.ToString().TrimEnd();
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RelationalEventId.CommandExecuting.Name || value.Value is not CommandEventData data)
        {
            return;
        }

        lock (_commands)
        {
            if (_recording)
            {
                _commands.Add((data.Command.CommandText, data.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    /// <summary>SQLite gives (id, parent, detail) rows; show them as an indented tree.</summary>
    private static string IndentSqlitePlan(string rows)
    {
        var depth = new Dictionary<string, int> { ["0"] = -1 };
        var output = new StringBuilder();
        foreach (var line in rows.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var arrow = line.IndexOf('>', StringComparison.Ordinal);
            var space = line.IndexOf(' ', arrow);
            var parent = line[..arrow];
            var id = line[(arrow + 1)..space];
            var level = depth.GetValueOrDefault(parent, -1) + 1;
            depth[id] = level;
            output.Append(' ', level * 2).AppendLine(line[(space + 1)..].TrimEnd());
        }

        return output.ToString().TrimEnd();
    }
}
