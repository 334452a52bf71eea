using Invoke.Infrastructure;
using Invoke.Infrastructure.Import;
using Invoke.Infrastructure.Persistence;
using Invoke.WebApi.Hosting;

namespace Invoke.WebApi.Cli;

/// <summary>The options of <c>import-invokeai</c>; <see cref="Configuration"/> holds <c>--Invoke:…=…</c> overrides for the target.</summary>
internal sealed record ImportInvokeAiCliOptions(
    string From,
    string? Root,
    bool DryRun,
    bool Overwrite,
    bool ImportJwtSecret,
    IReadOnlyList<string> Configuration)
{
    public const string Usage =
        "usage: import-invokeai --from INVOKEAI_ROOT [--root/-r ROOT] [--dry-run] [--overwrite] [--import-jwt-secret] [--Invoke:Database:Provider=… --Invoke:Database:ConnectionString=…]";

    /// <summary>The options, or null with the reason in <paramref name="error"/>; null and no error for <c>--help</c>.</summary>
    public static ImportInvokeAiCliOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        error = null;
        string? from = null, root = null;
        bool dryRun = false, overwrite = false, importSecret = false;
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var isConfiguration = arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal);
            var name = equals > 0 && !isConfiguration ? arg[..equals] : arg;
            var inline = equals > 0 && !isConfiguration ? arg[(equals + 1)..] : null;
            switch (name)
            {
                case "--help" or "-h":
                    return null;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--overwrite" or "--force":
                    overwrite = true;
                    break;
                case "--import-jwt-secret":
                    importSecret = true;
                    break;
                case "--from" or "--root" or "-r":
                    var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        error = $"{name} needs a value";
                        return null;
                    }

                    if (name == "--from")
                    {
                        from = value;
                    }
                    else
                    {
                        root = value;
                    }

                    break;
                default:
                    if (!isConfiguration)
                    {
                        error = $"unrecognized argument: {arg}";
                        return null;
                    }

                    configuration.Add(arg);
                    break;
            }
        }

        if (from is null)
        {
            error = "--from is required: the root folder of the InvokeAI installation to import";
            return null;
        }

        return new ImportInvokeAiCliOptions(from, root, dryRun, overwrite, importSecret, configuration);
    }
}

/// <summary>
/// <c>import-invokeai</c>: copies an InvokeAI installation into this server's database (see
/// <see cref="InvokeAiImporter"/>). Exits with 0 when the import finished (or would finish, with
/// <c>--dry-run</c>) and 1 when it was refused or failed; nothing is written in either of those cases.
/// </summary>
internal static class ImportInvokeAiCliCommand
{
    public const string Name = "import-invokeai";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = ImportInvokeAiCliOptions.Parse(args, out var error);
        if (options is null)
        {
            if (error is not null)
            {
                output.WriteLine($"❌ Error: {error}");
                output.WriteLine(ImportInvokeAiCliOptions.Usage);
                return 1;
            }

            output.WriteLine(ImportInvokeAiCliOptions.Usage);
            return 0;
        }

        try
        {
            // The source is checked (and copied) before the target is created or migrated.
            using var source = InvokeAiSource.Open(options.From);
            List<string> hostArgs = [.. options.Configuration, "--Logging:LogLevel:Default=Warning"];
            if (options.Root is { } root)
            {
                hostArgs.Add($"--Invoke:Root={root}");
            }

            await using var app = InvokeHost.Build([.. hostArgs]);
            InvokeAiImporter.CheckTarget(source, app.Services.GetRequiredService<InvokePaths>());
            if (!options.DryRun)
            {
                await StartupTasks.MigrateAsync(app.Services, CancellationToken.None);
                await StartupTasks.SeedAsync(app.Services, CancellationToken.None);
            }

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var targetIsEmpty = options.DryRun && !await InvokeAiImporter.TargetIsReadyAsync(db, CancellationToken.None);
            var paths = scope.ServiceProvider.GetRequiredService<InvokePaths>();
            output.WriteLine($"Importing InvokeAI installation {source.Root} into {Describe(db, paths)}");
            if (options.DryRun)
            {
                output.WriteLine("Dry run: nothing is written" + (targetIsEmpty ? " (the target database does not exist yet and is not created)" : string.Empty));
            }

            var importer = ActivatorUtilities.CreateInstance<InvokeAiImporter>(scope.ServiceProvider);
            var report = await importer.ImportAsync(
                source, new InvokeAiImportOptions(options.DryRun, options.Overwrite, options.ImportJwtSecret), targetIsEmpty,
                line => output.WriteLine(line), CancellationToken.None);
            Print(output, report, options);
            return report.Refused ? 1 : 0;
        }
        catch (InvokeAiImportException e)
        {
            output.WriteLine($"❌ Error: {e.Message}");
            return 1;
        }
    }

    private static string Describe(AppDbContext db, InvokePaths paths) =>
        db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true
            ? $"the SQLite database under {paths.Root}"
            : $"the {db.Database.ProviderName} database (root {paths.Root})";

    private static void Print(TextWriter output, InvokeAiImportReport report, ImportInvokeAiCliOptions options)
    {
        var verb = options.DryRun ? "would be" : "were";
        output.WriteLine();
        foreach (var group in report.Groups)
        {
            output.WriteLine($"  {group}");
        }

        if (report.Notes.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Notes:");
            foreach (var note in report.Notes)
            {
                output.WriteLine($"  • {note}");
            }
        }

        if (report.Problems.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Problems ({report.Problems.Count}):");
            foreach (var problem in report.Problems)
            {
                output.WriteLine($"  ⚠ {problem}");
            }
        }

        if (report.Conflicts.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Conflicts ({report.Conflicts.Count}): this server already holds different data for the same ids");
            foreach (var conflict in report.Conflicts.Take(50))
            {
                output.WriteLine($"  ✖ {conflict}");
            }

            if (report.Conflicts.Count > 50)
            {
                output.WriteLine($"  … and {report.Conflicts.Count - 50} more");
            }
        }

        output.WriteLine();
        if (report.Refused)
        {
            output.WriteLine("❌ Refused: nothing was written. Run again with --overwrite to replace these records with InvokeAI's.");
        }
        else if (report.Groups.All(g => g.Imported == 0 && g.Replaced == 0))
        {
            output.WriteLine(options.DryRun ? "✅ Dry run: nothing to import, everything is already here" : "✅ Nothing to import: everything is already here");
        }
        else
        {
            output.WriteLine(options.DryRun ? $"✅ Dry run finished: the records above {verb} imported; nothing was written" : "✅ Import finished");
        }
    }
}
