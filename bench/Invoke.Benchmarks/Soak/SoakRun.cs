using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Invoke.Benchmarks.Soak;

/// <summary>
/// <c>soak</c>: the operator's trial of issue 9. Starts N real server processes (multi-user mode) on
/// one database, sets up an administrator and users over HTTP, runs concurrent clients spread over
/// the nodes for a while, injects a database fault in the middle, and then checks: no 5xx other than
/// 503/507 (503 with Retry-After and a detail), every maintained count equals the rows (the server's
/// own <c>verify</c> command, and the HTTP counts against SQL), no acknowledged change lost or
/// reverted (<see cref="AckLog.Check"/>), every node healthy afterwards without a restart.
/// Writes a Markdown summary; the exit code is 1 on any violation.
/// </summary>
internal sealed class SoakRun(Dictionary<string, string> options)
{
    private const string Password = "Soak-Run-Pass-2026";
    private const int Users = 4;
    private const int HotSetPerUser = 3;

    private readonly string _server = Path.GetFullPath(options["server"]);
    private readonly string _provider = options["provider"];
    private readonly string _connection = options["connection"];
    private readonly int _nodes = Int(options, "nodes", 1);
    private readonly int _clients = Int(options, "clients", 32);
    private readonly int _seconds = Int(options, "seconds", 60);
    private readonly string _fault = options.GetValueOrDefault("fault", "none");
    private readonly string _work = Path.GetFullPath(options["work"]);
    private readonly AckLog _acks = new();
    private readonly ResponseLog _responses = new();
    private readonly List<string> _failures = [];
    private readonly List<string> _checks = [];

    private Dictionary<string, string> Settings => new()
    {
        ["Invoke:MultiUser"] = "true",
        ["Invoke:Database:Provider"] = _provider,
        ["Invoke:Database:ConnectionString"] = _connection,
    };

    public static Task<int> RunAsync(Dictionary<string, string> options) => new SoakRun(options).RunAsync();

    private async Task<int> RunAsync()
    {
        Directory.CreateDirectory(_work);
        var label = $"{_provider}, {_nodes} node(s)";
        Console.WriteLine($"Soak on {label}: {_clients} clients for {_seconds} s, fault: {_fault}");
        var nodes = Enumerable.Range(0, _nodes)
            .Select(i => SoakNode.Start($"node {(char)('A' + i)}", _server, Path.Combine(_work, $"node-{i}"), Settings))
            .ToList();
        try
        {
            var healthy = await Task.WhenAll(nodes.Select(n => n.WaitUntilHealthyAsync(TimeSpan.FromMinutes(4))));
            if (healthy.Any(h => !h))
            {
                Console.Error.WriteLine($"A node did not become healthy; see {_work}/node-*/node.log");
                return 1;
            }

            var (admin, users) = await SetUpAccountsAsync(nodes[0].Address);
            Console.WriteLine($"  {nodes.Count} node(s) healthy; administrator and {users.Count} users set up; hot sets created");

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(_seconds));
            var started = Stopwatch.GetTimestamp();
            var clients = Enumerable.Range(0, _clients)
                .Select(i => new SoakClient(i, users[i % users.Count], nodes[i % nodes.Count].Address, users, _acks, _responses).RunAsync(stop.Token))
                .ToList();
            var fault = InjectFaultAsync(started);
            await Task.WhenAll(clients);
            var window = await fault;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine($"  {_responses.Total} requests in {elapsed:F0} s; fault: {window}");

            await CheckHealthAfterFaultAsync(nodes);
            await CheckStatusesAsync();
            var stored = await ReadStoredAsync();
            CheckAcknowledged(stored);
            await CheckVerifyCommandAsync(nodes[0].Root);
            await CheckCountsOverHttpAsync(nodes[^1].Address, admin, users, stored);

            var summary = Summary(label, window, elapsed, stored.Count);
            Console.WriteLine(summary);
            if (options.TryGetValue("out", out var output))
            {
                await File.WriteAllTextAsync(output, summary);
            }

            return _failures.Count == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private async Task<(SoakUser Admin, List<SoakUser> Users)> SetUpAccountsAsync(Uri node)
    {
        using var anonymous = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(60) };
        using (var setup = await anonymous.PostAsJsonAsync("/api/v1/auth/setup", new { email = "admin@soak.test", display_name = "Admin", password = Password }))
        {
            await EnsureAsync(setup, "setup");
        }

        var admin = await LogInAsync(anonymous, "admin@soak.test");
        using var adminClient = SoakClient.ClientFor(node, admin.Token);
        var users = new List<SoakUser>();
        for (var i = 0; i < Users; i++)
        {
            var email = $"user{i}@soak.test";
            using (var created = await adminClient.PostAsJsonAsync("/api/v1/auth/users/", new { email, display_name = $"User {i}", password = Password, is_admin = false }))
            {
                await EnsureAsync(created, "create user");
            }

            var user = await LogInAsync(anonymous, email);
            using var client = SoakClient.ClientFor(node, user.Token);
            for (var w = 0; w < HotSetPerUser + 5; w++)
            {
                var id = await SoakClient.CreateAsync(client, _acks, _responses, SoakClient.Tags[w % SoakClient.Tags.Length])
                    ?? throw new InvalidOperationException("Creating the initial workflows failed");
                user.Workflows.Add(id);
            }

            user.HotSetSize = HotSetPerUser;
            users.Add(user);
        }

        return (admin, users);
    }

    private static async Task<SoakUser> LogInAsync(HttpClient anonymous, string email)
    {
        using var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password, remember_me = false });
        await EnsureAsync(login, "login");
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        return new SoakUser(email, body.GetProperty("user").GetProperty("user_id").GetString()!, body.GetProperty("token").GetString()!);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>In the middle of the run: PostgreSQL stopped for ~5 s, or SQLite's write lock held past the busy timeout.</summary>
    private async Task<string> InjectFaultAsync(long started)
    {
        var hold = TimeSpan.FromSeconds(Int(options, "fault-seconds", _fault == "sqlite-lock" ? 8 : 5));
        var at = TimeSpan.FromSeconds(_seconds / 2.0) - hold / 2;
        await Task.Delay(at > TimeSpan.Zero ? at : TimeSpan.Zero);
        var from = Stopwatch.GetElapsedTime(started).TotalSeconds;
        switch (_fault)
        {
            case "pg-stop":
                await PgCtlAsync("-m", "fast", "stop");
                await Task.Delay(hold);
                await PgCtlAsync("-l", Path.Combine(options["pg-state"], "server.log"), "-o", options["pg-options"], "start");
                break;
            case "sqlite-lock":
                await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connection) { Pooling = false }.ToString()))
                {
                    await connection.OpenAsync();
                    await using var begin = connection.CreateCommand();
                    begin.CommandText = "BEGIN IMMEDIATE";
                    await begin.ExecuteNonQueryAsync();
                    await Task.Delay(hold);
                    await using var commit = connection.CreateCommand();
                    commit.CommandText = "COMMIT";
                    await commit.ExecuteNonQueryAsync();
                }

                break;
            case "none":
                return "none";
            default:
                throw new ArgumentException($"Unknown fault '{_fault}' (pg-stop, sqlite-lock, none)");
        }

        var to = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var what = _fault == "pg-stop"
            ? $"PostgreSQL stopped (pg_ctl stop -m fast) and started again after {hold.TotalSeconds:F0} s"
            : $"an outside connection held SQLite's write lock (BEGIN IMMEDIATE … COMMIT) for {hold.TotalSeconds:F0} s, past the 5 s busy timeout";
        return $"{what}, from t={from:F1} s to t={to:F1} s";
    }

    private async Task PgCtlAsync(params string[] args)
    {
        var pgCtl = Path.Combine(options["pg-bin"], "pg_ctl");
        string[] command = [pgCtl, "-D", Path.Combine(options["pg-state"], "data"), "-w", .. args];
        var start = Environment.UserName == "root"
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--" } }
            : new ProcessStartInfo(command[0]);
        foreach (var arg in Environment.UserName == "root" ? command : command[1..])
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', args)} failed: {output}");
        }
    }

    private async Task CheckHealthAfterFaultAsync(List<SoakNode> nodes)
    {
        foreach (var node in nodes)
        {
            var healthy = !node.HasExited && await node.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
            Check($"{node.Name} healthy after the fault, same process (no restart)", healthy, healthy ? null : $"{node.Name} is not healthy");
        }
    }

    private Task CheckStatusesAsync()
    {
        var violations = _responses.Violations;
        Check("no 5xx other than 503/507; every 503 with Retry-After and a detail; every request answered",
            violations.Count == 0, violations.Count == 0 ? null : $"{violations.Count} violation(s), e.g.\n    " + string.Join("\n    ", violations.Take(10)));
        return Task.CompletedTask;
    }

    private void CheckAcknowledged(Dictionary<string, StoredWorkflow> stored)
    {
        var changes = _acks.Changes;
        var violations = AckLog.Check(changes, stored);
        var acked = changes.Count(c => c.Outcome == Outcome.Acked && c.Kind != Change.Read);
        Check($"no acknowledged change lost or reverted ({acked} acknowledged changes of {changes.Select(c => c.WorkflowId).Distinct().Count()} workflows; stored columns agree with documents)",
            violations.Count == 0, violations.Count == 0 ? null : $"{violations.Count} violation(s), e.g.\n    " + string.Join("\n    ", violations.Take(10)));
    }

    private async Task CheckVerifyCommandAsync(string root)
    {
        var (exitCode, output) = await SoakNode.RunCommandAsync(_server, root, Settings, "verify");
        Check("`verify` (the server's admin command) finds every maintained count equal to the rows",
            exitCode == 0 && !output.Contains('❌', StringComparison.Ordinal), $"exit {exitCode}: {output}");
    }

    /// <summary>
    /// <c>counts_by_category</c> and <c>counts_by_tag</c> over HTTP (the administrator's and the
    /// shared views, which the maintained counts answer) against SQL counts of the rows, and every
    /// workflow reachable by paging through the list.
    /// </summary>
    private async Task CheckCountsOverHttpAsync(Uri node, SoakUser admin, List<SoakUser> users, Dictionary<string, StoredWorkflow> stored)
    {
        var differences = new List<string>();
        using var adminClient = SoakClient.ClientFor(node, admin.Token);
        using var userClient = SoakClient.ClientFor(node, users[0].Token);
        var rows = await ReadRowsAsync();
        foreach (var (client, who, sharedOnly) in new[] { (adminClient, "administrator", (bool?)null), (userClient, "user0", true) })
        {
            foreach (var isPublic in sharedOnly is null ? new bool?[] { null, true, false } : [true])
            {
                foreach (var opened in new bool?[] { null, true, false })
                {
                    var query = Filter(isPublic, opened);
                    var http = await GetJsonAsync(client, $"/api/v1/workflows/counts_by_category?categories=user&categories=default{query}");
                    foreach (var category in new[] { "user", "default" })
                    {
                        var sql = rows.Count(r => r.Category == category && (isPublic is null || r.IsPublic == isPublic) && (opened is null || r.IsOpened == opened));
                        var answered = http.GetProperty(category).GetInt32();
                        if (answered != sql)
                        {
                            differences.Add($"{who} counts_by_category {category}{query}: HTTP {answered}, SQL {sql}");
                        }
                    }

                    var tags = await GetJsonAsync(client, $"/api/v1/workflows/counts_by_tag?categories=user&{string.Join('&', SoakClient.Tags.Select(t => "tags=" + t))}{query}");
                    foreach (var tag in SoakClient.Tags)
                    {
                        var sql = stored.Values.Count(w => (isPublic is null || w.IsPublic == isPublic) && (opened is null || w.IsOpened == opened)
                            && w.Tags.Split(',', StringSplitOptions.TrimEntries).Contains(tag));
                        var answered = tags.TryGetProperty(tag, out var n) ? n.GetInt32() : 0;
                        if (answered != sql)
                        {
                            differences.Add($"{who} counts_by_tag {tag}{query}: HTTP {answered}, SQL {sql}");
                        }
                    }
                }
            }
        }

        Check("`counts_by_category` / `counts_by_tag` over HTTP equal SQL counts of the rows (administrator: all 9 filters; user: shared)",
            differences.Count == 0, string.Join("\n    ", differences.Take(10)));

        var unreachable = new List<string>();
        var all = await PageAsync(adminClient, "categories=user");
        Compare("administrator, all user workflows", all, stored.Keys, unreachable);
        var shared = await PageAsync(userClient, "categories=user&is_public=true");
        Compare("user0, shared", shared, stored.Values.Where(w => w.IsPublic).Select(w => w.WorkflowId), unreachable);
        foreach (var user in users)
        {
            using var client = SoakClient.ClientFor(node, user.Token);
            var own = await PageAsync(client, "categories=user");
            Compare($"{user.Email}, own", own, rows.Where(r => r.Category == "user" && r.OwnerId == user.UserId).Select(r => r.WorkflowId), unreachable);
        }

        Check("every workflow reachable by paging the list (per_page=7), and each list's total equals its rows",
            unreachable.Count == 0, string.Join("\n    ", unreachable.Take(10)));
    }

    private static string Filter(bool? isPublic, bool? opened) =>
        (isPublic is { } p ? $"&is_public={(p ? "true" : "false")}" : "") + (opened is { } o ? $"&has_been_opened={(o ? "true" : "false")}" : "");

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        await EnsureAsync(response, path);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<(List<string> Ids, int Total)> PageAsync(HttpClient client, string filter)
    {
        var ids = new List<string>();
        var total = 0;
        for (var page = 0; ; page++)
        {
            var body = await GetJsonAsync(client, $"/api/v1/workflows/?{filter}&per_page=7&page={page}&order_by=name");
            total = body.GetProperty("total").GetInt32();
            var items = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("workflow_id").GetString()!).ToList();
            ids.AddRange(items);
            if (items.Count == 0 || page >= body.GetProperty("pages").GetInt32() - 1)
            {
                return (ids, total);
            }
        }
    }

    private static void Compare(string what, (List<string> Ids, int Total) listed, IEnumerable<string> expected, List<string> problems)
    {
        var want = expected.ToHashSet(StringComparer.Ordinal);
        var got = listed.Ids.ToHashSet(StringComparer.Ordinal);
        if (listed.Ids.Count != got.Count)
        {
            problems.Add($"{what}: {listed.Ids.Count - got.Count} workflow(s) listed twice");
        }

        if (!got.SetEquals(want))
        {
            problems.Add($"{what}: {want.Except(got).Count()} unreachable by paging, {got.Except(want).Count()} listed but not stored");
        }

        if (listed.Total != want.Count)
        {
            problems.Add($"{what}: total {listed.Total}, rows {want.Count}");
        }
    }

    private sealed record Row(string WorkflowId, string OwnerId, string Category, bool IsPublic, bool IsOpened);

    private DbConnection Open() => _provider == "Postgres"
        ? new NpgsqlConnection(_connection)
        : new SqliteConnection(new SqliteConnectionStringBuilder(_connection) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());

    private async Task<List<Row>> ReadRowsAsync()
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT workflow_id, user_id, category, is_public, opened_at IS NOT NULL FROM workflow_library";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1), reader.GetString(2),
                Convert.ToBoolean(reader.GetValue(3), CultureInfo.InvariantCulture), Convert.ToBoolean(reader.GetValue(4), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>Every user-category workflow as stored: columns, the document's own name and tags, whether a thumbnail row exists.</summary>
    private async Task<Dictionary<string, StoredWorkflow>> ReadStoredAsync()
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT l.workflow_id, l.name, l.tags, l.is_public, l.opened_at IS NOT NULL, l.has_thumbnail, l.version, d.workflow,
                   EXISTS (SELECT 1 FROM workflow_thumbnails t WHERE t.workflow_row_id = l.id)
            FROM workflow_library l JOIN workflow_documents d ON d.id = l.id
            WHERE l.category = 'user'
            """;
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new Dictionary<string, StoredWorkflow>(StringComparer.Ordinal);
        var thumbnailMismatches = new List<string>();
        while (await reader.ReadAsync())
        {
            using var document = JsonDocument.Parse(reader.GetString(7));
            var id = reader.GetString(0);
            var hasThumbnail = Convert.ToBoolean(reader.GetValue(5), CultureInfo.InvariantCulture);
            if (hasThumbnail != Convert.ToBoolean(reader.GetValue(8), CultureInfo.InvariantCulture))
            {
                thumbnailMismatches.Add(id);
            }

            stored[id] = new StoredWorkflow(
                id, reader.GetString(1), document.RootElement.GetProperty("name").GetString() ?? "",
                reader.IsDBNull(2) ? "" : reader.GetString(2), document.RootElement.GetProperty("tags").GetString() ?? "",
                Convert.ToBoolean(reader.GetValue(3), CultureInfo.InvariantCulture), Convert.ToBoolean(reader.GetValue(4), CultureInfo.InvariantCulture),
                hasThumbnail, Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture));
        }

        Check("has_thumbnail agrees with the stored thumbnail rows", thumbnailMismatches.Count == 0,
            $"{thumbnailMismatches.Count} workflow(s), e.g. {string.Join(", ", thumbnailMismatches.Take(5))}");
        return stored;
    }

    private void Check(string name, bool passed, string? failure)
    {
        _checks.Add($"| {name} | {(passed ? "pass" : "**FAIL**")} |");
        Console.WriteLine($"  {(passed ? "pass" : "FAIL")}: {name}");
        if (!passed)
        {
            _failures.Add(name);
            Console.WriteLine($"    {failure}");
        }
    }

    private string Summary(string label, string fault, double elapsed, int workflows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"#### {label}: {_clients} clients, {_seconds} s");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Fault: {fault}.");
        text.AppendLine();
        var statuses = _responses.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"Requests: {_responses.Total} in {elapsed:F0} s ({_responses.Total / elapsed:F0}/s); " +
            $"{_acks.Changes.Count(c => c.Outcome == Outcome.Acked && c.Kind != Change.Read)} acknowledged changes; {workflows} user workflows at the end.");
        var (median, p99, max) = _responses.Latencies();
        text.AppendLine(CultureInfo.InvariantCulture, $"Response times (every request of the clients, fault included): median {median:F0} ms, 99th percentile {p99:F0} ms, slowest {max:F0} ms.");
        text.AppendLine();
        text.AppendLine("| status | responses |");
        text.AppendLine("|---|---:|");
        foreach (var (status, count) in statuses)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {status} | {count} |");
        }

        text.AppendLine();
        text.AppendLine("| check | result |");
        text.AppendLine("|---|---|");
        foreach (var check in _checks)
        {
            text.AppendLine(check);
        }

        return text.ToString();
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
