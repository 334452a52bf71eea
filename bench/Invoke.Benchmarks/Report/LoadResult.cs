namespace Invoke.Benchmarks.Report;

/// <summary>One wrk run, as bench/load/report.lua prints it, plus the server's memory after it.</summary>
public sealed record LoadResult(
    string Name,
    string Provider,
    string Size,
    int Connections,
    int Threads,
    double Seconds,
    long Requests,
    double RequestsPerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    long ConnectErrors,
    long ReadErrors,
    long WriteErrors,
    long Timeouts,
    long StatusErrors,
    long ServerRssKb,
    long ServerPeakRssKb);
