using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>The administrator's <c>verify</c>: every maintained count against the rows, and <c>--repair</c>.</summary>
public abstract class VerifyWorkflowLibraryCountsTests(TestDatabase database) : MultiUserWorkflowTest(database)
{
    [Fact]
    public async Task Verify_AfterCreatesSharesOpensAndDeletes_FindsEveryCountRight()
    {
        await GivenALibraryAsync();
        RunAsAdministrator();

        var result = await SendAsync(new VerifyWorkflowLibraryCountsCommand(Repair: false));

        result.Differences.Should().BeEmpty();
        result.Repaired.Should().BeFalse();
    }

    [Fact]
    public async Task Verify_FindsCountsThatWereTamperedWith_AndChangesNothing_UntilRepairSetsThemToTheRows()
    {
        await GivenALibraryAsync();
        var shared = new WorkflowFilter([WorkflowCategory.User], IsPublic: true);
        var sharedRows = (await ListAsync(shared)).Items.Count;
        await InDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE workflow_library_counts SET workflow_count = workflow_count + 5 WHERE category = 'user' AND is_public = {0} AND is_opened = {1}", true, false));
        await InDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM workflow_library_counts WHERE category = 'user' AND is_public = {0} AND is_opened = {1}", false, true));
        RunAsAdministrator();

        var found = await SendAsync(new VerifyWorkflowLibraryCountsCommand(Repair: false));
        var foundAgain = await SendAsync(new VerifyWorkflowLibraryCountsCommand(Repair: false));
        var repaired = await SendAsync(new VerifyWorkflowLibraryCountsCommand(Repair: true));
        var afterRepair = await SendAsync(new VerifyWorkflowLibraryCountsCommand(Repair: false));

        var expected = new[]
        {
            new WorkflowCountDifference("user", IsPublic: false, IsOpened: true, Stored: 0, Actual: 1),
            new WorkflowCountDifference("user", IsPublic: true, IsOpened: false, Stored: 1 + 5, Actual: 1),
        };
        found.Differences.Should().Equal(expected);
        found.Repaired.Should().BeFalse();
        foundAgain.Differences.Should().Equal(expected, "verify without repair changes nothing");
        repaired.Differences.Should().Equal(expected);
        repaired.Repaired.Should().BeTrue();
        afterRepair.Differences.Should().BeEmpty();
        (await ListAsync(shared)).Total.Should().Be(sharedRows, "the shared view's total comes from the repaired count");
    }

    [Fact]
    public async Task Verify_WhileWorkflowsAreSharedOpenedAndDeleted_NeverReportsADifference()
    {
        RunAsUser(User1);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await CreateAsync($"busy {i}"));
        }

        // A bounded load that always runs to its end, whatever pace the verifier keeps beside it.
        var load = ids.Select((id, i) => Task.Run(async () =>
        {
            var changes = 0;
            for (var n = 0; n < 40; n++)
            {
                await SendAsAsync(RegularUser(User1), new SetWorkflowSharingCommand(id, IsPublic: n % 2 == 0));
                await SendAsAsync(RegularUser(User1), new MarkWorkflowOpenedCommand(id));
                changes += 2;
            }

            if (i % 2 == 0)
            {
                await SendAsAsync(RegularUser(User1), new DeleteWorkflowCommand(id));
            }

            return changes;
        })).ToList();

        RunAsAdministrator();
        var reports = new List<WorkflowCountVerification>();
        while (!load.All(t => t.IsCompleted) && reports.Count < 1000)
        {
            reports.Add(await SendAsync(new VerifyWorkflowLibraryCountsCommand(Repair: false)));
        }

        (await Task.WhenAll(load)).Should().AllSatisfy(changes => changes.Should().BePositive());
        reports.Add(await SendAsync(new VerifyWorkflowLibraryCountsCommand(Repair: false)));
        reports.Should().HaveCountGreaterThan(1).And.AllSatisfy(r => r.Differences.Should().BeEmpty());
    }

    [Fact]
    public async Task Verify_ByARegularUser_IsForbidden()
    {
        RunAsUser(User1);

        var act = () => SendAsync(new VerifyWorkflowLibraryCountsCommand(Repair: true));

        (await act.ShouldFailWithAsync<ForbiddenException>()).Should().Be("Admin privileges required");
    }

    [Fact]
    public async Task Verify_ByAnAnonymousCaller_IsUnauthenticated()
    {
        RunAsAnonymous();

        var act = () => SendAsync(new VerifyWorkflowLibraryCountsCommand(Repair: false));

        (await act.ShouldFailWithAsync<UnauthenticatedException>()).Should().Be("Authentication required");
    }

    /// <summary>User 1: one shared, one opened, one both, one deleted; User 2: one private.</summary>
    private async Task GivenALibraryAsync()
    {
        RunAsUser(User1);
        var shared = await CreateSharedAsync("shared");
        var opened = await CreateAsync("opened");
        await SendAsync(new MarkWorkflowOpenedCommand(opened));
        var both = await CreateSharedAsync("both");
        await SendAsync(new MarkWorkflowOpenedCommand(both));
        await SendAsync(new DeleteWorkflowCommand(await CreateSharedAsync("deleted")));
        RunAsUser(User2);
        await CreateAsync("private");
        shared.Should().NotBeNullOrEmpty();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class VerifyWorkflowLibraryCountsTestsOnSqlite(SqliteTestDatabase database) : VerifyWorkflowLibraryCountsTests(database);

[Collection(PostgresCollection.Name)]
public sealed class VerifyWorkflowLibraryCountsTestsOnPostgres(PostgresTestDatabase database) : VerifyWorkflowLibraryCountsTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class VerifyWorkflowLibraryCountsTestsOnSqlServer(SqlServerTestDatabase database) : VerifyWorkflowLibraryCountsTests(database);
