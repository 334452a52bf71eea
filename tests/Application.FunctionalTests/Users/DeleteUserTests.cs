using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;
using Invoke.Application.Workflows;
using Invoke.Domain.Users.Rules;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Users;

/// <summary>DELETE <c>/api/v1/auth/users/{id}</c>: 404, then the system account, then the last administrator.</summary>
public abstract class DeleteUserTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Delete_ARegularUser_RemovesTheAccountButKeepsTheirWorkflows()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var user = await CreateUserAsync("user@example.com");
        RunAs(user);
        var workflow = await SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create()));
        RunAs(admin);

        await SendAsync(new DeleteUserCommand(user.UserId));

        var lookUp = () => SendAsync(new GetUserQuery(user.UserId));
        await lookUp.ShouldFailWithAsync<NotFoundException>();
        var orphan = await SendAsync(new GetWorkflowQuery(workflow.WorkflowId));
        orphan.UserId.Should().Be(user.UserId, "administrators still see and manage what the account owned");
    }

    [Fact]
    public async Task Delete_AnUnknownId_IsNotFound()
    {
        RunAs(await CreateUserAsync("admin@example.com", isAdmin: true));

        var act = () => SendAsync(new DeleteUserCommand("does-not-exist"));

        (await act.ShouldFailWithAsync<NotFoundException>()).Should().Be("User not found");
    }

    [Fact]
    public async Task Delete_TheSystemAccount_BreaksTheSystemRuleAndKeepsTheRow()
    {
        RunAs(await CreateUserAsync("admin@example.com", isAdmin: true));

        var act = () => SendAsync(new DeleteUserCommand("system"));

        (await act.ShouldBreakAsync<SystemAccountIsProtectedRule>())
            .Should().Be("The system user cannot be deleted, deactivated, promoted to administrator, or given a password");
        (await StoredUserAsync("system")).IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task Delete_TheLastActiveAdministrator_BreaksTheLastAdministratorRule()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        RunAs(admin);

        var act = () => SendAsync(new DeleteUserCommand(admin.UserId));

        (await act.ShouldBreakAsync<LastAdministratorCannotBeRemovedRule>()).Should().Be("Cannot remove the last administrator");
        (await InDatabaseAsync(db => db.Users.CountAsync(u => u.IsAdmin && u.IsActive))).Should().Be(1);
    }

    [Fact]
    public async Task Delete_TheLastAdministratorWhenASecondIsInactive_IsStillRefused()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var inactive = await CreateUserAsync("inactive@example.com", isAdmin: true);
        RunAs(admin);
        await SendAsync(new UpdateUserCommand(inactive.UserId, IsActive: false));

        var act = () => SendAsync(new DeleteUserCommand(admin.UserId));

        await act.ShouldBreakAsync<LastAdministratorCannotBeRemovedRule>();
    }

    [Fact]
    public async Task Delete_AnInactiveAdministrator_IsAllowedWithOneActiveAdministrator()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var inactive = await CreateUserAsync("inactive@example.com", isAdmin: true);
        RunAs(admin);
        await SendAsync(new UpdateUserCommand(inactive.UserId, IsActive: false));

        await SendAsync(new DeleteUserCommand(inactive.UserId));

        (await InDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == inactive.UserId))).Should().BeFalse();
    }

    [Fact]
    public async Task Delete_ThemselvesWhileAnotherAdministratorRemains_IsAllowed()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var second = await CreateUserAsync("second@example.com", isAdmin: true);
        RunAs(admin);

        await SendAsync(new DeleteUserCommand(admin.UserId));

        (await InDatabaseAsync(db => db.Users.Where(u => u.IsAdmin && u.IsActive).Select(u => u.Id).ToListAsync()))
            .Should().Equal(second.UserId);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DeleteUserTestsOnSqlite(SqliteTestDatabase database) : DeleteUserTests(database);

[Collection(PostgresCollection.Name)]
public sealed class DeleteUserTestsOnPostgres(PostgresTestDatabase database) : DeleteUserTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class DeleteUserTestsOnSqlServer(SqlServerTestDatabase database) : DeleteUserTests(database);
