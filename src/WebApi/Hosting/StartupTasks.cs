using Invoke.Application.Security;
using Invoke.Application.Users;
using Invoke.Application.Workflows;
using Invoke.Infrastructure;
using Invoke.Infrastructure.Persistence;
using Invoke.Infrastructure.Users;
using Mediator;

namespace Invoke.WebApi.Hosting;

/// <summary>
/// Before the server takes requests: migrate the database (when configured) and bring the seed
/// data up to date, as the local operator.
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
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
    }

    /// <summary>
    /// The data every database holds from the start: the <c>system</c> account, the token signing
    /// secret and the default workflows.
    /// </summary>
    public static async Task<DefaultWorkflowSyncResult> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserHolder>().User = AuthenticatedUser.SystemAdministrator;
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new EnsureSystemAccountCommand(), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<JwtSecretStore>().GetOrCreateAsync(cancellationToken);
        return await sender.Send(new SyncDefaultWorkflowsCommand(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Default workflows synced: {Added} added, {Updated} updated, {Removed} removed")]
    private partial void LogDefaultsSynced(int added, int updated, int removed);
}
