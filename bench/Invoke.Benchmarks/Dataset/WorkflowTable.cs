using System.Data.Common;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invoke.Benchmarks.Dataset;

/// <summary>
/// The <c>workflow_library</c> columns as EF Core maps them (names, type mappings, value converters),
/// read from the model so that rows written by hand hold exactly what <c>SaveChanges</c> would write,
/// and the <c>workflow_documents</c> table the document is split into. The loader gives each row
/// its integer key itself, so that the document row can refer to it.
/// </summary>
public sealed class WorkflowTable
{
    public const string KeyColumn = "id";

    private WorkflowTable(string name, string documentTable, IReadOnlyList<WorkflowColumn> columns, WorkflowColumn document)
    {
        Name = name;
        DocumentTable = documentTable;
        Columns = columns;
        Document = document;
    }

    public string Name { get; }

    public string DocumentTable { get; }

    /// <summary>The main table's columns, without the key.</summary>
    public IReadOnlyList<WorkflowColumn> Columns { get; }

    /// <summary>The document column of <see cref="DocumentTable"/>.</summary>
    public WorkflowColumn Document { get; }

    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

    public static WorkflowTable From(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(Workflow)) ?? throw new InvalidOperationException("Workflow is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var documentTable = StoreObjectIdentifier.Table(entity.GetMappingFragments().Single().StoreObject.Name, entity.GetSchema());
        var mapped = entity.GetProperties()
            .Where(p => p.ValueGenerated == ValueGenerated.Never && !p.IsShadowProperty())
            .ToList();
        var columns = mapped
            .Where(p => p.GetColumnName(table) is not null)
            .Select(p => new WorkflowColumn(p.GetColumnName(table)!, p, p.GetRelationalTypeMapping()))
            .ToList();
        var document = mapped.Single(p => p.GetColumnName(documentTable) is not null);
        return new WorkflowTable(
            table.Name, documentTable.Name, columns, new WorkflowColumn(document.GetColumnName(documentTable)!, document, document.GetRelationalTypeMapping()));
    }

    /// <summary><c>INSERT INTO workflow_library (id, …) VALUES (@id, @c0, …)</c>; fill it with <see cref="Bind(DbCommand, long, Workflow)"/>.</summary>
    public string InsertSql() =>
        $"INSERT INTO {Name} ({KeyColumn}, {ColumnList}) VALUES (@id, {string.Join(", ", Columns.Select((_, i) => "@c" + i))})";

    /// <summary><c>INSERT INTO workflow_documents (id, workflow) VALUES (@id, @doc)</c>; fill it with <see cref="BindDocument"/>.</summary>
    public string DocumentInsertSql() => $"INSERT INTO {DocumentTable} ({KeyColumn}, {Document.Name}) VALUES (@id, @doc)";

    /// <summary><c>INSERT … RETURNING id</c>, the key left to the database: what the application's own insert does.</summary>
    public string InsertReturningKeySql() =>
        $"INSERT INTO {Name} ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => "@c" + i))}) RETURNING {KeyColumn}";

    /// <summary><c>UPDATE workflow_documents SET workflow = @doc WHERE id = …</c> for the workflow named by <c>@id</c> (its public id).</summary>
    public string DocumentUpdateSql() =>
        $"UPDATE {DocumentTable} SET {Document.Name} = @doc WHERE {KeyColumn} = (SELECT {KeyColumn} FROM {Name} WHERE workflow_id = @id)";

    /// <summary>Replaces the command's parameters with the key and the row's values.</summary>
    public void Bind(DbCommand command, long id, Workflow workflow)
    {
        Bind(command, workflow);
        AddKey(command, id);
    }

    /// <summary>Replaces the command's parameters with the row's values (<c>@c0</c>…), converted as EF Core converts them.</summary>
    public void Bind(DbCommand command, Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters.Clear();
        for (var i = 0; i < Columns.Count; i++)
        {
            var column = Columns[i];
            command.Parameters.Add(column.Mapping.CreateParameter(command, "@c" + i, column.Value(workflow), column.Property.IsNullable));
        }
    }

    public void BindDocument(DbCommand command, long id, Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters.Clear();
        AddKey(command, id);
        AddDocument(command, workflow);
    }

    /// <summary>Adds <c>@doc</c> to the command's parameters.</summary>
    public void AddDocument(DbCommand command, Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters.Add(Document.Mapping.CreateParameter(command, "@doc", Document.Value(workflow), nullable: false));
    }

    private static void AddKey(DbCommand command, long id)
    {
        var key = command.CreateParameter();
        key.ParameterName = "@id";
        key.Value = id;
        command.Parameters.Add(key);
    }
}

public sealed class WorkflowColumn(string name, IProperty property, RelationalTypeMapping mapping)
{
    public string Name { get; } = name;

    public IProperty Property { get; } = property;

    public RelationalTypeMapping Mapping { get; } = mapping;

    public object? Value(Workflow workflow) => Property.GetGetter().GetClrValue(workflow);

    /// <summary>The value as the database stores it (after EF Core's value converter).</summary>
    public object? ProviderValue(Workflow workflow)
    {
        var value = Value(workflow);
        return value is null || Mapping.Converter is null ? value : Mapping.Converter.ConvertToProvider(value);
    }
}
