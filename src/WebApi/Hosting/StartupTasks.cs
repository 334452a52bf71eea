using Invoke.Application.Security;
using Invoke.Application.Users;
using Invoke.Application.Workflows;
using Invoke.Infrastructure;
using Invoke.Infrastructure.Persistence;
using Invoke.Infrastructure.Users;
using Invoke.Infrastructure.Workflows;
using Mediator;

namespace Invoke.WebApi.Hosting;

/// <summary>
/// Before the server takes requests: migrate the database (when configured) and bring the seed
/// data up to date, as the local operator. Each step holds the <see cref="StartupLock"/>, so that any
/// number of nodes may start at once on one database: the second waits, then finds the work done.
/// </summary>
public sealed partial class StartupTasks(IServiceProvider services, InvokeOptions options, ILogger<StartupTasks> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Database.MigrateOnStartup)
        {
            await MigrateAsync(services, cancellationToken);
        }

        var synced = await SeedAsync(services, cancellationToken);
        LogDefaultsSynced(synced.Added, synced.Updated, synced.Removed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await using var startupLock = await StartupLock.AcquireAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
    }

    /// <summary>
    /// The data every database holds from the start: the <c>system</c> account, the token signing
    /// secret and the default workflows; thumbnail files of an earlier version moved into the database.
    /// </summary>
    public static async Task<DefaultWorkflowSyncResult> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await using var startupLock = await StartupLock.AcquireAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
        scope.ServiceProvider.GetRequiredService<CurrentUserHolder>().User = AuthenticatedUser.SystemAdministrator;
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new EnsureSystemAccountCommand(), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<JwtSecretStore>().GetOrCreateAsync(cancellationToken);
        var synced = await sender.Send(new SyncDefaultWorkflowsCommand(), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<LegacyThumbnailFiles>().MoveIntoDatabaseAsync(cancellationToken);
        return synced;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Default workflows synced: {Added} added, {Updated} updated, {Removed} removed")]
    private partial void LogDefaultsSynced(int added, int updated, int removed);
}
