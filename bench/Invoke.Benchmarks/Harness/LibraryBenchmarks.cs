using System.Diagnostics;
using Invoke.Application.Security;
using Invoke.Application.Workflows;
using Invoke.Benchmarks.Dataset;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Invoke.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Benchmarks.Harness;

/// <summary>One measured case: the handler, and beside it the floor when there is one.</summary>
public sealed record CaseResult(
    string Group, string Name, Timing Handler, Timing? Floor, bool? Agrees, string? Detail, List<QueryPlan> Plans, string? FloorSql);

/// <summary>
/// Every library read and write a client makes, sent through <c>ISender</c> exactly as the API
/// sends them (contract §4.5 parameter sets), each beside the same result fetched with hand-written
/// SQL (<see cref="Floor"/>). Before timing, the two answers are compared.
/// </summary>
/// <param name="filter">Only the cases whose name contains one of these '|'-separated texts (null: every case).</param>
public sealed class LibraryBenchmarks(BenchHost host, Budget budget, TextWriter log, string? filter = null)
{
    private static readonly (WorkflowOrderBy OrderBy, SortDirection Direction)[] Orders =
    [
        (WorkflowOrderBy.OpenedAt, SortDirection.Descending),
        (WorkflowOrderBy.Name, SortDirection.Ascending),
        (WorkflowOrderBy.CreatedAt, SortDirection.Descending),
        (WorkflowOrderBy.UpdatedAt, SortDirection.Descending),
        (WorkflowOrderBy.IsPublic, SortDirection.Descending),
    ];

    private readonly List<CaseResult> _results = [];
    private readonly PlanCapture _plans = new();
    private readonly Dictionary<Caller, AuthenticatedUser> _users = [];
    private Floor _floor = null!;
    private AppDbContext? _lookup;
    private AsyncServiceScope _lookupScope;

    public async Task<List<CaseResult>> RunAsync(DatasetOptions dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        _lookupScope = host.Services.CreateAsyncScope();
        _lookup = _lookupScope.ServiceProvider.GetRequiredService<AppDbContext>();
        _floor = new Floor(host.Database.IsSqlite, _lookup.Database.GetConnectionString()!);
        _users[Caller.Typical] = await UserAsync(DatasetOptions.UserEmail(dataset.TypicalUserIndex), false);
        _users[Caller.Power] = await UserAsync(DatasetOptions.UserEmail(DatasetOptions.PowerUserIndex), false);
        _users[Caller.Admin] = await UserAsync(DatasetOptions.AdministratorEmail, true);

        await WarmUpAsync();
        await ListsAsync();
        await ReadsAsync();
        await WritesAsync();
        await _lookupScope.DisposeAsync();
        _plans.Dispose();
        return _results;
    }

    /// <summary>A few seconds of requests before the first measured case: JIT, connection pools, caches.</summary>
    private async Task WarmUpAsync()
    {
        const string sql = "SELECT COUNT(*) FROM workflow_library WHERE user_id = @u AND category = 'user'";
        var query = new ListWorkflowsQuery(
            new WorkflowFilter(ListView.User), WorkflowOrderBy.OpenedAt, SortDirection.Descending, 0, ListView.PerPage);
        var parameters = Parameters(sql, Caller.Typical, null);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < 3)
        {
            await SendAsync(Caller.Typical, query);
            await _floor.ScalarAsync(sql, parameters);
        }
    }

    // ---- the library pages ------------------------------------------------------------------

    private async Task ListsAsync()
    {
        var own = "user_id = @u AND category = 'user'";
        foreach (var (orderBy, direction) in Orders)
        {
            var label = ListView.Label(orderBy, direction);
            var first = new ListView($"Your Workflows, first page, {label}", Caller.Typical, new WorkflowFilter(ListView.User), orderBy, direction, own);
            await ListAsync("Your Workflows", first);
            await ListAsync("Your Workflows", (await LastPageAsync(first, int.MaxValue)) with { Name = $"Your Workflows, last page, {label}" });
        }

        var power = new ListView(
            "Your Workflows (power user), first page, opened_at DESC", Caller.Power, new WorkflowFilter(ListView.User),
            WorkflowOrderBy.OpenedAt, SortDirection.Descending, own);
        await ListAsync("Your Workflows", power);
        await ListAsync("Your Workflows", (await LastPageAsync(power, int.MaxValue)) with { Name = "Your Workflows (power user), last page, opened_at DESC" });

        await ListAsync("Recently Opened", new ListView(
            "Recently Opened, first page", Caller.Typical, new WorkflowFilter(ListView.Both, HasBeenOpened: true),
            WorkflowOrderBy.OpenedAt, SortDirection.Descending,
            "((user_id = @u AND category = 'user') OR category = 'default') AND opened_at IS NOT NULL"));

        var shared = new ListView(
            "Shared Workflows, first page", Caller.Typical, new WorkflowFilter(ListView.User, IsPublic: true),
            WorkflowOrderBy.Name, SortDirection.Ascending, "category = 'user' AND is_public = @pub", "category = 'user' AND is_public = @pub");
        await ListAsync("Shared Workflows", shared);
        await ListAsync("Shared Workflows", (await LastPageAsync(shared, 100)) with { Name = "Shared Workflows, page 101 (or last)" });

        await ListAsync("Browse Workflows", new ListView(
            "Browse Workflows (defaults), first page", Caller.Typical, new WorkflowFilter(ListView.Default),
            WorkflowOrderBy.Name, SortDirection.Ascending, "category = 'default'", "category = 'default'"));

        var admin = new ListView(
            "Administrator, whole library, first page, opened_at DESC", Caller.Admin, new WorkflowFilter(ListView.User),
            WorkflowOrderBy.OpenedAt, SortDirection.Descending, "category = 'user'", "category = 'user'");
        await ListAsync("Administrator", admin);
        await ListAsync("Administrator", (await LastPageAsync(admin, 100)) with { Name = "Administrator, whole library, page 101 (or last), opened_at DESC" });

        // Search: the typical user's own library, every shared workflow, and (administrator) the whole library.
        var exact = _floor.IsSqlite ? "instr(search_text, @term) > 0" : "strpos(search_text, @term) > 0";
        // SQLite: the phrase MATCH on the trigram table drives the join (CROSS JOIN keeps that order).
        var indexed = _floor.IsSqlite ? "instr(search_text, @term) > 0" : "search_text LIKE @like";
        var indexedFrom = _floor.IsSqlite
            ? "(SELECT w.* FROM workflow_library_search AS s CROSS JOIN workflow_library AS w ON w.id = s.rowid WHERE s.workflow_library_search MATCH @match) AS workflow_library"
            : "workflow_library";
        foreach (var term in new[] { Vocabulary.CommonSearchTerm, Vocabulary.RareSearchTerm })
        {
            await ListAsync("Search", new ListView(
                $"Search own workflows \"{term}\"", Caller.Typical, new WorkflowFilter(ListView.User, Query: term),
                WorkflowOrderBy.OpenedAt, SortDirection.Descending, $"{own} AND {exact}"), term);
            await ListAsync("Search all", new ListView(
                $"Search shared workflows \"{term}\"", Caller.Typical, new WorkflowFilter(ListView.User, Query: term, IsPublic: true),
                WorkflowOrderBy.Name, SortDirection.Ascending, $"category = 'user' AND is_public = @pub AND {indexed}", From: indexedFrom), term);
            await ListAsync("Search all", new ListView(
                $"Search whole library (administrator) \"{term}\"", Caller.Admin, new WorkflowFilter(ListView.User, Query: term),
                WorkflowOrderBy.OpenedAt, SortDirection.Descending, $"category = 'user' AND {indexed}", From: indexedFrom), term);
        }
    }

    private async Task<ListView> LastPageAsync(ListView view, int maxPage)
    {
        var total = await _floor.ScalarAsync(view.CountSql, Parameters(view.CountSql, view.Caller, null));
        var last = total == 0 ? 0 : (int)((total - 1) / ListView.PerPage);
        return view with { Page = Math.Min(last, maxPage) };
    }

    private async Task ListAsync(string group, ListView view, string? term = null)
    {
        var query = new ListWorkflowsQuery(view.Filter, view.OrderBy, view.Direction, view.Page, ListView.PerPage);
        var parameters = Parameters(view.CountSql + view.PageSql, view.Caller, term);
        await CaseAsync(
            group,
            view.Name,
            async () =>
            {
                var page = await SendAsync(view.Caller, query);
                return $"{page.Total}|{string.Join(",", page.Items.Select(i => i.WorkflowId))}";
            },
            async () =>
            {
                var (total, rows) = await _floor.PageAsync(view.CountSql, view.PageSql, parameters, view.Offset);
                return $"{total}|{string.Join(",", rows.Select(r => r.WorkflowId))}";
            },
            fingerprint => $"page {view.Page}, {fingerprint.Split('|')[0]} rows in view",
            floorSql: view.CountSql + ";\n" + view.PageSql);
    }

    // ---- single reads, tags and counts ------------------------------------------------------

    private async Task ReadsAsync()
    {
        var typical = _users[Caller.Typical];
        var ownIds = await _lookup!.Workflows.AsNoTracking().Where(w => w.OwnerId == typical.UserId).Select(w => w.Id).ToListAsync();
        var sharedIds = await _lookup.Workflows.AsNoTracking()
            .Where(w => w.IsPublic && w.OwnerId != typical.UserId).OrderBy(w => w.Id).Select(w => w.Id).Take(200).ToListAsync();
        await GetAsync("Get one workflow (own)", ownIds);
        await GetAsync("Get one workflow (another user's shared)", sharedIds);

        await CaseAsync(
            "Tags",
            "tags, Your Workflows (categories=user)",
            async () => string.Join(",", await SendAsync(Caller.Typical, new ListWorkflowTagsQuery(ListView.User))),
            async () =>
            {
                const string sql = "SELECT DISTINCT tags FROM workflow_library WHERE user_id = @u AND category = 'user' AND tags <> ''";
                var strings = await _floor.StringsAsync(sql, Parameters(sql, Caller.Typical, null));
                return string.Join(",", strings.SelectMany(WorkflowTags.Split).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            },
            fingerprint => $"{fingerprint.Split(',').Length} tags");

        await CountsByTagAsync("counts_by_tag, 17 tags, Your Workflows (categories=user)", ListView.User, "user_id = @u AND category = 'user'");
        await CountsByTagAsync("counts_by_tag, 17 tags, Browse (categories=default)", ListView.Default, "category = 'default'");

        const string openedSql = """
            SELECT (SELECT COUNT(*) FROM workflow_library WHERE user_id = @u AND category = 'user' AND opened_at IS NOT NULL),
                   (SELECT COALESCE(SUM(workflow_count), 0) FROM workflow_library_counts WHERE category = 'default' AND is_opened = @pub)
            """;
        await CaseAsync(
            "Counts",
            "counts_by_category, user+default, has_been_opened=true",
            async () => Fingerprint(await SendAsync(Caller.Typical, new CountWorkflowsByCategoryQuery(ListView.Both.ToList(), HasBeenOpened: true))),
            async () =>
            {
                var counts = await _floor.NumbersAsync(openedSql, Parameters(openedSql, Caller.Typical, null));
                return $"default={counts[1]};user={counts[0]}";
            },
            fingerprint => fingerprint);

        const string userSql = "SELECT COUNT(*) FROM workflow_library WHERE user_id = @u AND category = 'user'";
        await CaseAsync(
            "Counts",
            "counts_by_category, user",
            async () => Fingerprint(await SendAsync(Caller.Typical, new CountWorkflowsByCategoryQuery(ListView.User.ToList()))),
            async () => $"user={await _floor.ScalarAsync(userSql, Parameters(userSql, Caller.Typical, null))}",
            fingerprint => fingerprint);
    }

    private async Task GetAsync(string name, List<string> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        const string sql = """
            SELECT w.workflow_id, w.name, w.created_at, w.updated_at, w.opened_at, w.user_id, w.is_public, d.workflow, w.has_thumbnail,
                   w.workflow_return_nodes, w.category
            FROM workflow_library w JOIN workflow_documents d ON d.id = w.id WHERE w.workflow_id = @id
            """;
        var typical = _users[Caller.Typical];
        int handlerNext = 0, floorNext = 0;
        await CaseAsync(
            "Get",
            name,
            async () => (await SendAsync(Caller.Typical, new GetWorkflowQuery(ids[handlerNext++ % ids.Count]))).WorkflowId,
            async () =>
            {
                await using var connection = await _floor.OpenAsync();
                await using var command = Floor.Command(connection, sql, new Dictionary<string, object?> { ["@id"] = ids[floorNext++ % ids.Count] });
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                var readable = reader.GetString(5) == typical.UserId || reader.GetBoolean(6) || reader.GetString(10) == "default";
                return readable ? reader.GetString(0) : throw new InvalidOperationException("Not readable.");
            },
            _ => $"rotating over {ids.Count} workflows");
    }

    private async Task CountsByTagAsync(string name, IReadOnlyCollection<WorkflowCategory> categories, string where)
    {
        var contains = _floor.IsSqlite ? "instr" : "strpos";
        var sums = string.Join(", ", Vocabulary.Tags.Select((_, i) => $"SUM(CASE WHEN {contains}(tag_search_text, @tag{i}) > 0 THEN 1 ELSE 0 END)"));
        var sql = $"SELECT {sums} FROM workflow_library WHERE {where}";
        var parameters = Parameters(sql, Caller.Typical, null);
        for (var i = 0; i < Vocabulary.Tags.Count; i++)
        {
            parameters[$"@tag{i}"] = WorkflowSearch.Fold(Vocabulary.Tags[i].Trim());
        }

        await CaseAsync(
            "Counts",
            name,
            async () => Fingerprint(await SendAsync(Caller.Typical, new CountWorkflowsByTagQuery(Vocabulary.Tags.ToList(), categories))),
            async () =>
            {
                var counts = await _floor.NumbersAsync(sql, parameters);
                return string.Join(";", Vocabulary.Tags.Select((tag, i) => $"{tag}={counts[i]}").Order(StringComparer.Ordinal));
            },
            fingerprint => $"{fingerprint.Split(';').Sum(pair => long.Parse(pair.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture))} tag matches");
    }

    private static string Fingerprint(IReadOnlyDictionary<string, int> counts) =>
        string.Join(";", counts.Select(c => $"{c.Key}={c.Value}").Order(StringComparer.Ordinal));

    // ---- writes -----------------------------------------------------------------------------

    private async Task WritesAsync()
    {
        var typical = _users[Caller.Typical];
        var actor = new Actor(typical.UserId, IsAdmin: false);
        var json = DocumentFactory.ReadTemplate("medium");
        var document = DocumentFactory.Read(json);
        var table = WorkflowTable.From(_lookup!);

        // Create: the handler's rows and the floor's rows are kept for the delete case.
        var handlerCreated = new List<string>();
        var floorCreated = new List<string>();
        var insertSql = table.InsertReturningKeySql();
        var insertDocumentSql = table.DocumentInsertSql();
        await CaseAsync(
            "Write",
            "create",
            async () =>
            {
                var created = await SendAsync(Caller.Typical, new CreateWorkflowCommand(document));
                handlerCreated.Add(created.WorkflowId);
                return "ok";
            },
            async () =>
            {
                var row = Workflow.Create(actor, document, isPublic: false, DateTime.UtcNow);
                await InTransactionAsync(async (connection, transaction) =>
                {
                    await using var insert = Floor.Command(connection, insertSql, new Dictionary<string, object?>(), transaction);
                    table.Bind(insert, row);
                    var id = Convert.ToInt64(await insert.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                    await using var insertDocument = Floor.Command(connection, insertDocumentSql, new Dictionary<string, object?>(), transaction);
                    table.BindDocument(insertDocument, id, row);
                    await insertDocument.ExecuteNonQueryAsync();
                    await CountDeltaAsync(connection, transaction, false, false, +1);
                });
                floorCreated.Add(row.Id);
                return "ok";
            },
            _ => "medium document (10 KB), private",
            check: false);

        // Update and share: the typical user's own workflows, the handler on one half and the floor on the other.
        var own = await _lookup!.Workflows.AsNoTracking()
            .Where(w => w.OwnerId == typical.UserId && !handlerCreated.Contains(w.Id) && !floorCreated.Contains(w.Id))
            .OrderBy(w => w.Id).ToListAsync();
        var handlerOwn = own.Where((_, i) => i % 2 == 0).ToList();
        var floorOwn = own.Where((_, i) => i % 2 == 1).ToList();
        var edited = DocumentFactory.Read(json.Replace("Sample medium workflow", "Sample medium workflow, edited", StringComparison.Ordinal));
        var setters = string.Join(", ", table.Columns.Select((c, i) => $"{c.Name} = @c{i}"));
        var updateSql = $"UPDATE {table.Name} SET {setters} WHERE workflow_id = @id AND user_id = @owner AND category = 'user'";
        int handlerNext = 0, floorNext = 0;
        await CaseAsync(
            "Write",
            "update",
            async () =>
            {
                var id = handlerOwn[handlerNext++ % handlerOwn.Count].Id;
                await SendAsync(Caller.Typical, new UpdateWorkflowCommand(id, id, edited));
                return "ok";
            },
            async () =>
            {
                var row = floorOwn[floorNext++ % floorOwn.Count];
                row.Update(actor, edited, DateTime.UtcNow);
                await InTransactionAsync(async (connection, transaction) =>
                {
                    await using var update = Floor.Command(connection, updateSql, new Dictionary<string, object?>(), transaction);
                    table.Bind(update, row);
                    AddParameter(update, "@id", row.Id);
                    AddParameter(update, "@owner", row.OwnerId);
                    await update.ExecuteNonQueryAsync();
                    await UpdateDocumentAsync(table, connection, transaction, row);
                });
                return "ok";
            },
            _ => "medium document, own workflow",
            check: false);

        handlerNext = 0;
        floorNext = 0;
        var handlerShared = handlerOwn.ToDictionary(w => w.Id, w => w.IsPublic);
        await CaseAsync(
            "Write",
            "share / unshare",
            async () =>
            {
                var id = handlerOwn[handlerNext++ % handlerOwn.Count].Id;
                handlerShared[id] = !handlerShared[id];
                await SendAsync(Caller.Typical, new SetWorkflowSharingCommand(id, handlerShared[id]));
                return "ok";
            },
            async () =>
            {
                var row = floorOwn[floorNext++ % floorOwn.Count];
                var was = row.IsPublic;
                row.SetShared(actor, !was, DateTime.UtcNow);
                await InTransactionAsync(async (connection, transaction) =>
                {
                    await using var update = Floor.Command(connection, updateSql, new Dictionary<string, object?>(), transaction);
                    table.Bind(update, row);
                    AddParameter(update, "@id", row.Id);
                    AddParameter(update, "@owner", row.OwnerId);
                    await update.ExecuteNonQueryAsync();
                    await UpdateDocumentAsync(table, connection, transaction, row);
                    await CountDeltaAsync(connection, transaction, was, row.OpenedAt is not null, -1);
                    await CountDeltaAsync(connection, transaction, row.IsPublic, row.OpenedAt is not null, +1);
                });
                return "ok";
            },
            _ => "toggles is_public on own workflows (rewrites the document's tags)",
            check: false);

        handlerNext = 0;
        floorNext = 0;
        if (Math.Min(handlerCreated.Count, floorCreated.Count) < budget.Warmup + 2)
        {
            return;
        }

        const string deleteSql = "DELETE FROM workflow_library WHERE workflow_id = @id AND user_id = @owner AND category = 'user'";
        await CaseAsync(
            "Write",
            "delete",
            async () =>
            {
                await SendAsync(Caller.Typical, new DeleteWorkflowCommand(handlerCreated[handlerNext++]));
                return "ok";
            },
            async () =>
            {
                var id = floorCreated[floorNext++];
                await InTransactionAsync(async (connection, transaction) =>
                {
                    await using var delete = Floor.Command(
                        connection, deleteSql, new Dictionary<string, object?> { ["@id"] = id, ["@owner"] = typical.UserId }, transaction);
                    await delete.ExecuteNonQueryAsync();
                    await CountDeltaAsync(connection, transaction, false, false, -1);
                });
                return "ok";
            },
            _ => "the rows the create case made",
            check: false,
            maxSamples: Math.Min(handlerCreated.Count, floorCreated.Count) - budget.Warmup);

        // Whatever the delete case did not reach.
        foreach (var id in handlerCreated.Skip(handlerNext))
        {
            await SendAsync(Caller.Typical, new DeleteWorkflowCommand(id));
        }

        foreach (var id in floorCreated.Skip(floorNext))
        {
            await SendAsync(Caller.Typical, new DeleteWorkflowCommand(id));
        }
    }

    private async Task InTransactionAsync(Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task> work)
    {
        await using var connection = await _floor.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await work(connection, transaction);
        await transaction.CommitAsync();
    }

    private static async Task UpdateDocumentAsync(
        WorkflowTable table, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Workflow row)
    {
        await using var update = Floor.Command(connection, table.DocumentUpdateSql(), new Dictionary<string, object?>(), transaction);
        table.AddDocument(update, row);
        AddParameter(update, "@id", row.Id);
        await update.ExecuteNonQueryAsync();
    }

    private static async Task CountDeltaAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, bool isPublic, bool isOpened, long change)
    {
        const string sql = """
            INSERT INTO workflow_library_counts (category, is_public, is_opened, workflow_count) VALUES ('user', @public, @opened, @change)
            ON CONFLICT (category, is_public, is_opened) DO UPDATE SET workflow_count = workflow_library_counts.workflow_count + excluded.workflow_count
            """;
        await using var command = Floor.Command(
            connection, sql, new Dictionary<string, object?> { ["@public"] = isPublic, ["@opened"] = isOpened, ["@change"] = change }, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // ---- plumbing ---------------------------------------------------------------------------

    private async Task CaseAsync(
        string group,
        string name,
        Func<Task<string>> handler,
        Func<Task<string>>? floor,
        Func<string, string> describe,
        bool check = true,
        int? maxSamples = null,
        string? floorSql = null)
    {
        if (filter is not null && !filter.Split('|').Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        // One run of each before timing: compare the answers, and see how slow the case is.
        _plans.Start();
        var handlerAnswer = await handler();
        var plans = check ? await _plans.StopAndExplainAsync(_floor) : [];

        // The first call compiled the query; the second tells how slow the case is.
        var watch = Stopwatch.StartNew();
        await handler();
        var slow = watch.Elapsed.TotalSeconds > 0.5;
        bool? agrees = null;
        if (floor is not null)
        {
            var floorAnswer = await floor();
            if (check)
            {
                agrees = string.Equals(handlerAnswer, floorAnswer, StringComparison.Ordinal);
                if (agrees == false)
                {
                    log.WriteLine($"  ! {name}: handler and floor disagree\n    handler {Shorten(handlerAnswer)}\n    floor   {Shorten(floorAnswer)}");
                }
            }
        }

        var caseBudget = slow ? budget with { Warmup = 1, WarmupSeconds = 0, MinSamples = 4, MaxSamples = 8, Rounds = 2 } : budget;
        if (maxSamples is { } cap)
        {
            caseBudget = caseBudget with { WarmupSeconds = 0, MaxSamples = Math.Max(1, cap - 1), MinSamples = Math.Min(caseBudget.MinSamples, Math.Max(1, cap - 1)) };
        }

        var (handlerTiming, floorTiming) = await Sampler.MeasureAsync(
            async () => await handler(), floor is null ? null : async () => await floor(), caseBudget);
        var result = new CaseResult(group, name, handlerTiming, floorTiming, agrees, describe(handlerAnswer), plans, floorSql);
        _results.Add(result);
        log.WriteLine(
            $"  {name,-70} handler p50 {handlerTiming.P50,8:F3} p95 {handlerTiming.P95,8:F3} ms" +
            (floorTiming is null ? "" : $" | floor p50 {floorTiming.P50,8:F3} p95 {floorTiming.P95,8:F3} ms") +
            (agrees == false ? "  DISAGREE" : ""));
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private Dictionary<string, object?> Parameters(string sql, Caller caller, string? term)
    {
        var all = new Dictionary<string, object?>
        {
            ["@u"] = _users[caller].UserId,
            ["@pub"] = true,
            ["@term"] = term is null ? null : WorkflowSearch.Fold(term),
            ["@like"] = term is null ? null : "%" + WorkflowSearch.Fold(term) + "%",
            ["@match"] = term is null ? null : "\"" + WorkflowSearch.Fold(term).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        };
        return all.Where(p => sql.Contains(p.Key, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
    }

    private async Task<AuthenticatedUser> UserAsync(string email, bool isAdmin)
    {
        var id = await _lookup!.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return new AuthenticatedUser(id, email, isAdmin);
    }

    private async Task<T> SendAsync<T>(Caller caller, IQuery<T> query)
    {
        await using var scope = host.Scope(_users[caller]);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    private async Task<T> SendAsync<T>(Caller caller, ICommand<T> command)
    {
        await using var scope = host.Scope(_users[caller]);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }
}
