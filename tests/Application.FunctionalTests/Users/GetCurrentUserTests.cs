using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class GetCurrentUserTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task GetCurrentUser_ReturnsTheCallersOwnRow()
    {
        var user = await CreateUserAsync("user@example.com", displayName: "Test User");
        await CreateUserAsync("other@example.com");
        RunAs(user);

        var me = await SendAsync(new GetCurrentUserQuery());

        me.Should().Be(user);
        me.DisplayName.Should().Be("Test User");
        me.IsAdmin.Should().BeFalse();
    }

    [Fact]
    public async Task GetCurrentUser_ReflectsChangesAnAdministratorMadeSince()
    {
        var user = await CreateUserAsync("user@example.com");
        await CreateUserAsync("admin@example.com", isAdmin: true);
        RunAsAdministrator();
        await SendAsync(new UpdateUserCommand(user.UserId, DisplayName: "Promoted", IsAdmin: true));
        RunAs(user);

        var me = await SendAsync(new GetCurrentUserQuery());

        me.IsAdmin.Should().BeTrue();
        me.DisplayName.Should().Be("Promoted");
    }

    [Fact]
    public async Task GetCurrentUser_WhenAnonymous_IsUnauthenticated()
    {
        RunAsAnonymous();

        var act = () => SendAsync(new GetCurrentUserQuery());

        await act.ShouldFailWithAsync<UnauthenticatedException>();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GetCurrentUserTestsOnSqlite(SqliteTestDatabase database) : GetCurrentUserTests(database);

[Collection(PostgresCollection.Name)]
public sealed class GetCurrentUserTestsOnPostgres(PostgresTestDatabase database) : GetCurrentUserTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class GetCurrentUserTestsOnSqlServer(SqlServerTestDatabase database) : GetCurrentUserTests(database);
