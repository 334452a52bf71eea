namespace Invoke.WebApi.Cli;

/// <summary>
/// The options of an admin subcommand. Flags mirror InvokeAI's <c>invoke-user*</c> tools; anything
/// else (<c>--Invoke:Database:Provider=…</c>) is passed on to the configuration.
/// </summary>
internal sealed class CliArguments
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["-e"] = "--email",
        ["-p"] = "--password",
        ["-n"] = "--name",
        ["-a"] = "--admin",
        ["-f"] = "--force",
        ["-r"] = "--root",
    };

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--admin", "--no-admin", "--force", "--json", "--help", "--repair" };
    private static readonly HashSet<string> Options = new(StringComparer.Ordinal) { "--email", "--password", "--name", "--root" };

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Configuration { get; } = [];

    public string? Error { get; private set; }

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new CliArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            name = Aliases.GetValueOrDefault(name, name);
            if (Flags.Contains(name))
            {
                parsed._flags.Add(name);
            }
            else if (Options.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                if (value is null)
                {
                    parsed.Error = $"{name} needs a value";
                    return parsed;
                }

                parsed._values[name] = value;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':', StringComparison.Ordinal))
            {
                parsed.Configuration.Add(args[i]);
            }
            else
            {
                parsed.Error = $"unrecognized argument: {args[i]}";
                return parsed;
            }
        }

        return parsed;
    }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public bool Has(string flag) => _flags.Contains(flag);

    private static (string Name, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 && !arg.Contains(':', StringComparison.Ordinal)
            ? (arg[..equals], arg[(equals + 1)..])
            : (arg, null);
    }
}
