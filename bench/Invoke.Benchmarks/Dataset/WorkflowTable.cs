using System.Data.Common;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invoke.Benchmarks.Dataset;

/// <summary>
/// The <c>workflow_library</c> columns as EF Core maps them (names, type mappings, value converters),
/// read from the model so that rows written by hand hold exactly what <c>SaveChanges</c> would write.
/// The integer key is left to the database.
/// </summary>
public sealed class WorkflowTable
{
    private WorkflowTable(string name, IReadOnlyList<WorkflowColumn> columns)
    {
        Name = name;
        Columns = columns;
    }

    public string Name { get; }

    public IReadOnlyList<WorkflowColumn> Columns { get; }

    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

    public static WorkflowTable From(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(Workflow)) ?? throw new InvalidOperationException("Workflow is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => p.ValueGenerated == ValueGenerated.Never && !p.IsShadowProperty())
            .Select(p => new WorkflowColumn(p.GetColumnName(table)!, p, p.GetRelationalTypeMapping()))
            .ToList();
        return new WorkflowTable(table.Name, columns);
    }

    /// <summary><c>INSERT INTO workflow_library (…) VALUES (@c0, …)</c>; fill it with <see cref="Bind"/>.</summary>
    public string InsertSql() =>
        $"INSERT INTO {Name} ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => "@c" + i))})";

    /// <summary>Replaces the command's parameters with the row's values, converted as EF Core converts them.</summary>
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
