using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>
/// EF Core's diagnostic events (<c>Microsoft.EntityFrameworkCore.*</c>) raised in one async flow,
/// handed to a test as they happen: what a handler sends, or a moment to inject a fault at, without
/// changing the server's services. Events of other flows (tests running beside it) are not seen.
/// </summary>
public static class EfCoreEvents
{
    /// <summary>Runs <paramref name="action"/>, calling <paramref name="onEvent"/> (synchronously) with every event it raises.</summary>
    public static async Task<T> ObserveAsync<T>(Func<Task<T>> action, Action<string, object?> onEvent)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var subscription = new Subscription(onEvent);
        return await subscription.RunAsync(action);
    }

    private sealed class Subscription(Action<string, object?> onEvent) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private static readonly AsyncLocal<Subscription?> Active = new();

        private readonly List<IDisposable> _subscriptions = [];

        public async Task<T> RunAsync<T>(Func<Task<T>> action)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
            }

            Active.Value = this;
            try
            {
                return await action();
            }
            finally
            {
                Active.Value = null;
            }
        }

        public void OnNext(DiagnosticListener value)
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (Active.Value == this)
            {
                onEvent(value.Key, value.Value);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                foreach (var subscription in _subscriptions)
                {
                    subscription.Dispose();
                }

                _subscriptions.Clear();
            }
        }
    }
}
