using Invoke.Application.Security;
using Invoke.Application.Workflows;
using Invoke.Infrastructure;
using Invoke.Infrastructure.Persistence;
using Mediator;

namespace Invoke.WebApi.Hosting;

/// <summary>
/// Before the server takes requests: migrate the database (when configured) and bring the default
/// workflows up to date, as the local operator.
/// </summary>
internal sealed partial class StartupTasks(
    IServiceScopeFactory scopes,
    InvokeOptions options,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (options.Database.MigrateOnStartup)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        }

        scope.ServiceProvider.GetRequiredService<CurrentUserHolder>().User = AuthenticatedUser.SystemAdministrator;
        var synced = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SyncDefaultWorkflowsCommand(), cancellationToken);
        LogDefaultsSynced(synced.Added, synced.Updated, synced.Removed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Default workflows synced: {Added} added, {Updated} updated, {Removed} removed")]
    private partial void LogDefaultsSynced(int added, int updated, int removed);
}
