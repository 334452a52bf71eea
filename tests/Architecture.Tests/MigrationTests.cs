using Invoke.Infrastructure.Persistence;
using Invoke.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Invoke.Architecture.Tests;

/// <summary>
/// Every provider's migrations match the model, and the SQL Server script — which no machine here
/// can run — at least parses as T-SQL.
/// </summary>
public sealed class MigrationTests
{
    public static TheoryData<string> Providers() => new("Sqlite", "Postgres", "SqlServer");

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_CoverEveryModelChange(string provider)
    {
        using var context = CreateContext(provider);

        context.Database.HasPendingModelChanges().Should().BeFalse(
            $"run scripts/add-migration.sh after changing the model ({provider} has changes no migration covers)");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_ExistForEveryProvider(string provider)
    {
        using var context = CreateContext(provider);

        context.Database.GetMigrations().Should().NotBeEmpty();
    }

    /// <summary>
    /// CI hands over the script <c>dotnet ef migrations script</c> wrote; elsewhere the test
    /// generates the same script itself.
    /// </summary>
    [Fact]
    public void SqlServerMigrationScript_ParsesAsTransactSql()
    {
        var fromCi = Environment.GetEnvironmentVariable("INVOKE_SQLSERVER_MIGRATION_SCRIPT");
        using var context = CreateContext("SqlServer");
        var script = string.IsNullOrEmpty(fromCi)
            ? context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent)
            : File.ReadAllText(fromCi);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);

        errors.Should().BeEmpty(string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        script.Should().Contain("CREATE TABLE [workflow_library]").And.Contain("CREATE TABLE [models]");
    }

    private static AppDbContext CreateContext(string provider) => provider switch
    {
        "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
        "Postgres" => new PostgresDesignTimeFactory().CreateDbContext([]),
        "SqlServer" => new SqlServerDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
