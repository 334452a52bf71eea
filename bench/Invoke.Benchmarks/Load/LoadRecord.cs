using System.Globalization;
using System.Text.Json;
using Invoke.Benchmarks.Report;

namespace Invoke.Benchmarks.Load;

/// <summary>Turns wrk's summary (from bench/load/library.lua) and the server's memory into a <see cref="LoadResult"/>.</summary>
internal static class LoadRecord
{
    public static async Task RunAsync(Dictionary<string, string> options)
    {
        using var wrk = JsonDocument.Parse(await File.ReadAllTextAsync(options["wrk"]));
        var root = wrk.RootElement;
        long Get(string name) => root.GetProperty(name).GetInt64();
        var seconds = Get("duration_us") / 1e6;
        var (rss, peak) = Memory(int.Parse(options["pid"], CultureInfo.InvariantCulture));
        var result = new LoadResult(
            options["name"], options["provider"], options["size"],
            int.Parse(options["connections"], CultureInfo.InvariantCulture), int.Parse(options["threads"], CultureInfo.InvariantCulture),
            seconds, Get("requests"), Get("requests") / seconds,
            Get("p50_us") / 1000.0, Get("p90_us") / 1000.0, Get("p99_us") / 1000.0, Get("max_us") / 1000.0,
            Get("connect"), Get("read"), Get("write"), Get("timeout"), Get("status"), rss, peak);
        await File.WriteAllTextAsync(options["out"], JsonSerializer.Serialize(result, Cli.Json));
        Console.WriteLine(
            $"  {result.Name}: {result.RequestsPerSecond:N0} req/s, p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, " +
            $"errors {result.ConnectErrors + result.ReadErrors + result.WriteErrors + result.Timeouts + result.StatusErrors}, RSS {rss / 1024} MB");
    }

    private static (long Rss, long Peak) Memory(int pid)
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return (rss, peak);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
