using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class GetUserTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Get_ById_ReturnsTheAccount()
    {
        var user = await CreateUserAsync("user@example.com", displayName: "Someone");
        RunAsAdministrator();

        var found = await SendAsync(new GetUserQuery(user.UserId));

        found.Should().Be(user);
    }

    [Fact]
    public async Task Get_TheSystemAccount_ShowsItAsANonAdministrator()
    {
        RunAsAdministrator();

        var system = await SendAsync(new GetUserQuery("system"));

        system.Email.Should().Be("system@system.invokeai");
        system.DisplayName.Should().Be("System");
        system.IsAdmin.Should().BeFalse();
        system.IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task Get_AnUnknownId_IsNotFound()
    {
        RunAsAdministrator();

        var act = () => SendAsync(new GetUserQuery("does-not-exist"));

        (await act.ShouldFailWithAsync<NotFoundException>()).Should().Be("User not found");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GetUserTestsOnSqlite(SqliteTestDatabase database) : GetUserTests(database);

[Collection(PostgresCollection.Name)]
public sealed class GetUserTestsOnPostgres(PostgresTestDatabase database) : GetUserTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class GetUserTestsOnSqlServer(SqlServerTestDatabase database) : GetUserTests(database);
