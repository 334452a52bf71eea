using Invoke.Application.Security;
using Invoke.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Infrastructure.LiveUpdates;

public static class LiveUpdatesServiceCollectionExtensions
{
    /// <summary>
    /// The <c>live_events</c> outbox: workflow saves write their events into it, and a background
    /// relay hands new rows to the registered <see cref="Application.LiveUpdates.ILiveEventDispatcher"/>.
    /// </summary>
    public static IServiceCollection AddLiveEventOutbox(this IServiceCollection services, LiveUpdatesOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new LiveEventOutboxInterceptor(sp.GetRequiredService<ServerMode>()));
        services.ConfigureDbContext<SqliteAppDbContext>(AddInterceptor, ServiceLifetime.Singleton);
        services.ConfigureDbContext<PostgresAppDbContext>(AddInterceptor, ServiceLifetime.Singleton);
        services.ConfigureDbContext<SqlServerAppDbContext>(AddInterceptor, ServiceLifetime.Singleton);
        services.AddHostedService<LiveEventRelay>();
        return services;
    }

    private static void AddInterceptor(IServiceProvider services, DbContextOptionsBuilder builder) =>
        builder.AddInterceptors(services.GetRequiredService<LiveEventOutboxInterceptor>());
}
