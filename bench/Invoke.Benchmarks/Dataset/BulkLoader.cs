using System.Data.Common;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Persistence;
using Invoke.Infrastructure.Persistence.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Invoke.Benchmarks.Dataset;

/// <summary>
/// Writes many workflow rows at once, bypassing <c>SaveChanges</c>. The table's secondary indexes
/// (and on SQLite the full-text table and its triggers) are dropped first and re-created afterwards
/// from the definitions the migrations left in the database catalog, so the schema ends as migrated.
/// </summary>
internal abstract class BulkLoader : IAsyncDisposable
{
    private readonly List<string> _indexDefinitions = [];

    protected BulkLoader(DbConnection connection, WorkflowTable table)
    {
        Connection = connection;
        Table = table;
    }

    protected DbConnection Connection { get; }

    protected WorkflowTable Table { get; }

    /// <summary>The key the next row gets; rows are keyed here so that their documents can refer to them.</summary>
    protected long NextId { get; set; }

    public static async Task<BulkLoader> OpenAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var table = WorkflowTable.From(db);
        // Not pooled: the loader's session settings must not outlive it.
        var connectionString = db.Database.GetConnectionString()!;
        BulkLoader loader = db.Database.IsSqlite()
            ? new SqliteBulkLoader(new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString()), table)
            : db.Database.IsNpgsql()
                ? new PostgresBulkLoader(new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString()), table)
                : throw new NotSupportedException("The dataset generator writes to SQLite and PostgreSQL.");
        await loader.Connection.OpenAsync(cancellationToken);
        return loader;
    }

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        await PrepareConnectionAsync(cancellationToken);
        await using (var max = Connection.CreateCommand())
        {
            max.CommandText = $"SELECT COALESCE(MAX({WorkflowTable.KeyColumn}), 0) FROM {Table.Name}";
            NextId = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) + 1;
        }

        await using (var read = Connection.CreateCommand())
        {
            read.CommandText = IndexDefinitionsSql;
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            var names = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
                _indexDefinitions.Add(reader.GetString(1));
            }

            await reader.DisposeAsync();
            foreach (var name in names)
            {
                await ExecuteAsync($"DROP INDEX \"{name}\"", cancellationToken);
            }
        }

        await DropExtrasAsync(cancellationToken);
    }

    public abstract Task WriteAsync(IReadOnlyList<Workflow> rows, CancellationToken cancellationToken);

    public async Task EndAsync(CancellationToken cancellationToken)
    {
        foreach (var definition in _indexDefinitions)
        {
            await ExecuteAsync(definition, cancellationToken);
        }

        await CreateExtrasAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    /// <summary>Name and <c>CREATE INDEX</c> statement of every secondary index of the table.</summary>
    protected abstract string IndexDefinitionsSql { get; }

    protected virtual Task PrepareConnectionAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task DropExtrasAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task CreateExtrasAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class SqliteBulkLoader(SqliteConnection connection, WorkflowTable table) : BulkLoader(connection, table)
    {
        protected override string IndexDefinitionsSql =>
            $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '{Table.Name}' AND sql IS NOT NULL";

        public override async Task WriteAsync(IReadOnlyList<Workflow> rows, CancellationToken cancellationToken)
        {
            await using var transaction = await Connection.BeginTransactionAsync(cancellationToken);
            await using var insert = Connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = Table.InsertSql();
            await using var insertDocument = Connection.CreateCommand();
            insertDocument.Transaction = transaction;
            insertDocument.CommandText = Table.DocumentInsertSql();
            foreach (var row in rows)
            {
                var id = NextId++;
                Table.Bind(insert, id, row);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                Table.BindDocument(insertDocument, id, row);
                await insertDocument.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Only this connection: no fsync per batch, a large page cache while the indexes are built.
        protected override Task PrepareConnectionAsync(CancellationToken cancellationToken) =>
            ExecuteAsync("PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY;", cancellationToken);

        // The full-text table and its triggers exactly as the migration defines them; Create ends with 'rebuild'.
        protected override Task DropExtrasAsync(CancellationToken cancellationToken) =>
            ExecuteAsync(SqliteFullTextSearch.Drop, cancellationToken);

        protected override async Task CreateExtrasAsync(CancellationToken cancellationToken)
        {
            await ExecuteAsync(SqliteFullTextSearch.Create, cancellationToken);
            await ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }

    private sealed class PostgresBulkLoader(NpgsqlConnection connection, WorkflowTable table) : BulkLoader(connection, table)
    {
        protected override string IndexDefinitionsSql => $"""
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = '{Table.Name}' AND NOT x.indisprimary
            """;

        public override async Task WriteAsync(IReadOnlyList<Workflow> rows, CancellationToken cancellationToken)
        {
            var columns = Table.Columns;
            var types = columns.Select(c => c.Mapping.StoreTypeNameBase).ToArray();
            var firstId = NextId;
            await using (var importer = await connection.BeginBinaryImportAsync(
                $"COPY {Table.Name} ({WorkflowTable.KeyColumn}, {Table.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(NextId++, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                for (var i = 0; i < columns.Count; i++)
                {
                    if (columns[i].ProviderValue(row) is { } value)
                    {
                        await importer.WriteAsync(value, types[i], cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken);
            }

            await using var documents = await connection.BeginBinaryImportAsync(
                $"COPY {Table.DocumentTable} ({WorkflowTable.KeyColumn}, {Table.Document.Name}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            var id = firstId;
            foreach (var row in rows)
            {
                await documents.StartRowAsync(cancellationToken);
                await documents.WriteAsync(id++, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                await documents.WriteAsync((string)Table.Document.ProviderValue(row)!, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
            }

            await documents.CompleteAsync(cancellationToken);
        }

        protected override Task PrepareConnectionAsync(CancellationToken cancellationToken) =>
            ExecuteAsync("SET maintenance_work_mem = '1GB'; SET max_parallel_maintenance_workers = 2;", cancellationToken);

        // The identity continues after the keys given here; then what autovacuum would do soon after a
        // large load: statistics and the visibility map.
        protected override async Task CreateExtrasAsync(CancellationToken cancellationToken)
        {
            await ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence('{Table.Name}', '{WorkflowTable.KeyColumn}'), (SELECT MAX({WorkflowTable.KeyColumn}) FROM {Table.Name}))",
                cancellationToken);
            await ExecuteAsync($"VACUUM ANALYZE {Table.Name}", cancellationToken);
            await ExecuteAsync($"VACUUM ANALYZE {Table.DocumentTable}", cancellationToken);
        }
    }
}
