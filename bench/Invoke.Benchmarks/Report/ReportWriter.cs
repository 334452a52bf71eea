using System.Globalization;
using System.Text;
using System.Text.Json;
using Invoke.Benchmarks.Harness;

namespace Invoke.Benchmarks.Report;

/// <summary>
/// Writes BENCHMARKS.md from the results of one <c>bench/run.sh</c>: the machine, commit and date,
/// the datasets, every case (handler beside floor) per provider and size, the targets checked
/// against the measurements, the plans of the cases that miss, and the HTTP load run.
/// </summary>
internal static class ReportWriter
{
    private const double ReadTargetMs = 10;
    private const double SearchAllTargetMs = 100;
    private const double FloorRatioTarget = 1.5;
    private const double GrowthTarget = 2;
    private const int MaxPlansPerCase = 4;

    /// <summary>
    /// BENCHMARKS.md's sections that other commands write (the import figures, <c>bench/request-cost.sh</c>,
    /// <c>bench/soak.sh</c>) follow this line; a new report keeps everything from it on as it is.
    /// </summary>
    private const string KeptSectionsMarker = "<!-- Below: sections written by other commands; bench/run.sh keeps them. -->";

    public static async Task WriteAsync(string resultsDirectory, string? notesFile, string output)
    {
        var runs = new List<RunResult>();
        foreach (var file in Directory.GetFiles(resultsDirectory, "bench-*.json").Order(StringComparer.Ordinal))
        {
            runs.Add(JsonSerializer.Deserialize<RunResult>(await File.ReadAllTextAsync(file))!);
        }

        var loads = new List<LoadResult>();
        foreach (var file in Directory.GetFiles(resultsDirectory, "load-*.json").Order(StringComparer.Ordinal))
        {
            loads.Add(JsonSerializer.Deserialize<LoadResult>(await File.ReadAllTextAsync(file))!);
        }

        runs = runs.OrderBy(r => r.Provider, StringComparer.Ordinal).ThenBy(r => r.Workflows).ToList();
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks").AppendLine();
        md.AppendLine("Written by `bench/run.sh` (see `bench/README.md`); every figure below was measured in the runs described here.").AppendLine();
        WriteRuns(md, resultsDirectory);

        if (notesFile is not null && Read(notesFile) is { Length: > 0 } notes)
        {
            md.AppendLine(notes.Trim()).AppendLine();
        }

        WriteMethod(md);
        WriteDatasets(md, runs);
        WriteTargets(md, runs);
        WriteLoad(md, loads);
        foreach (var run in runs)
        {
            WriteRun(md, run);
        }

        WritePlans(md, runs);

        var previous = Read(output);
        var kept = previous.IndexOf(KeptSectionsMarker, StringComparison.Ordinal);
        md.AppendLine().AppendLine(kept >= 0 ? previous[kept..].TrimEnd() : KeptSectionsMarker);

        await File.WriteAllTextAsync(output, md.ToString());
        Console.WriteLine($"Wrote {output}");
    }

    /// <summary>One row per <c>bench/run.sh</c> whose results are in the report, then the machine (the same for all).</summary>
    private static void WriteRuns(StringBuilder md, string resultsDirectory)
    {
        var runs = Directory.GetFiles(resultsDirectory, "run-*.txt")
            .Select(file => Read(file).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
                .Where(cells => cells.Length >= 4 && cells[1].Length > 0 && cells[1] != "---")
                .ToDictionary(cells => cells[1], cells => cells[2], StringComparer.Ordinal))
            .OrderBy(run => run.GetValueOrDefault("date"), StringComparer.Ordinal)
            .ToList();
        if (runs.Count == 0)
        {
            return;
        }

        md.AppendLine("| date | commit | command |").AppendLine("|---|---|---|");
        foreach (var run in runs)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {run.GetValueOrDefault("date")} | {run.GetValueOrDefault("commit")} | {run.GetValueOrDefault("command")} |");
        }

        md.AppendLine().AppendLine("| | |").AppendLine("|---|---|");
        foreach (var key in new[] { "machine", "runtime", "PostgreSQL settings" })
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {runs[^1].GetValueOrDefault(key)} |");
        }

        md.AppendLine();
    }

    private static void WriteMethod(StringBuilder md)
    {
        md.AppendLine("""
            ## How these were measured

            * **Handler**: the use case sent through `ISender` in a fresh DI scope of the real server host
              (`InvokeHost.Build`, multi-user mode), exactly as the endpoint sends it, with the UI's parameter
              sets (contract §4.5), `per_page=30`. Logging at Warning (the server's default for the pipeline behaviours).
            * **Floor**: the same answer (same rows, same total, same counts) fetched with hand-written SQL through plain
              ADO.NET, on the same database with the same connection string, opening a pooled connection per operation.
              It uses the best query a person would write on this schema (the counts table where it answers, the trigram
              index for searches over many rows, one pass for 17 tag counts). Before timing, the handler's and the floor's
              answers are compared; a case where they differ is marked **DISAGREE**.
            * Each operation is timed on its own (percentiles are per operation). Both sides are warmed up
              (≥10 operations and ≥0.5 s), then measured in 4 alternating rounds (handler, floor, handler, floor…),
              up to 200 operations or 2 s per side; a case slower than 0.5 s gets 4–8 operations.
              The process runs with `DOTNET_TC_CallCountingDelayMs=0` so that tiered JIT reaches optimized code during
              warm-up instead of recompiling in the background while measuring (on 2 cores that put 5–15 ms p95 tails
              on every case).
            * **Ratio** = handler p50 / floor p50. Times in milliseconds.
            * The benchmark caller is a regular user in the middle of the ownership distribution ("typical", about 70
              workflows at every size); "power user" is the user with the largest library (about 1/√U of it); the
              administrator sees the whole library.
            """).AppendLine();
    }

    private static void WriteDatasets(StringBuilder md, List<RunResult> runs)
    {
        md.AppendLine("## Datasets").AppendLine();
        md.AppendLine("| provider | size | workflows | users | shared | opened | document KB avg (min–max) | typical / power user's workflows | generate: users + workflows + indexes = total | benchmark run |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---|---|---|---:|");
        foreach (var run in runs)
        {
            var g = run.Generation;
            var generation = g is null
                ? "(reused)"
                : $"{g.UsersTime.TotalSeconds:F0} + {g.WorkflowsTime.TotalSeconds:F0} + {g.IndexTime.TotalSeconds:F0} = **{g.Total.TotalSeconds:F0} s**";
            var documents = g is null
                ? ""
                : $"{g.DocumentBytes / 1024.0 / Math.Max(1, g.Workflows):F1} ({g.MinDocumentBytes / 1024.0:F1}–{g.MaxDocumentBytes / 1024.0:F1})";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Provider} | {run.Size} | {run.Workflows:N0} | {run.Users:N0} | {(g is null ? "" : $"{g.Shared:N0} ({100.0 * g.Shared / g.Workflows:F1}%)")} | {(g is null ? "" : $"{g.Opened:N0}")} | {documents} | {run.TypicalUserWorkflows} / {run.PowerUserWorkflows:N0} | {generation} | {run.BenchmarkSeconds:F0} s |");
        }

        md.AppendLine();
    }

    private static void WriteTargets(StringBuilder md, List<RunResult> runs)
    {
        md.AppendLine("## Targets").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"""
            Checked per provider at the largest size measured, against the smallest: every library read except search over
            all workflows p95 ≤ {ReadTargetMs} ms and at most {GrowthTarget}× its figure at the smallest size (judged on the
            medians: the p95 of a sub-millisecond case moves by several milliseconds between runs on this 2-core machine, so
            its growth is shown but not judged); search over all workflows p95 ≤ {SearchAllTargetMs} ms; handler ≤
            {FloorRatioTarget}× the floor (p50). ✅ met, ❌ missed (by how much).
            """).AppendLine();
        foreach (var provider in runs.Select(r => r.Provider).Distinct())
        {
            var sizes = runs.Where(r => r.Provider == provider).OrderBy(r => r.Workflows).ToList();
            var small = sizes[0];
            var large = sizes[^1];
            md.AppendLine(CultureInfo.InvariantCulture, $"### {provider}: {large.Size} against {small.Size}").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"| case | p50 / p95 {small.Size} | p50 / p95 {large.Size} | latency target (p95) | growth {large.Size}/{small.Size} | handler/floor at {large.Size} |");
            md.AppendLine("|---|---:|---:|---|---|---|");
            foreach (var c in large.Cases.Where(c => c.Group != "Write"))
            {
                var before = small.Cases.FirstOrDefault(s => s.Name == c.Name);
                var searchAll = c.Group == "Search all";
                var limit = searchAll ? SearchAllTargetMs : ReadTargetMs;
                var latency = c.Handler.P95 <= limit ? $"✅ ≤ {limit}" : $"❌ {c.Handler.P95 / limit:F1}× over {limit}";
                var growth = searchAll || before is null || ReferenceEquals(small, large)
                    ? "–"
                    : Growth(c.Handler, before.Handler);
                var ratio = c.Floor is null ? "–" : Ratio(c);
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {c.Name}{Disagree(c)} | {Ms(before?.Handler.P50)} / {Ms(before?.Handler.P95)} | {Ms(c.Handler.P50)} / {Ms(c.Handler.P95)} | {latency} | {growth} | {ratio} |");
            }

            md.AppendLine();
        }
    }

    /// <summary>Judged on the medians: a p95 under a few milliseconds moves by more than 2× between runs on 2 cores.</summary>
    private static string Growth(Timing large, Timing small)
    {
        var median = large.P50 / Math.Max(small.P50, 0.001);
        var tail = large.P95 / Math.Max(small.P95, 0.001);
        return (median <= GrowthTarget ? "✅" : "❌") + $" p50 {median:F1}× (p95 {tail:F1}×)";
    }

    private static string Ratio(CaseResult c)
    {
        var ratio = c.Handler.P50 / Math.Max(c.Floor!.P50, 0.001);
        return ratio <= FloorRatioTarget ? $"✅ {ratio:F1}×" : $"❌ {ratio:F1}×";
    }

    private static void WriteRun(StringBuilder md, RunResult run)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"## {run.Provider}, {run.Size}: every case").AppendLine();
        md.AppendLine("| case | handler p50 | handler p95 | handler p99 | floor p50 | floor p95 | ratio p50 | n (handler/floor) | notes |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var c in run.Cases)
        {
            var floor = c.Floor;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Name}{Disagree(c)} | {Ms(c.Handler.P50)} | {Ms(c.Handler.P95)} | {Ms(c.Handler.P99)} | {Ms(floor?.P50)} | {Ms(floor?.P95)} | {(floor is null ? "" : $"{c.Handler.P50 / Math.Max(floor.P50, 0.001):F1}×")} | {c.Handler.Samples}/{floor?.Samples} | {c.Detail} |");
        }

        md.AppendLine();
    }

    private static void WriteLoad(StringBuilder md, List<LoadResult> loads)
    {
        md.AppendLine("## HTTP load run").AppendLine();
        if (loads.Count == 0)
        {
            md.AppendLine("Not run.").AppendLine();
            return;
        }

        md.AppendLine("""
            The server started as a newcomer starts it (`dotnet run -c Release --project src/WebApi -- --Invoke:MultiUser=true …`,
            default logging), on the generated database; wrk (Debian's package) in a second process over loopback, each request
            sent with the bearer token of one of the logged-in users (see `bench/load/*.lua` for the mix). Server memory is the
            resident set (VmRSS) after the run and its peak (VmHWM) since start. The machine's 2 cores are shared by wrk and the server.
            """).AppendLine();
        md.AppendLine("| run | database | connections | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors (connect/read/write/timeout/non-2xx) | server RSS / peak MB |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var l in loads.OrderBy(l => l.Provider, StringComparer.Ordinal).ThenBy(l => Workflows(l.Size)).ThenBy(l => l.Name, StringComparer.Ordinal))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {l.Name} | {l.Provider} {l.Size} | {l.Connections} | {l.RequestsPerSecond:N0} | {l.P50Ms:F1} | {l.P90Ms:F1} | {l.P99Ms:F1} | {l.MaxMs:F0} | {l.ConnectErrors}/{l.ReadErrors}/{l.WriteErrors}/{l.Timeouts}/**{l.StatusErrors}** | {l.ServerRssKb / 1024} / {l.ServerPeakRssKb / 1024} |");
        }

        md.AppendLine();
    }

    private static void WritePlans(StringBuilder md, List<RunResult> runs)
    {
        md.AppendLine("## Plans of the reads that miss a latency target").AppendLine();
        md.AppendLine("The SQL EF Core sent for the case (captured from its diagnostic events) and the database's plan: `EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL, at the largest size measured.").AppendLine();
        foreach (var run in runs.GroupBy(r => r.Provider).Select(g => g.OrderBy(r => r.Workflows).Last()))
        {
            foreach (var c in run.Cases.Where(c => c.Group != "Write" && c.Handler.P95 > (c.Group == "Search all" ? SearchAllTargetMs : ReadTargetMs)))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"<details><summary>{run.Provider} {run.Size}: {c.Name} (p95 {Ms(c.Handler.P95)} ms)</summary>").AppendLine();
                foreach (var plan in c.Plans.Take(MaxPlansPerCase))
                {
                    md.AppendLine("```sql").AppendLine(plan.Sql.Trim()).AppendLine("```");
                    md.AppendLine("```").AppendLine(plan.Plan.Trim()).AppendLine("```");
                }

                if (c.Plans.Count > MaxPlansPerCase)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"… and {c.Plans.Count - MaxPlansPerCase} more statements of the same shape.").AppendLine();
                }

                if (c.FloorSql is not null)
                {
                    md.AppendLine("Floor:").AppendLine("```sql").AppendLine(c.FloorSql.Trim()).AppendLine("```");
                }

                md.AppendLine("</details>").AppendLine();
            }
        }
    }

    /// <summary>"10k" → 10 000, "1m" → 1 000 000, as bench/run.sh reads a size.</summary>
    private static long Workflows(string size) => size[^1] switch
    {
        'k' => long.Parse(size[..^1], CultureInfo.InvariantCulture) * 1_000,
        'm' => long.Parse(size[..^1], CultureInfo.InvariantCulture) * 1_000_000,
        _ => long.TryParse(size, CultureInfo.InvariantCulture, out var n) ? n : 0,
    };

    private static string Disagree(CaseResult c) => c.Agrees == false ? " **DISAGREE**" : "";

    private static string Ms(double? value) => value switch
    {
        null => "",
        < 1 => value.Value.ToString("F3", CultureInfo.InvariantCulture),
        < 100 => value.Value.ToString("F2", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("F0", CultureInfo.InvariantCulture),
    };

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
}
