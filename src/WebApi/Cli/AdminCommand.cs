using System.CommandLine;
using Invoke.Application.Security;
using Invoke.WebApi.Hosting;
using Mediator;

namespace Invoke.WebApi.Cli;

/// <summary>
/// One admin subcommand. A subclass names itself, declares its options and runs against the root it was
/// given; <see cref="AdminCli"/> lists the subcommands. Most subcommands are a
/// <see cref="UseCaseCommand"/>: a class like <see cref="UserListCommand"/> and a line in
/// <see cref="AdminCli.Subcommands"/>.
/// </summary>
internal abstract class AdminCommand
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>The options besides <c>--root</c> and configuration keys, which every subcommand takes.</summary>
    public abstract IEnumerable<Option> Options { get; }

    /// <summary>
    /// Runs with the parsed options on the root that <paramref name="hostArgs"/> configure (the root and
    /// configuration keys as the server takes them); returns the exit code.
    /// </summary>
    public abstract Task<int> ExecuteAsync(ParseResult options, IReadOnlyList<string> hostArgs, CliConsole console, CancellationToken cancellationToken);
}

/// <summary>
/// A subcommand that goes through the application's use cases: it runs on a migrated and seeded
/// database as the trusted local operator (the <c>system</c> administrator).
/// </summary>
internal abstract class UseCaseCommand : AdminCommand
{
    public sealed override async Task<int> ExecuteAsync(
        ParseResult options, IReadOnlyList<string> hostArgs, CliConsole console, CancellationToken cancellationToken)
    {
        await using var app = InvokeHost.Build([.. hostArgs]);
        await StartupTasks.MigrateAsync(app.Services, cancellationToken);
        await StartupTasks.SeedAsync(app.Services, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserHolder>().User = AuthenticatedUser.SystemAdministrator;
        return await RunAsync(options, scope.ServiceProvider.GetRequiredService<ISender>(), console, cancellationToken);
    }

    /// <summary>Runs with the parsed options as the trusted local operator; returns the exit code.</summary>
    protected abstract Task<int> RunAsync(ParseResult options, ISender sender, CliConsole console, CancellationToken cancellationToken);
}
