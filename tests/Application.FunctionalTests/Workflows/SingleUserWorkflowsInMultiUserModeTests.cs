using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>
/// A library used in single-user mode, then opened by a server in multi-user mode over the same
/// database (contract §1.5): its workflows belong to <c>system</c> and are shared, so every user
/// finds them under "Shared Workflows" and can read them, only administrators change them.
/// </summary>
public abstract class SingleUserWorkflowsInMultiUserModeTests(TestDatabase database) : MultiUserWorkflowTest(database)
{
    private static readonly WorkflowCategory[] UserOnly = [WorkflowCategory.User];

    [Fact]
    public async Task LegacyWorkflow_IsInEveryUsersSharedList_ButInNoRegularUsersOwnList()
    {
        var legacy = await CreateInSingleUserModeAsync();
        RunAsUser(User1);

        var shared = await ListAsync(new WorkflowFilter(UserOnly, IsPublic: true));
        var own = await ListIdsAsync(new WorkflowFilter(UserOnly));
        var ownAndDefaults = await ListIdsAsync(WorkflowFilter.None);

        var item = shared.Items.Should().ContainSingle().Subject;
        (item.WorkflowId, item.UserId, item.IsPublic, item.Name).Should().Be((legacy, "system", true, "Made before multi-user mode"));
        own.Should().BeEmpty();
        ownAndDefaults.Should().NotContain(legacy);
    }

    [Fact]
    public async Task LegacyWorkflow_CanBeReadByARegularUser_WithItsDocumentAsSaved()
    {
        var legacy = await CreateInSingleUserModeAsync();
        RunInSingleUserMode();
        var saved = await SendAsync(new GetWorkflowQuery(legacy));
        RunAsUser(User1);

        var read = await SendAsync(new GetWorkflowQuery(legacy));

        read.Should().BeEquivalentTo(saved, IgnoringCacheBuster);
    }

    [Fact]
    public async Task LegacyWorkflow_CannotBeChangedByARegularUser_AndStaysAsItWas()
    {
        var legacy = await CreateInSingleUserModeAsync();
        var before = await ReadAsAdministratorAsync(legacy);
        RunAsUser(User1);
        using var image = new MemoryStream([1, 2, 3]);

        await ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>(
            () => SendAsync(new UpdateWorkflowCommand(legacy, null, WorkflowDocuments.Create(name: "Mine now"))), "Not authorized to update this workflow");
        await ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>(
            () => SendAsync(new SetWorkflowSharingCommand(legacy, IsPublic: false)), "Not authorized to update this workflow");
        await ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>(
            () => SendAsync(new MarkWorkflowOpenedCommand(legacy)), "Not authorized to update this workflow");
        await ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>(
            () => SendAsync(new SetWorkflowThumbnailCommand(legacy, "image/png", image)), "Not authorized to update this workflow");
        await ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>(
            () => SendAsync(new DeleteWorkflowThumbnailCommand(legacy)), "Not authorized to update this workflow");
        await ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>(
            () => SendAsync(new DeleteWorkflowCommand(legacy)), "Not authorized to delete this workflow");

        (await ReadAsAdministratorAsync(legacy)).Should().BeEquivalentTo(before, IgnoringCacheBuster);
    }

    [Fact]
    public async Task LegacyWorkflow_IsInTheAdministratorsOwnList_AndFullyManageableByThem()
    {
        var legacy = await CreateInSingleUserModeAsync();
        RunAsAdministrator();

        (await ListIdsAsync(new WorkflowFilter(UserOnly))).Should().Equal(legacy);
        var updated = await SendAsync(new UpdateWorkflowCommand(legacy, legacy, WorkflowDocuments.Create(name: "Renamed by the admin")));
        await SendAsync(new MarkWorkflowOpenedCommand(legacy));
        var unshared = await SendAsync(new SetWorkflowSharingCommand(legacy, IsPublic: false));

        updated.Name.Should().Be("Renamed by the admin");
        updated.UserId.Should().Be("system", "an administrator's change keeps the owner");
        unshared.IsPublic.Should().BeFalse();
        unshared.OpenedAt.Should().NotBeNull();

        RunAsUser(User1);
        (await ListIdsAsync(new WorkflowFilter(UserOnly, IsPublic: true))).Should().BeEmpty("unshared, it leaves every user's shared list");
        var read = () => SendAsync(new GetWorkflowQuery(legacy));
        (await read.Should().ThrowAsync<ForbiddenException>()).Which.Detail.Should().Be("Not authorized to access this workflow");

        RunAsAdministrator();
        await SendAsync(new DeleteWorkflowCommand(legacy));
        var gone = () => SendAsync(new GetWorkflowQuery(legacy));
        (await gone.Should().ThrowAsync<NotFoundException>()).Which.Detail.Should().Be("Workflow not found");
    }

    [Fact]
    public async Task DefaultWorkflows_StayReadableByEveryone_AndReadOnlyEvenForAdministrators()
    {
        RunAsAdministrator();
        var defaultId = (await ListIdsAsync(new WorkflowFilter([WorkflowCategory.Default])))[0];
        RunAsUser(User1);

        var read = await SendAsync(new GetWorkflowQuery(defaultId));
        var ownAndDefaults = await ListIdsAsync(WorkflowFilter.None);
        await ShouldBreakAsync<DefaultWorkflowsAreReadOnlyRule>(
            () => SendAsync(new MarkWorkflowOpenedCommand(defaultId)), "Default workflows are read-only");
        RunAsAdministrator();
        await ShouldBreakAsync<DefaultWorkflowsAreReadOnlyRule>(
            () => SendAsync(new DeleteWorkflowCommand(defaultId)), "Default workflows are read-only");
        await ShouldBreakAsync<DefaultWorkflowsAreReadOnlyRule>(
            () => SendAsync(new SetWorkflowSharingCommand(defaultId, IsPublic: true)), "Default workflows are read-only");

        read.UserId.Should().Be("system");
        ownAndDefaults.Should().Contain(defaultId);
        await SendAsync(new MarkWorkflowOpenedCommand(defaultId));
        (await ReadAsAdministratorAsync(defaultId)).OpenedAt.Should().NotBeNull("administrators may mark a default opened");
    }

    /// <summary>A workflow saved by the server while it ran in single-user mode on this database.</summary>
    private async Task<string> CreateInSingleUserModeAsync()
    {
        RunInSingleUserMode();
        var created = await SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(name: "Made before multi-user mode", tags: "portrait")));
        (created.UserId, created.IsPublic).Should().Be(("system", true));
        return created.WorkflowId;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SingleUserWorkflowsInMultiUserModeTestsOnSqlite(SqliteTestDatabase database) : SingleUserWorkflowsInMultiUserModeTests(database);

[Collection(PostgresCollection.Name)]
public sealed class SingleUserWorkflowsInMultiUserModeTestsOnPostgres(PostgresTestDatabase database) : SingleUserWorkflowsInMultiUserModeTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class SingleUserWorkflowsInMultiUserModeTestsOnSqlServer(SqlServerTestDatabase database) : SingleUserWorkflowsInMultiUserModeTests(database);
