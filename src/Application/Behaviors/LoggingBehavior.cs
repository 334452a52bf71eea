using System.Diagnostics;
using Invoke.Application.Security;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Invoke.Application.Behaviors;

/// <summary>
/// Logs which use case ran, for whom and how long it took. Never the payload: requests carry
/// passwords and tokens.
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(
    ICurrentUser currentUser,
    ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string RequestName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var userId = currentUser.User?.UserId ?? "anonymous";
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            LogHandled(RequestName, userId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            LogFailed(RequestName, userId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} for {UserId} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string request, string userId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} for {UserId} failed after {ElapsedMs:0.0} ms with {Failure}")]
    private partial void LogFailed(string request, string userId, double elapsedMs, string failure);
}
