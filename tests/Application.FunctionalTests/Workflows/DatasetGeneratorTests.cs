using System.Text;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Benchmarks.Dataset;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>
/// The benchmark dataset generator (bench/) at a tiny size on the real test databases: what it
/// writes, and that the application reads it as its own rows.
/// </summary>
public abstract class DatasetGeneratorTests(TestDatabase database) : FunctionalTest(database)
{
    private static readonly DatasetOptions Options = new(Workflows: 300, Users: 6, BatchSize: 64);

    [Fact]
    public async Task Generate_WritesTheRequestedLibrary()
    {
        var defaults = await InDatabaseAsync(db => db.Workflows.CountAsync(w => w.Category == WorkflowCategory.Default));
        var indexesBefore = await IndexesAsync();

        var summary = await DatasetGenerator.GenerateAsync(Database.Services(multiUser: false), Options);

        summary.Workflows.Should().Be(300);
        summary.Users.Should().Be(6);
        var rows = await InDatabaseAsync(db => db.Workflows.AsNoTracking().Where(w => w.Category == WorkflowCategory.User).ToListAsync());
        rows.Should().HaveCount(300);
        (await InDatabaseAsync(db => db.Workflows.CountAsync(w => w.Category == WorkflowCategory.Default))).Should().Be(defaults);

        var owners = await InDatabaseAsync(db => db.Users.Where(u => u.Email.EndsWith("@bench.invoke.test")).ToListAsync());
        owners.Should().HaveCount(7).And.ContainSingle(u => u.IsAdmin && u.Email == DatasetOptions.AdministratorEmail);
        rows.Select(w => w.OwnerId).Should().OnlyContain(id => owners.Any(u => u.Id == id && !u.IsAdmin));

        var shared = rows.Where(w => w.IsPublic).ToList();
        shared.Count.Should().BeInRange(15, 45, "about 10% of 300 workflows are shared");
        shared.Should().OnlyContain(w => WorkflowTags.Split(w.Tags).Contains("shared") && w.Document.Contains("shared", StringComparison.Ordinal));
        rows.Where(w => !w.IsPublic).Should().OnlyContain(w => !WorkflowTags.Split(w.Tags).Contains("shared"));
        rows.Select(w => Encoding.UTF8.GetByteCount(w.Document)).Should().OnlyContain(bytes => bytes >= 5 * 1024 && bytes <= 22 * 1024);
        rows.SelectMany(w => WorkflowTags.Split(w.Tags)).Distinct().Should().BeSubsetOf(Vocabulary.Tags.Append("shared"));
        (await IndexesAsync()).Should().BeEquivalentTo(indexesBefore, "the indexes are re-created as the migrations made them");
    }

    [Fact]
    public async Task Generate_RowsAreReadByTheApplication()
    {
        await DatasetGenerator.GenerateAsync(Database.Services(multiUser: false), Options);
        var userId = await InDatabaseAsync(db => db.Users.Where(u => u.Email == DatasetOptions.UserEmail(0)).Select(u => u.Id).SingleAsync());
        var owned = await InDatabaseAsync(db => db.Workflows.Where(w => w.OwnerId == userId).Select(w => w.Id).ToListAsync());
        RunAsUser(userId);

        // Every page of "Your Workflows", in the UI's order, holds each of the user's workflows once.
        var seen = new List<string>();
        for (var page = 0; ; page++)
        {
            var result = await SendAsync(new ListWorkflowsQuery(
                new WorkflowFilter([WorkflowCategory.User]), WorkflowOrderBy.OpenedAt, SortDirection.Descending, page, 7));
            result.Total.Should().Be(owned.Count);
            seen.AddRange(result.Items.Select(i => i.WorkflowId));
            if (page >= result.Pages - 1)
            {
                break;
            }
        }

        seen.Should().BeEquivalentTo(owned).And.OnlyHaveUniqueItems();

        var one = await SendAsync(new GetWorkflowQuery(owned[0]));
        one.Workflow.Json.Should().Contain($"\"id\":\"{owned[0]}\"");

        // The full-text index was rebuilt and its triggers re-created: old and new rows are found.
        var generated = await SendAsync(new ListWorkflowsQuery(new WorkflowFilter([WorkflowCategory.User], Query: one.Name)));
        generated.Items.Should().Contain(i => i.WorkflowId == one.WorkflowId);
        var created = await SendAsync(new CreateWorkflowCommand(DocumentFactory.Read(
            DocumentFactory.ReadTemplate("small").Replace("Sample small workflow", "Zanzibar quokka", StringComparison.Ordinal))));
        var found = await SendAsync(new ListWorkflowsQuery(new WorkflowFilter([WorkflowCategory.User], Query: "quokka")));
        found.Items.Select(i => i.WorkflowId).Should().Equal(created.WorkflowId);

        await SendAsync(new DeleteWorkflowCommand(created.WorkflowId));
        RunAsAdministrator();
        var counts = await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User]));
        counts["user"].Should().Be(300, "the library counts were recomputed after the bulk load");
        var tags = await SendAsync(new CountWorkflowsByTagQuery(Vocabulary.Tags.ToList(), [WorkflowCategory.User]));
        tags.Values.Sum().Should().BeGreaterThanOrEqualTo(300);
    }

    private Task<List<string>> IndexesAsync() => InDatabaseAsync(async db =>
    {
        var sql = db.Database.IsSqlite()
            ? "SELECT sql AS \"Value\" FROM sqlite_master WHERE tbl_name LIKE 'workflow_library%' AND sql IS NOT NULL"
            : "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'workflow_library'";
        return await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
    });
}

[Collection(SqliteCollection.Name)]
public sealed class DatasetGeneratorTestsOnSqlite(SqliteTestDatabase database) : DatasetGeneratorTests(database);

[Collection(PostgresCollection.Name)]
public sealed class DatasetGeneratorTestsOnPostgres(PostgresTestDatabase database) : DatasetGeneratorTests(database);
