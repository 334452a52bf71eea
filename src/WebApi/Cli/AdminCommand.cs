using System.CommandLine;
using Mediator;

namespace Invoke.WebApi.Cli;

/// <summary>
/// One admin subcommand. A subclass names itself, declares its options and runs against a host
/// built for the root it was given; <see cref="AdminCli"/> lists the subcommands. Adding one is a
/// class like <see cref="UserListCommand"/> and a line in <see cref="AdminCli.Subcommands"/>.
/// </summary>
internal abstract class AdminCommand
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>The options besides <c>--root</c> and configuration keys, which every subcommand takes.</summary>
    public abstract IEnumerable<Option> Options { get; }

    /// <summary>Runs with the parsed options as the trusted local operator; returns the exit code.</summary>
    public abstract Task<int> RunAsync(ParseResult options, ISender sender, CliConsole console, CancellationToken cancellationToken);
}
