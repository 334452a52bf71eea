using FluentAssertions.Execution;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Security;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>
/// The totals of the large views (every shared workflow, an administrator's whole library) come
/// from maintained counts rather than a count of the rows. Whatever users do, those totals agree
/// with the rows; and a list read again after a delete simply loses the deleted workflow.
/// </summary>
public abstract class WorkflowLibraryCountsTests(TestDatabase database) : MultiUserWorkflowTest(database)
{
    private static readonly WorkflowCategory[] UserOnly = [WorkflowCategory.User];
    private static readonly WorkflowCategory[] Both = [WorkflowCategory.User, WorkflowCategory.Default];

    /// <summary>The views whose totals the counts answer, with what they hold, said independently of the specifications.</summary>
    private static readonly CountedView[] Views =
    [
        new("admin: Your Workflows", true, new(UserOnly), w => w.Category == WorkflowCategory.User),
        new("admin: everything", true, WorkflowFilter.None, _ => true),
        new("admin: user and default", true, new(Both), _ => true),
        new("admin: Browse (defaults)", true, new([WorkflowCategory.Default]), w => w.Category == WorkflowCategory.Default),
        new("admin: shared", true, new(UserOnly, IsPublic: true), w => w.Category == WorkflowCategory.User && w.IsPublic),
        new("admin: private", true, new(UserOnly, IsPublic: false), w => w.Category == WorkflowCategory.User && !w.IsPublic),
        new("admin: Recently Opened", true, new(Both, HasBeenOpened: true), w => w.OpenedAt != null),
        new("admin: never opened", true, new(UserOnly, HasBeenOpened: false), w => w.Category == WorkflowCategory.User && w.OpenedAt == null),
        new("user: Shared Workflows", false, new(UserOnly, IsPublic: true), w => w.Category == WorkflowCategory.User && w.IsPublic),
        new("user: shared and opened", false, new(UserOnly, HasBeenOpened: true, IsPublic: true),
            w => w.Category == WorkflowCategory.User && w.IsPublic && w.OpenedAt != null),
        new("user: Browse (defaults)", false, new([WorkflowCategory.Default]), w => w.Category == WorkflowCategory.Default),
    ];

    [Fact]
    public async Task Totals_OfTheLargeViews_AgreeWithTheRows_ThroughCreatesSharesOpensCopiesAndDeletes()
    {
        await TotalsShouldAgreeAsync("a fresh installation");

        RunInSingleUserMode();
        var legacy = await CreateAsync("legacy 1");
        await CreateAsync("legacy 2");
        RunAsUser(User1);
        var a = await CreateAsync("u1 a");
        var b = await CreateAsync("u1 b");
        var c = await CreateAsync("u1 c");
        RunAsUser(User2);
        var d = await CreateAsync("u2 d");
        var e = await CreateAsync("u2 e");
        await TotalsShouldAgreeAsync("creates in both modes");

        RunAsUser(User1);
        await SendAsync(new SetWorkflowSharingCommand(a, IsPublic: true));
        await SendAsync(new SetWorkflowSharingCommand(b, IsPublic: true));
        await SendAsync(new SetWorkflowSharingCommand(b, IsPublic: true));
        RunAsUser(User2);
        await SendAsync(new SetWorkflowSharingCommand(d, IsPublic: true));
        await TotalsShouldAgreeAsync("shares, one of them repeated");

        RunAsUser(User1);
        await SendAsync(new SetWorkflowSharingCommand(b, IsPublic: false));
        await TotalsShouldAgreeAsync("an unshare");

        await SendAsync(new MarkWorkflowOpenedCommand(a));
        await SendAsync(new MarkWorkflowOpenedCommand(a));
        await SendAsync(new MarkWorkflowOpenedCommand(c));
        RunAsAdministrator();
        var defaultId = (await ListIdsAsync(new WorkflowFilter([WorkflowCategory.Default])))[0];
        await SendAsync(new MarkWorkflowOpenedCommand(defaultId));
        await SendAsync(new MarkWorkflowOpenedCommand(e));
        await SendAsync(new MarkWorkflowOpenedCommand(legacy));
        await TotalsShouldAgreeAsync("opens, one of them repeated, some by an administrator");

        RunAsUser(User2);
        var copy = await SendAsync(new CreateWorkflowCommand(DocumentOf((await SendAsync(new GetWorkflowQuery(a))).Workflow)));
        await SendAsync(new SetWorkflowSharingCommand(copy.WorkflowId, IsPublic: true));
        await TotalsShouldAgreeAsync("a shared copy");

        RunAsUser(User1);
        await SendAsync(new DeleteWorkflowCommand(a));
        RunAsUser(User2);
        await SendAsync(new DeleteWorkflowCommand(e));
        RunAsAdministrator();
        await SendAsync(new DeleteWorkflowCommand(legacy));
        await SendAsync(new DeleteWorkflowCommand(copy.WorkflowId));
        await TotalsShouldAgreeAsync("deletes of shared, opened and legacy workflows by owners and an administrator");
    }

    [Fact]
    public async Task SharedView_ReadAgainAfterADelete_LosesTheWorkflow_AndItsTotalsStayConsistent()
    {
        RunAsUser(User1);
        var a = await CreateSharedAsync("a");
        var b = await CreateSharedAsync("b");
        var c = await CreateSharedAsync("c");
        RunAsUser(User2);
        var shared = new WorkflowFilter(UserOnly, IsPublic: true);
        var before = await PageAsync(shared, page: 0);
        var beforeSecondPage = await PageAsync(shared, page: 1);

        RunAsUser(User1);
        await SendAsync(new DeleteWorkflowCommand(b));
        RunAsUser(User2);
        var firstPage = await PageAsync(shared, page: 0);
        var secondPage = await PageAsync(shared, page: 1);

        (before.Total, before.Pages).Should().Be((3, 2));
        before.Items.Select(i => i.WorkflowId).Should().Equal(a, b);
        beforeSecondPage.Items.Select(i => i.WorkflowId).Should().Equal(c);
        (firstPage.Total, firstPage.Pages).Should().Be((2, 1));
        firstPage.Items.Select(i => i.WorkflowId).Should().Equal(a, c);
        (secondPage.Total, secondPage.Items.Count).Should().Be((2, 0));
    }

    [Fact]
    public async Task OwnView_ReadAgainAfterADelete_LosesTheWorkflow_AndItsTotalsStayConsistent()
    {
        RunAsUser(User1);
        var a = await CreateAsync("a");
        var b = await CreateAsync("b");
        var c = await CreateAsync("c");
        var own = new WorkflowFilter(UserOnly);
        var before = await PageAsync(own, page: 0);

        RunAsAdministrator();
        await SendAsync(new DeleteWorkflowCommand(a));
        RunAsUser(User1);
        var firstPage = await PageAsync(own, page: 0);

        (before.Total, before.Pages).Should().Be((3, 2));
        before.Items.Select(i => i.WorkflowId).Should().Equal(a, b);
        (firstPage.Total, firstPage.Pages).Should().Be((2, 1));
        firstPage.Items.Select(i => i.WorkflowId).Should().Equal(b, c);
    }

    private Task<PaginatedResults<WorkflowRecordListItemWithThumbnailDto>> PageAsync(WorkflowFilter filter, int page) =>
        SendAsync(new ListWorkflowsQuery(filter, WorkflowOrderBy.Name, SortDirection.Ascending, page, PerPage: 2));

    private async Task TotalsShouldAgreeAsync(string after)
    {
        var rows = await InDatabaseAsync(db => db.Workflows.AsNoTracking().ToListAsync());
        using var scope = new AssertionScope(after);
        foreach (var view in Views)
        {
            var user = view.AsAdministrator
                ? new AuthenticatedUser("admin", "admin@example.com", IsAdmin: true)
                : new AuthenticatedUser(User2, "user2@example.com", IsAdmin: false);
            await using var services = Database.CreateScope(multiUser: true, user);
            var counted = await services.ServiceProvider.GetRequiredService<IWorkflowLibraryCounts>()
                .TryCountAsync(user.ToActor(), view.Filter, CancellationToken.None);
            var listed = await services.ServiceProvider.GetRequiredService<Mediator.ISender>()
                .Send(new ListWorkflowsQuery(view.Filter, PerPage: 1));
            var expected = rows.Count(view.Holds);

            counted.Should().Be(expected, "the maintained count of '{0}' after {1}", view.Name, after);
            listed.Total.Should().Be(expected, "the list total of '{0}' after {1}", view.Name, after);
        }
    }

    private sealed record CountedView(string Name, bool AsAdministrator, WorkflowFilter Filter, Func<Workflow, bool> Holds);
}

[Collection(SqliteCollection.Name)]
public sealed class WorkflowLibraryCountsTestsOnSqlite(SqliteTestDatabase database) : WorkflowLibraryCountsTests(database);

[Collection(PostgresCollection.Name)]
public sealed class WorkflowLibraryCountsTestsOnPostgres(PostgresTestDatabase database) : WorkflowLibraryCountsTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class WorkflowLibraryCountsTestsOnSqlServer(SqlServerTestDatabase database) : WorkflowLibraryCountsTests(database);
