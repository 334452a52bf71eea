using System.Data.Common;
using System.Globalization;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Persistence;
using Invoke.Infrastructure.Persistence.Configurations;
using Invoke.Infrastructure.Persistence.Providers;
using Invoke.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invoke.Infrastructure.Import;

/// <summary>
/// New workflows written on SQLite with two prepared statements per row instead of EF Core's
/// per-entity commands (EF Core does not batch on SQLite): the columns, type mappings and value
/// converters are read from the EF model, so the rows hold exactly what <c>SaveChanges</c> writes,
/// whatever columns later migrations add. The library counts are added up here and move once, at
/// the end, in the same transaction, as <see cref="AppDbContext.SaveChangesAsync(bool, CancellationToken)"/>
/// would have moved them row by row.
/// <para>
/// In bulk (many rows), the secondary indexes of both tables and the full-text table with its
/// triggers are dropped before the first row and built again by <see cref="FinishAsync"/>: the
/// indexes from the definitions the migrations left in <c>sqlite_master</c>, the full-text table
/// from <see cref="SqliteFullTextSearch"/> (which ends with a rebuild from every row). All of it
/// happens inside the import's transaction, so a failed import leaves the schema as it was.
/// </para>
/// </summary>
internal sealed class SqliteWorkflowRowWriter : IAsyncDisposable
{
    /// <summary>
    /// The page cache of the import's connection while it writes in bulk (256 MiB, as a negative
    /// number of KiB): the index builds sort in it and fewer pages spill to the WAL before the commit.
    /// The connection's own size is set back at the end, since the connection goes back to the pool.
    /// </summary>
    private const int BulkCacheSize = -262144;

    private readonly AppDbContext _db;
    private readonly DbCommand _row;
    private readonly DbCommand _document;
    private readonly List<(IProperty Property, RelationalTypeMapping Mapping, DbParameter Parameter)> _columns = [];
    private readonly (IProperty Property, RelationalTypeMapping Mapping, DbParameter Parameter) _documentColumn;
    private readonly DbParameter _rowKey;
    private readonly DbParameter _documentKey;
    private readonly Dictionary<(string, bool, bool), long> _counts = [];
    private readonly List<string> _droppedIndexes;
    private readonly bool _bulk;
    private readonly long _previousCacheSize;
    private long _nextKey;
    private bool _cacheSizeRestored;

    private SqliteWorkflowRowWriter(AppDbContext db, long nextKey, bool bulk, List<string> droppedIndexes, long previousCacheSize)
    {
        _previousCacheSize = previousCacheSize;
        _db = db;
        _nextKey = nextKey;
        _bulk = bulk;
        _droppedIndexes = droppedIndexes;
        var entity = db.Model.FindEntityType(typeof(Workflow)) ?? throw new InvalidOperationException("Workflow is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var documents = StoreObjectIdentifier.Table(entity.GetMappingFragments().Single().StoreObject.Name, entity.GetSchema());
        var key = entity.FindProperty(WorkflowConfiguration.RowId)!;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The rows are written inside the import's transaction.");

        _row = connection.CreateCommand();
        _row.Transaction = transaction;
        _rowKey = AddKey(_row);
        var names = new List<string>();
        foreach (var property in entity.GetProperties().Where(p => p != key && !p.IsShadowProperty() && p.GetColumnName(table) is not null))
        {
            var mapping = property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(_row, "$c" + names.Count, null, property.IsNullable);
            _row.Parameters.Add(parameter);
            _columns.Add((property, mapping, parameter));
            names.Add(property.GetColumnName(table)!);
        }

        _row.CommandText =
            $"INSERT INTO {table.Name} ({key.GetColumnName(table)}, {string.Join(", ", names)}) VALUES ($key, {string.Join(", ", names.Select((_, i) => "$c" + i))})";

        _document = connection.CreateCommand();
        _document.Transaction = transaction;
        _documentKey = AddKey(_document);
        var document = entity.GetProperties().Single(p => p != key && p.GetColumnName(documents) is not null);
        var documentMapping = document.GetRelationalTypeMapping();
        var documentParameter = documentMapping.CreateParameter(_document, "$doc", null, nullable: false);
        _document.Parameters.Add(documentParameter);
        _documentColumn = (document, documentMapping, documentParameter);
        _document.CommandText = $"INSERT INTO {documents.Name} ({key.GetColumnName(documents)}, {document.GetColumnName(documents)}) VALUES ($key, $doc)";
        _row.Prepare();
        _document.Prepare();
    }

    /// <summary>
    /// A writer inside the current transaction, which holds SQLite's write lock, so no other writer
    /// takes a key meanwhile. With <paramref name="bulk"/> it first drops the indexes and the
    /// full-text table; <see cref="FinishAsync"/> must then run before the transaction commits.
    /// </summary>
    public static async Task<SqliteWorkflowRowWriter> CreateAsync(AppDbContext db, bool bulk, CancellationToken cancellationToken)
    {
        var last = await db.Workflows.MaxAsync(w => (long?)EF.Property<long>(w, WorkflowConfiguration.RowId), cancellationToken) ?? 0;
        var dropped = new List<string>();
        long previousCacheSize = 0;
        if (bulk)
        {
            var indexes = new List<(string Name, string Definition)>();
            await using (var read = CreateCommand(db,
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ($table, $documents) ORDER BY name"))
            {
                AddParameter(read, "$table", WorkflowConfiguration.TableName);
                AddParameter(read, "$documents", WorkflowConfiguration.DocumentTableName);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    indexes.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (name, definition) in indexes)
            {
                await ExecuteAsync(db, $"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken);
                dropped.Add(definition);
            }

            await ExecuteAsync(db, SqliteFullTextSearch.Drop, cancellationToken);
            await using var cacheSize = CreateCommand(db, "PRAGMA cache_size");
            previousCacheSize = Convert.ToInt64(await cacheSize.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            await ExecuteAsync(db, $"PRAGMA cache_size = {BulkCacheSize}", cancellationToken);
        }

        return new SqliteWorkflowRowWriter(db, last + 1, bulk, dropped, previousCacheSize);
    }

    public async Task AddAsync(Workflow workflow, CancellationToken cancellationToken)
    {
        var key = _nextKey++;
        _rowKey.Value = key;
        foreach (var (property, mapping, parameter) in _columns)
        {
            parameter.Value = ProviderValue(property, mapping, workflow);
        }

        await _row.ExecuteNonQueryAsync(cancellationToken);
        _documentKey.Value = key;
        _documentColumn.Parameter.Value = ProviderValue(_documentColumn.Property, _documentColumn.Mapping, workflow);
        await _document.ExecuteNonQueryAsync(cancellationToken);

        var counter = (workflow.Category.ToWireName(), workflow.IsPublic, workflow.OpenedAt is not null);
        _counts[counter] = _counts.GetValueOrDefault(counter) + 1;
    }

    /// <summary>
    /// Adds the written rows to <c>workflow_library_counts</c>, in the fixed order every save uses,
    /// and in bulk builds the dropped indexes and the full-text table again.
    /// </summary>
    /// <param name="progress">Receives a line with the time the indexes took, in bulk.</param>
    public async Task FinishAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        await FlushCountsAsync(cancellationToken);
        if (!_bulk)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var definition in _droppedIndexes)
        {
            await ExecuteAsync(_db, definition, cancellationToken);
        }

        var indexes = clock.Elapsed;
        await ExecuteAsync(_db, SqliteFullTextSearch.Create, cancellationToken);
        await RestoreCacheSizeAsync(cancellationToken);
        progress($"  workflows: {_droppedIndexes.Count} indexes built again in {indexes.TotalSeconds:F1} s, the search index in {(clock.Elapsed - indexes).TotalSeconds:F1} s");
    }

    private async Task FlushCountsAsync(CancellationToken cancellationToken)
    {
        var upsert = WorkflowCountChanges.UpsertSql(_db.Database);
        foreach (var ((category, isPublic, isOpened), change) in _counts
            .OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2).ThenBy(c => c.Key.Item3))
        {
            await _db.Database.ExecuteSqlRawAsync(upsert, [category, isPublic, isOpened, change], cancellationToken);
        }

        _counts.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        // After a failure too: the connection goes back to the pool.
        await RestoreCacheSizeAsync(CancellationToken.None);
        await _row.DisposeAsync();
        await _document.DisposeAsync();
    }

    private static object ProviderValue(IProperty property, RelationalTypeMapping mapping, Workflow workflow)
    {
        var value = property.GetGetter().GetClrValue(workflow);
        if (value is not null && mapping.Converter is { } converter)
        {
            value = converter.ConvertToProvider(value);
        }

        return value ?? DBNull.Value;
    }

    private async Task RestoreCacheSizeAsync(CancellationToken cancellationToken)
    {
        if (_bulk && !_cacheSizeRestored)
        {
            _cacheSizeRestored = true;
            await using var command = _db.Database.GetDbConnection().CreateCommand();
            command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"PRAGMA cache_size = {_previousCacheSize}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbCommand CreateCommand(AppDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The rows are written inside the import's transaction.");
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return command;
    }

    private static async Task ExecuteAsync(AppDbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(db, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static DbParameter AddKey(DbCommand command)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$key";
        command.Parameters.Add(parameter);
        return parameter;
    }
}
