using System.Text;
using FluentAssertions.Execution;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>
/// The library screens stay fast as the library grows: the SQL the handlers send for the views
/// InvokeAI's UI opens (contract §4.5) is planned on an index, never as a full scan of
/// <c>workflow_library</c>. The SQL is captured from the real handlers, then explained with the
/// same parameters on a loaded, analyzed database.
/// </summary>
public abstract class WorkflowQueryPlanTests(TestDatabase database) : FunctionalTest(database)
{
    private const string Viewer = "user-0042";
    private const int PerPage = 30;

    /// <summary>Each library view the UI shows, sent as the caller the view is for.</summary>
    public static IReadOnlyList<LibraryView> Views { get; } =
    [
        new("Your Workflows, first page (initial order: opened_at DESC)", false,
            new ListWorkflowsQuery(new WorkflowFilter([WorkflowCategory.User]), WorkflowOrderBy.OpenedAt, SortDirection.Descending, 0, PerPage)),
        new("Your Workflows, first page by name", false,
            new ListWorkflowsQuery(new WorkflowFilter([WorkflowCategory.User]), WorkflowOrderBy.Name, SortDirection.Ascending, 0, PerPage)),
        new("Shared Workflows, first page", false,
            new ListWorkflowsQuery(new WorkflowFilter([WorkflowCategory.User], IsPublic: true), WorkflowOrderBy.Name, SortDirection.Ascending, 0, PerPage)),
        new("Your Workflows tag list (tags?categories=user)", false, new ListWorkflowTagsQuery([WorkflowCategory.User])),
        new("Your Workflows tag count (counts_by_tag?tags=portrait&categories=user)", false,
            new CountWorkflowsByTagQuery(["portrait"], [WorkflowCategory.User])),
        new("Browse tag chips (counts_by_tag?tags=…&categories=default)", false,
            new CountWorkflowsByTagQuery(WorkflowLibraryLoader.Tags, [WorkflowCategory.Default])),
        new("Library counters (counts_by_category?categories=user&categories=default&has_been_opened=true)", false,
            new CountWorkflowsByCategoryQuery([WorkflowCategory.User, WorkflowCategory.Default], HasBeenOpened: true)),
        new("Administrator's Your Workflows, first page", true,
            new ListWorkflowsQuery(new WorkflowFilter([WorkflowCategory.User]), WorkflowOrderBy.OpenedAt, SortDirection.Descending, 0, PerPage)),
        new("Administrator's Shared Workflows, first page", true,
            new ListWorkflowsQuery(new WorkflowFilter([WorkflowCategory.User], IsPublic: true), WorkflowOrderBy.Name, SortDirection.Ascending, 0, PerPage)),
    ];

    [Fact]
    public async Task LibraryViews_OnALoadedLibrary_AreAnsweredFromIndexesWithoutAFullScan()
    {
        var plans = await PlanEveryViewAsync(owners: 250, workflowsPerOwner: 20);

        plans.Should().HaveCount(Views.Count);
        using var scope = new AssertionScope();
        foreach (var plan in plans)
        {
            plan.Statements.Should().NotBeEmpty("'{0}' reads workflow_library", plan.View.Name);
            foreach (var statement in plan.Statements)
            {
                var because = $"'{plan.View.Name}' must not scan the library.\nSQL:\n{statement.Sql}\nPlan:\n{string.Join('\n', statement.Plan)}\n";
                statement.Plan.Should().Contain(line => UsesLibraryIndex(line), because);
                statement.Plan.Should().NotContain(line => ScansWholeLibrary(line), because);
                if (statement.IsPage)
                {
                    statement.Plan.Should().NotContain(line => SortsRows(line), because + "A page must be read in index order, not sorted.");
                }
            }
        }
    }

    /// <summary>
    /// Produces the plans of <c>docs/query-plans.md</c>: 100,000 workflows over 1,000 users. Run by
    /// hand (about half a minute per database), with INVOKE_QUERY_PLANS_OUT naming the file to append to:
    /// <c>dotnet test tests/Application.FunctionalTests --filter "FullyQualifiedName~WritesPlansForTheDocs" -- xUnit.Explicit=only</c>.
    /// </summary>
    [Fact(Explicit = true)]
    public async Task WritesPlansForTheDocs()
    {
        var plans = await PlanEveryViewAsync(owners: 1_000, workflowsPerOwner: 100);

        var text = new StringBuilder();
        foreach (var plan in plans)
        {
            text.Append("#### ").AppendLine(plan.View.Name);
            foreach (var statement in plan.Statements)
            {
                text.AppendLine().AppendLine("```sql").AppendLine(statement.Sql.Trim()).AppendLine("```")
                    .AppendLine().AppendLine("```text").AppendJoin('\n', statement.Plan).AppendLine().AppendLine("```");
            }

            text.AppendLine();
        }

        var output = Environment.GetEnvironmentVariable("INVOKE_QUERY_PLANS_OUT")
            ?? Path.Combine(Path.GetTempPath(), "invoke-query-plans.md");
        await File.AppendAllTextAsync(output, $"### {GetType().Name}\n\n{text}");
        TestContext.Current.TestOutputHelper?.WriteLine(text.ToString());
    }

    private async Task<List<ViewPlan>> PlanEveryViewAsync(int owners, int workflowsPerOwner)
    {
        RunInSingleUserMode();
        await InDatabaseAsync(db => WorkflowLibraryLoader.LoadAsync(db, owners, workflowsPerOwner, Database.Clock.GetUtcNow().UtcDateTime));
        await InDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "ANALYZE workflow_library" : "ANALYZE"));

        var plans = new List<ViewPlan>();
        foreach (var view in Views)
        {
            if (view.AsAdministrator)
            {
                RunAsAdministrator();
            }
            else
            {
                RunAsUser(Viewer);
            }

            var commands = await SqlCommandCapture.CaptureAsync(() => view.SendAsync(this));
            var statements = new List<StatementPlan>();
            foreach (var command in commands.Where(c => ReadsLibrary(c.Sql)))
            {
                statements.Add(new StatementPlan(command.Sql, await ExplainAsync(command), command.Sql.Contains("LIMIT", StringComparison.Ordinal)));
            }

            plans.Add(new ViewPlan(view, statements));
        }

        return plans;
    }

    private Task<List<string>> ExplainAsync(CapturedCommand command) => InDatabaseAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var explain = command.Recreate(connection, db.Database.IsNpgsql() ? "EXPLAIN " : "EXPLAIN QUERY PLAN ");
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            // PostgreSQL: one text column; SQLite: id, parent, notused, detail.
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }

        return lines;
    });

    private Task SendViewAsync<TResponse>(Mediator.IQuery<TResponse> query) => SendAsync(query);

    /// <summary>The statement reads the workflow table itself (not only the maintained counts).</summary>
    private static bool ReadsLibrary(string sql) =>
        sql.Replace("\"", string.Empty, StringComparison.Ordinal).Contains("FROM workflow_library AS", StringComparison.Ordinal);

    private static bool UsesLibraryIndex(string line) =>
        line.Contains("INDEX ix_workflow_library", StringComparison.Ordinal)
        || line.Contains("INDEX ux_workflow_library", StringComparison.Ordinal)
        || (line.Contains("Index", StringComparison.Ordinal) && line.Contains("ix_workflow_library", StringComparison.Ordinal));

    /// <summary>SQLite's "SCAN w" (table or whole index), PostgreSQL's sequential scan.</summary>
    private static bool ScansWholeLibrary(string line) =>
        line.StartsWith("SCAN w", StringComparison.Ordinal) || line.Contains("Seq Scan on workflow_library", StringComparison.Ordinal);

    private static bool SortsRows(string line) =>
        line.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal) || line.Contains("Sort Key", StringComparison.Ordinal);

    public sealed record LibraryView(string Name, bool AsAdministrator, object Query)
    {
        public Task SendAsync(WorkflowQueryPlanTests test) => Query switch
        {
            ListWorkflowsQuery list => test.SendViewAsync(list),
            ListWorkflowTagsQuery tags => test.SendViewAsync(tags),
            CountWorkflowsByTagQuery byTag => test.SendViewAsync(byTag),
            CountWorkflowsByCategoryQuery byCategory => test.SendViewAsync(byCategory),
            _ => throw new InvalidOperationException($"No sender for {Query.GetType().Name}"),
        };
    }

    private sealed record ViewPlan(LibraryView View, List<StatementPlan> Statements);

    private sealed record StatementPlan(string Sql, List<string> Plan, bool IsPage);
}

[Collection(SqliteCollection.Name)]
public sealed class WorkflowQueryPlanTestsOnSqlite(SqliteTestDatabase database) : WorkflowQueryPlanTests(database);

[Collection(PostgresCollection.Name)]
public sealed class WorkflowQueryPlanTestsOnPostgres(PostgresTestDatabase database) : WorkflowQueryPlanTests(database);
