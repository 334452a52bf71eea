using System.CommandLine;
using Invoke.Infrastructure;
using Invoke.Infrastructure.Import;
using Invoke.Infrastructure.Persistence;
using Invoke.WebApi.Hosting;

namespace Invoke.WebApi.Cli;

/// <summary>
/// <c>import-invokeai</c>: copies an InvokeAI installation into this server's database (see
/// <see cref="InvokeAiImporter"/>). Exits with 0 when the import finished (or would finish, with
/// <c>--dry-run</c>) and 1 when it was refused or failed; nothing is written in either of those cases.
/// Unlike the other subcommands, it checks the source before the target database is created or migrated,
/// and a dry run creates nothing at all.
/// </summary>
internal sealed class ImportInvokeAiCommand : AdminCommand
{
    private const string Usage =
        "usage: import-invokeai --from INVOKEAI_ROOT [--root/-r ROOT] [--dry-run] [--overwrite] [--import-jwt-secret] [--Invoke:Database:Provider=… --Invoke:Database:ConnectionString=…]";

    private readonly Option<string> _from = new("--from") { Description = "The root folder of the InvokeAI installation to import", HelpName = "INVOKEAI_ROOT" };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Print what would be imported and every problem found; write nothing" };
    private readonly Option<bool> _overwrite = new("--overwrite", "--force") { Description = "Replace records this server holds with different data for the same ids" };
    private readonly Option<bool> _importJwtSecret = new("--import-jwt-secret")
    {
        Description = "Take over InvokeAI's token secret, so that tokens it issued stay valid until they expire (off by default)",
    };

    public override string Name => "import-invokeai";

    public override string Description => "Import an InvokeAI installation: users, workflows, thumbnails, client state and models";

    public override IEnumerable<Option> Options => [_from, _dryRun, _overwrite, _importJwtSecret];

    public override async Task<int> ExecuteAsync(ParseResult options, IReadOnlyList<string> hostArgs, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var output = console.Out;
        if (options.GetValue(_from) is not { Length: > 0 } from)
        {
            output.WriteLine("❌ Error: --from is required: the root folder of the InvokeAI installation to import");
            output.WriteLine(Usage);
            return 1;
        }

        var importOptions = new InvokeAiImportOptions(options.GetValue(_dryRun), options.GetValue(_overwrite), options.GetValue(_importJwtSecret));
        try
        {
            // The source is checked (and copied) before the target is created or migrated.
            using var source = InvokeAiSource.Open(from);
            await using var app = InvokeHost.Build([.. hostArgs]);
            InvokeAiImporter.CheckTarget(source, app.Services.GetRequiredService<InvokePaths>());
            if (!importOptions.DryRun)
            {
                await StartupTasks.MigrateAsync(app.Services, cancellationToken);
                await StartupTasks.SeedAsync(app.Services, cancellationToken);
            }

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var targetIsEmpty = importOptions.DryRun && !await InvokeAiImporter.TargetIsReadyAsync(db, cancellationToken);
            var paths = scope.ServiceProvider.GetRequiredService<InvokePaths>();
            output.WriteLine($"Importing InvokeAI installation {source.Root} into {Describe(db, paths)}");
            if (importOptions.DryRun)
            {
                output.WriteLine("Dry run: nothing is written" + (targetIsEmpty ? " (the target database does not exist yet and is not created)" : string.Empty));
            }

            var importer = ActivatorUtilities.CreateInstance<InvokeAiImporter>(scope.ServiceProvider);
            var report = await importer.ImportAsync(source, importOptions, targetIsEmpty, line => output.WriteLine(line), cancellationToken);
            Print(output, report, importOptions.DryRun);
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

    private static void Print(TextWriter output, InvokeAiImportReport report, bool dryRun)
    {
        var verb = dryRun ? "would be" : "were";
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
            output.WriteLine(dryRun ? "✅ Dry run: nothing to import, everything is already here" : "✅ Nothing to import: everything is already here");
        }
        else
        {
            output.WriteLine(dryRun ? $"✅ Dry run finished: the records above {verb} imported; nothing was written" : "✅ Import finished");
        }
    }
}
