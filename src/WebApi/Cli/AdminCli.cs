using System.CommandLine;
using Invoke.Application.Errors;
using Invoke.Domain.Rules;

namespace Invoke.WebApi.Cli;

/// <summary>
/// The admin subcommands of the server executable (InvokeAI's <c>invoke-user*</c> tools and more),
/// parsed with System.CommandLine. Each runs as the trusted local operator through the same use cases
/// and rules as the API, always with the strict password policy, and exits with 0 on success and 1 on
/// failure. Options take their value as the next argument or after <c>=</c>; a value may hold
/// <c>:</c>, <c>=</c> and spaces. Arguments shaped <c>--Section:Key=value</c> are configuration
/// keys, passed to the host as the server would take them.
/// </summary>
internal static class AdminCli
{
    public static IReadOnlyList<AdminCommand> Subcommands { get; } =
    [
        new UserAddCommand(),
        new UserDelCommand(),
        new UserModCommand(),
        new UserListCommand(),
        new VerifyCommand(),
        new ImportInvokeAiCommand(),
    ];

    private static readonly string[] HelpArguments = ["--help", "-h", "-?", "help"];

    private const string ConfigurationNote =
        ". Configuration keys may follow the options, as the server takes them (--Invoke:Database:Provider=Postgres);"
        + " they are the additional arguments below.";

    /// <summary>Whether the arguments are for the CLI rather than the server.</summary>
    public static bool Handles(IReadOnlyList<string> args) =>
        args.Count > 0 && (Subcommands.Any(c => c.Name == args[0]) || HelpArguments.Contains(args[0], StringComparer.Ordinal));

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = new CliConsole(input, output);
        var root = BuildRootCommand(console);
        // No response files: a password may start with '@'.
        var parsed = root.Parse(args[0] == "help" ? ["--help", .. args.Skip(1)] : args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
    }

    private static RootCommand BuildRootCommand(CliConsole console)
    {
        var root = new RootCommand(
            "Invoke: with no subcommand (or 'serve') runs the server; the subcommands below administer the users and the library of a root directory.");
        foreach (var subcommand in Subcommands)
        {
            var rootOption = new Option<string>("--root", "-r")
            {
                Description = "The root directory (default: INVOKEAI_ROOT, else ~/invokeai)",
                HelpName = "ROOT",
            };
            var command = new Command(subcommand.Name, subcommand.Description + ConfigurationNote) { rootOption };
            foreach (var option in subcommand.Options)
            {
                command.Add(option);
            }

            // Configuration keys (--Invoke:Database:Provider=Postgres) are not options of ours: they are collected and checked below.
            command.TreatUnmatchedTokensAsErrors = false;
            command.SetAction((result, cancellationToken) => RunSubcommandAsync(subcommand, result, rootOption, console, cancellationToken));
            root.Add(command);
        }

        return root;
    }

    private static async Task<int> RunSubcommandAsync(
        AdminCommand subcommand, ParseResult result, Option<string> rootOption, CliConsole console, CancellationToken cancellationToken)
    {
        var configuration = new List<string>();
        foreach (var token in result.UnmatchedTokens)
        {
            if (!IsConfigurationKey(token))
            {
                console.Out.WriteLine($"❌ Error: unrecognized argument: {token}");
                console.Out.WriteLine($"Run '{subcommand.Name} --help' for its options.");
                return 1;
            }

            configuration.Add(token);
        }

        List<string> hostArgs = [.. configuration, "--Invoke:StrictPasswordChecking=true", "--Logging:LogLevel:Default=Warning"];
        if (result.GetValue(rootOption) is { Length: > 0 } root)
        {
            hostArgs.Add($"--Invoke:Root={root}");
        }

        try
        {
            return await subcommand.ExecuteAsync(result, hostArgs, console, cancellationToken);
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            console.Out.WriteLine($"❌ Error: {message}");
            return 1;
        }
    }

    /// <summary><c>--Section:Key=value</c>: a <c>:</c> in the name, before any <c>=</c>.</summary>
    private static bool IsConfigurationKey(string token)
    {
        if (!token.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var equals = token.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? token : token[..equals];
        return name.Length > 2 && name.Contains(':', StringComparison.Ordinal);
    }

    private static string? Describe(Exception exception) => exception switch
    {
        RequestValidationException validation => string.Join("; ", validation.Errors.Select(e => e.Msg)),
        RequestException request => request.Detail,
        BusinessRuleViolationException rule => rule.BrokenRule.Message,
        _ => null,
    };
}
