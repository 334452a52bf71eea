using System.Data.Common;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Persistence;
using Invoke.Infrastructure.Persistence.Configurations;
using Invoke.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invoke.Infrastructure.Import;

/// <summary>
/// New workflows written on SQLite with two prepared statements per row instead of EF Core's
/// per-entity commands (EF Core does not batch on SQLite): the columns, type mappings and value
/// converters are read from the EF model, so the rows hold exactly what <c>SaveChanges</c> writes,
/// whatever columns later migrations add. The library counts move in the same transaction, as
/// <see cref="AppDbContext.SaveChangesAsync(bool, CancellationToken)"/> moves them.
/// </summary>
internal sealed class SqliteWorkflowRowWriter : IAsyncDisposable
{
    private readonly AppDbContext _db;
    private readonly DbCommand _row;
    private readonly DbCommand _document;
    private readonly List<(IProperty Property, RelationalTypeMapping Mapping, DbParameter Parameter)> _columns = [];
    private readonly (IProperty Property, RelationalTypeMapping Mapping, DbParameter Parameter) _documentColumn;
    private readonly DbParameter _rowKey;
    private readonly DbParameter _documentKey;
    private readonly Dictionary<(string, bool, bool), long> _counts = [];
    private long _nextKey;

    private SqliteWorkflowRowWriter(AppDbContext db, long nextKey)
    {
        _db = db;
        _nextKey = nextKey;
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

    /// <summary>A writer inside the current transaction, which holds SQLite's write lock, so no other writer takes a key meanwhile.</summary>
    public static async Task<SqliteWorkflowRowWriter> CreateAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.Workflows.MaxAsync(w => (long?)EF.Property<long>(w, WorkflowConfiguration.RowId), cancellationToken) ?? 0;
        return new SqliteWorkflowRowWriter(db, last + 1);
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

    /// <summary>Adds the written rows to <c>workflow_library_counts</c>, in the fixed order every save uses.</summary>
    public async Task FlushCountsAsync(CancellationToken cancellationToken)
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

    private static DbParameter AddKey(DbCommand command)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$key";
        command.Parameters.Add(parameter);
        return parameter;
    }
}
