using Invoke.Application.Persistence;
using Invoke.Infrastructure.Persistence.Providers;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Invoke.Infrastructure.Persistence;

internal static class PersistenceServiceCollectionExtensions
{
    /// <summary>Registers the provider's context as <see cref="AppDbContext"/> and <see cref="IAppDbContext"/>.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, DatabaseOptions options, InvokePaths paths)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(options, paths);
                services.AddDbContextPool<SqliteAppDbContext>(builder => builder
                    .UseSqlite(sqlite, sql => sql
                        .CommandTimeout(options.CommandTimeoutSeconds)
                        .ExecutionStrategy(d => new TransientFaultExecutionStrategy(d, options.MaxRetryCount)))
                    .AddInterceptors(SqliteConnectionWithoutEfFunctions.Instance, SqliteConnectionPerScope.Instance));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
                break;
            case DatabaseProvider.Postgres:
                var postgres = PostgresConnectionString(options);
                services.AddDbContextPool<PostgresAppDbContext>(builder => builder.UseNpgsql(postgres, sql => sql
                    .CommandTimeout(options.CommandTimeoutSeconds)
                    .ExecutionStrategy(d => new TransientFaultExecutionStrategy(d, options.MaxRetryCount))));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = SqlServerConnectionString(options);
                services.AddDbContextPool<SqlServerAppDbContext>(builder => builder.UseSqlServer(sqlServer, sql => sql
                    .CommandTimeout(options.CommandTimeoutSeconds)
                    .ExecutionStrategy(d => new TransientFaultExecutionStrategy(d, options.MaxRetryCount))));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqlServerAppDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{options.Provider}'.");
        }

        services.AddSingleton(new DatabaseStorage(options.Provider == DatabaseProvider.Sqlite ? SqliteConnectionString(options, paths) : null));
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    /// <summary>
    /// Whether this SQLite library enforces foreign keys on every new connection by itself (built
    /// with <c>SQLITE_DEFAULT_FOREIGN_KEYS</c>, as the bundled e_sqlite3 is). Asking for them in the
    /// connection string costs a <c>PRAGMA foreign_keys</c> statement on every open of a pooled
    /// connection, i.e. on every request.
    /// </summary>
    private static readonly Lazy<bool> ForeignKeysOnByDefault = new(() =>
    {
        using var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys";
        return command.ExecuteScalar() is long on && on == 1;
    });

    /// <summary>
    /// The configured SQLite connection string, or the database file under the root. Foreign keys
    /// on (left to the library's default where that is on, else asked for on each open); a write waits at most <see cref="DatabaseOptions.CommandTimeoutSeconds"/> for another
    /// connection's lock (then the request is answered 503).
    /// </summary>
    public static string SqliteConnectionString(DatabaseOptions options, InvokePaths paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(options.ConnectionString)
            ? $"Data Source={paths.DatabaseFile}"
            : options.ConnectionString)
        {
            // null leaves the library's default, which also overrides a configured "Foreign Keys=False".
            ForeignKeys = ForeignKeysOnByDefault.Value ? null : true,
            DefaultTimeout = options.CommandTimeoutSeconds,
        };
        return builder.ToString();
    }

    /// <summary>
    /// The configured PostgreSQL connection string with the connect and command timeouts bounded,
    /// and a bounded wait for a cancelled statement, so that a frozen server gives 503s in seconds.
    /// </summary>
    public static string PostgresConnectionString(DatabaseOptions options) =>
        new NpgsqlConnectionStringBuilder(RequireConnectionString(options))
        {
            Timeout = options.ConnectTimeoutSeconds,
            CommandTimeout = options.CommandTimeoutSeconds,
            CancellationTimeout = 2000,
            KeepAlive = 10,
        }.ToString();

    /// <summary>The configured SQL Server connection string with the connect and command timeouts bounded.</summary>
    public static string SqlServerConnectionString(DatabaseOptions options) =>
        new SqlConnectionStringBuilder(RequireConnectionString(options))
        {
            ConnectTimeout = options.ConnectTimeoutSeconds,
            CommandTimeout = options.CommandTimeoutSeconds,
        }.ToString();

    private static string RequireConnectionString(DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException(
                $"Invoke:Database:ConnectionString is required when Invoke:Database:Provider is {options.Provider}.")
            : options.ConnectionString;
}
