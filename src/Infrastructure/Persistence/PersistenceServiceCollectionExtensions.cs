using Invoke.Application.Persistence;
using Invoke.Infrastructure.Persistence.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Infrastructure.Persistence;

internal static class PersistenceServiceCollectionExtensions
{
    /// <summary>Registers the provider's context as <see cref="AppDbContext"/> and <see cref="IAppDbContext"/>.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, DatabaseOptions options, InvokePaths paths)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(options.ConnectionString, paths);
                services.AddDbContextPool<SqliteAppDbContext>(builder => builder.UseSqlite(sqlite));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
                break;
            case DatabaseProvider.Postgres:
                var postgres = RequireConnectionString(options);
                services.AddDbContextPool<PostgresAppDbContext>(builder => builder.UseNpgsql(postgres));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = RequireConnectionString(options);
                services.AddDbContextPool<SqlServerAppDbContext>(builder => builder.UseSqlServer(sqlServer));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqlServerAppDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{options.Provider}'.");
        }

        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    /// <summary>
    /// The configured SQLite connection string, or the database file under the root. Foreign keys
    /// on; a 5 s wait when another connection holds the write lock.
    /// </summary>
    public static string SqliteConnectionString(string? configured, InvokePaths paths)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={paths.DatabaseFile}"
            : configured)
        {
            ForeignKeys = true,
            DefaultTimeout = 5,
        };
        return builder.ToString();
    }

    private static string RequireConnectionString(DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException(
                $"Invoke:Database:ConnectionString is required when Invoke:Database:Provider is {options.Provider}.")
            : options.ConnectionString;
}
