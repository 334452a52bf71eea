using Invoke.Application.LiveUpdates;
using Invoke.Infrastructure.LiveUpdates;
using Invoke.WebApi.Security;

namespace Invoke.WebApi.LiveUpdates;

public static class LiveUpdatesEndpoints
{
    /// <summary>The Socket.IO server, and the outbox that feeds it events from every node.</summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(LiveUpdatesOptions.SectionName).Get<LiveUpdatesOptions>() ?? new LiveUpdatesOptions();
        services.AddSingleton<SocketIoServer>();
        services.AddSingleton<ILiveEventDispatcher>(sp => sp.GetRequiredService<SocketIoServer>());
        services.AddHostedService(sp => sp.GetRequiredService<SocketIoServer>());
        services.AddLiveEventOutbox(options);
        return services;
    }

    /// <summary>
    /// <c>/ws/socket.io</c>: public at the HTTP level, because the Socket.IO CONNECT packet carries
    /// the credentials; a connection without a valid token is refused there in multi-user mode.
    /// </summary>
    public static WebApplication MapLiveUpdates(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWebSockets();
        var server = app.Services.GetRequiredService<SocketIoServer>();
        app.MapMethods(SocketIoServer.Path + "/", [HttpMethods.Get, HttpMethods.Post], server.HandleAsync)
            .WithAccess(RouteAccess.Public)
            .ExcludeFromDescription();
        return app;
    }
}
