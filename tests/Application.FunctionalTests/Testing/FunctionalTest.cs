using Invoke.Application.Security;
using Invoke.Application.Users;
using Invoke.Domain.Users;
using Invoke.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>
/// Base of every handler-level test: a freshly reset database, and requests sent through the real
/// mediator pipeline (logging, authorization, validation) as a chosen caller in a chosen mode.
/// Tests start in single-user mode as the <c>system</c> administrator.
/// </summary>
public abstract partial class FunctionalTest(TestDatabase database) : IAsyncLifetime
{
    protected TestDatabase Database { get; } = database;

    /// <summary>Whether requests go to a server in multi-user mode.</summary>
    protected bool MultiUser { get; private set; }

    /// <summary>Whether the multi-user server applies the strict password policy.</summary>
    protected bool StrictPasswordChecking { get; private set; }

    /// <summary>Who sends the next requests; null is an anonymous caller.</summary>
    protected AuthenticatedUser? Caller { get; private set; } = AuthenticatedUser.SystemAdministrator;

    public virtual async ValueTask InitializeAsync()
    {
        if (Database.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        await Database.ResetAsync();
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected void RunInSingleUserMode()
    {
        MultiUser = false;
        Caller = AuthenticatedUser.SystemAdministrator;
    }

    /// <summary>From now on the multi-user server applies the strict password policy.</summary>
    protected void RunWithStrictPasswordChecking() => StrictPasswordChecking = true;

    /// <summary>Multi-user mode, as the account <paramref name="user"/> (a real row), with its role and token epoch.</summary>
    protected AuthenticatedUser RunAs(UserDto user, bool rememberMe = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        MultiUser = true;
        Caller = new AuthenticatedUser(user.UserId, user.Email, user.IsAdmin, rememberMe, user.TokenEpoch);
        return Caller;
    }

    /// <summary>
    /// A real account, created in multi-user mode by an administrator through
    /// <see cref="CreateUserCommand"/>; the caller stays who it was.
    /// </summary>
    protected async Task<UserDto> CreateUserAsync(string email, bool isAdmin = false, string password = UserPasswords.Default, string? displayName = null)
    {
        await using var scope = Database.CreateScope(multiUser: true, AuthenticatedUser.SystemAdministrator, StrictPasswordChecking);
        return await scope.ServiceProvider.GetRequiredService<ISender>()
            .Send(new CreateUserCommand(email, displayName ?? email.Split('@')[0], password, isAdmin));
    }

    /// <summary>A row of the <c>users</c> table as it is now.</summary>
    protected Task<User> StoredUserAsync(string userId) =>
        InDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId));

    /// <summary>Whether the server would honour <paramref name="token"/> right now (what every HTTP request checks).</summary>
    protected Task<TokenAuthentication> AuthenticateAsync(string token) =>
        InScopeAsync(s => s.GetRequiredService<TokenAuthenticator>().AuthenticateAsync(token, CancellationToken.None));

    /// <summary>Runs <paramref name="action"/> with a fresh scope of the current server and caller.</summary>
    protected async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Database.CreateScope(MultiUser, Caller, StrictPasswordChecking);
        return await action(scope.ServiceProvider);
    }

    /// <summary>Multi-user mode, as the given regular user.</summary>
    protected AuthenticatedUser RunAsUser(string userId)
    {
        MultiUser = true;
        Caller = RegularUser(userId);
        return Caller;
    }

    /// <summary>Multi-user mode, as an administrator.</summary>
    protected AuthenticatedUser RunAsAdministrator(string userId = "admin")
    {
        MultiUser = true;
        Caller = Administrator(userId);
        return Caller;
    }

    protected static AuthenticatedUser RegularUser(string userId) => new(userId, $"{userId}@example.com", IsAdmin: false);

    protected static AuthenticatedUser Administrator(string userId = "admin") => new(userId, $"{userId}@example.com", IsAdmin: true);

    /// <summary>Multi-user mode, with no valid identity.</summary>
    protected void RunAsAnonymous()
    {
        MultiUser = true;
        Caller = null;
    }

    protected Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command) =>
        WithSenderAsync(sender => sender.Send(command));

    protected Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query) =>
        WithSenderAsync(sender => sender.Send(query));

    /// <summary>
    /// Sends a command as someone else (in multi-user mode, or single-user mode for a null caller),
    /// without changing who the test itself runs as: for arranging what the test then looks at.
    /// </summary>
    protected async Task<TResponse> SendAsAsync<TResponse>(AuthenticatedUser? caller, ICommand<TResponse> command)
    {
        await using var scope = caller is null
            ? Database.CreateScope(multiUser: false, AuthenticatedUser.SystemAdministrator)
            : Database.CreateScope(multiUser: true, caller);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>Reads or changes the database directly, outside any use case.</summary>
    protected async Task<T> InDatabaseAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Database.CreateScope(MultiUser, Caller, StrictPasswordChecking);
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected async Task InDatabaseAsync(Func<AppDbContext, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Database.CreateScope(MultiUser, Caller, StrictPasswordChecking);
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private async Task<TResponse> WithSenderAsync<TResponse>(Func<ISender, ValueTask<TResponse>> send)
    {
        await using var scope = Database.CreateScope(MultiUser, Caller, StrictPasswordChecking);
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }
}
