using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Invoke.Benchmarks.Dataset;
using Invoke.Benchmarks.Harness;
using Invoke.Benchmarks.Load;
using Invoke.Benchmarks.Report;
using Invoke.Benchmarks.Soak;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Benchmarks;

/// <summary>
/// <c>generate</c> a dataset, <c>bench</c> the handlers against their floors, <c>load-prep</c> the
/// HTTP load run, write the <c>report</c>, and the <c>soak</c> run (bench/soak.sh).
/// </summary>
internal static class Cli
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private const string Usage = """
        usage:
          Invoke.Benchmarks generate --provider Sqlite|Postgres --connection CS --root DIR --workflows N [--users U] --out FILE
          Invoke.Benchmarks bench    --provider Sqlite|Postgres --connection CS --root DIR --size LABEL --workflows N [--users U]
                                     [--generation FILE] [--seconds S] [--samples N] [--filter TEXT] --out FILE
          Invoke.Benchmarks load-prep --url URL --logins K --workflows N [--users U] --out FILE.lua
          Invoke.Benchmarks load-record --name NAME --provider P --size S --connections C --threads T --wrk FILE --pid PID --out FILE
          Invoke.Benchmarks report   --results DIR [--notes FILE.md] --out BENCHMARKS.md
          Invoke.Benchmarks soak     --server Invoke.WebApi.dll --provider Sqlite|Postgres --connection CS --work DIR
                                     [--nodes N] [--clients C] [--seconds S] [--fault pg-stop|sqlite-lock|none] [--fault-seconds S]
                                     [--pg-bin DIR --pg-state DIR --pg-options OPTS] [--out FILE.md]
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var options = Options(args[1..]);
        switch (args[0])
        {
            case "generate":
                await GenerateAsync(options);
                return 0;
            case "bench":
                await BenchAsync(options);
                return 0;
            case "load-prep":
                await LoadPreparation.RunAsync(
                    new Uri(options["url"]), int.Parse(options["logins"], CultureInfo.InvariantCulture), DatasetOf(options), options["out"]);
                return 0;
            case "load-record":
                await LoadRecord.RunAsync(options);
                return 0;
            case "soak":
                return await SoakRun.RunAsync(options);
            case "report":
                await ReportWriter.WriteAsync(options["results"], options.GetValueOrDefault("notes"), options["out"]);
                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static async Task GenerateAsync(Dictionary<string, string> options)
    {
        var dataset = DatasetOf(options);
        await using var host = new BenchHost(DatabaseOf(options));
        Console.WriteLine($"Generating {dataset.Workflows} workflows for {dataset.Users} users on {host.Database.Label}");
        await host.PrepareAsync(CancellationToken.None);
        var summary = await DatasetGenerator.GenerateAsync(host.Services, dataset, Console.Out);
        Console.WriteLine($"  done in {summary.Total.TotalSeconds:F1} s");
        await File.WriteAllTextAsync(options["out"], JsonSerializer.Serialize(summary, Json));
    }

    private static async Task BenchAsync(Dictionary<string, string> options)
    {
        var dataset = DatasetOf(options);
        var budget = new Budget(
            MaxSamples: options.TryGetValue("samples", out var samples) ? int.Parse(samples, CultureInfo.InvariantCulture) : 200,
            Seconds: options.TryGetValue("seconds", out var seconds) ? double.Parse(seconds, CultureInfo.InvariantCulture) : 2.0);
        DatasetSummary? generation = null;
        if (options.TryGetValue("generation", out var generationFile) && File.Exists(generationFile))
        {
            generation = JsonSerializer.Deserialize<DatasetSummary>(await File.ReadAllTextAsync(generationFile));
        }

        await using var host = new BenchHost(DatabaseOf(options));
        Console.WriteLine($"Benchmarking {host.Database.Label} at {options["size"]}");
        var stopwatch = Stopwatch.StartNew();
        var cases = await new LibraryBenchmarks(host, budget, Console.Out, options.GetValueOrDefault("filter")).RunAsync(dataset);
        var (typical, power) = await LibrarySizesAsync(host, dataset);
        var result = new RunResult(
            host.Database.Label, options["size"], dataset.Workflows, dataset.Users, typical, power, generation,
            stopwatch.Elapsed.TotalSeconds, DateTime.UtcNow, cases);
        await File.WriteAllTextAsync(options["out"], JsonSerializer.Serialize(result, Json));
    }

    private static async Task<(int Typical, int Power)> LibrarySizesAsync(BenchHost host, DatasetOptions dataset)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        async Task<int> CountAsync(string email)
        {
            var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            return await db.Workflows.CountAsync(w => w.OwnerId == id);
        }

        return (await CountAsync(DatasetOptions.UserEmail(dataset.TypicalUserIndex)),
            await CountAsync(DatasetOptions.UserEmail(DatasetOptions.PowerUserIndex)));
    }

    private static DatasetOptions DatasetOf(Dictionary<string, string> options)
    {
        var workflows = int.Parse(options["workflows"], CultureInfo.InvariantCulture);
        var users = options.TryGetValue("users", out var total)
            ? int.Parse(total, CultureInfo.InvariantCulture)
            : DatasetOptions.DefaultUsers(workflows);
        return new DatasetOptions(workflows, users);
    }

    private static BenchDatabase DatabaseOf(Dictionary<string, string> options) =>
        new(options["provider"], options["connection"], options["root"]);

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option, got '{args[i]}'.");
            }

            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }
}
