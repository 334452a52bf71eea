using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Testing;
using Invoke.Application.Users;
using Invoke.Domain.Users.Rules;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class EnsureSystemAccountTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Ensure_AfterTheRowWasTamperedWith_ProtectsTheSystemAccountAgain()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var planted = MemoizingPasswordHasher.Instance.Hash("SystemPass123");
        await InDatabaseAsync(db => db.Users.Where(u => u.Id == "system").ExecuteUpdateAsync(u => u
            .SetProperty(x => x.IsAdmin, true)
            .SetProperty(x => x.IsActive, false)
            .SetProperty(x => x.PasswordHash, planted)));
        RunInSingleUserMode();

        await SendAsync(new EnsureSystemAccountCommand());

        var system = await StoredUserAsync("system");
        system.IsAdmin.Should().BeFalse();
        system.IsActive.Should().BeTrue();
        system.PasswordHash.Should().BeEmpty();
        RunAs(admin);
        var demoteTheRealAdmin = () => SendAsync(new UpdateUserCommand(admin.UserId, IsAdmin: false));
        await demoteTheRealAdmin.ShouldBreakAsync<LastAdministratorCannotBeRemovedRule>();
    }

    [Fact]
    public async Task Ensure_WhenTheRowIsMissing_CreatesIt()
    {
        await InDatabaseAsync(db => db.Users.Where(u => u.Id == "system").ExecuteDeleteAsync());
        RunInSingleUserMode();

        await SendAsync(new EnsureSystemAccountCommand());

        var system = await StoredUserAsync("system");
        system.Email.Should().Be("system@system.invokeai");
        system.DisplayName.Should().Be("System");
        system.IsAdmin.Should().BeFalse();
        system.PasswordHash.Should().BeEmpty();
    }

    [Fact]
    public async Task Ensure_WhenTheRowIsIntact_KeepsItsNameAndTimes()
    {
        RunAs(await CreateUserAsync("admin@example.com", isAdmin: true));
        await SendAsync(new UpdateUserCommand("system", DisplayName: "Legacy content"));
        var before = await StoredUserAsync("system");
        Database.Clock.Advance(TimeSpan.FromHours(1));
        RunInSingleUserMode();

        await SendAsync(new EnsureSystemAccountCommand());

        var after = await StoredUserAsync("system");
        after.DisplayName.Should().Be("Legacy content");
        after.UpdatedAt.Should().Be(before.UpdatedAt);
    }

    [Fact]
    public async Task Ensure_WhenTheCallerIsNotTheOperatorOrAnAdministrator_IsRefused()
    {
        RunAsUser("user-1");

        var act = () => SendAsync(new EnsureSystemAccountCommand());

        (await act.ShouldFailWithAsync<ForbiddenException>()).Should().Be("Admin privileges required");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EnsureSystemAccountTestsOnSqlite(SqliteTestDatabase database) : EnsureSystemAccountTests(database);

[Collection(PostgresCollection.Name)]
public sealed class EnsureSystemAccountTestsOnPostgres(PostgresTestDatabase database) : EnsureSystemAccountTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class EnsureSystemAccountTestsOnSqlServer(SqlServerTestDatabase database) : EnsureSystemAccountTests(database);
