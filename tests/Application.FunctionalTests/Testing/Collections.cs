namespace Invoke.Application.FunctionalTests.Testing;

// Tests sharing a database run one after another; the three databases run side by side.
[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteTestDatabase>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresTestDatabase>
{
    public const string Name = "PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class SqlServerCollection : ICollectionFixture<SqlServerTestDatabase>
{
    public const string Name = "SQL Server";
}
