using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class LogoutTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Logout_AsAUser_SucceedsAndLeavesTheTokenValidUntilItExpires()
    {
        await CreateUserAsync("user@example.com");
        RunAsAnonymous();
        var login = await SendAsync(new LoginCommand("user@example.com", UserPasswords.Default));
        RunAs(login.User);

        await SendAsync(new LogoutCommand());

        var authentication = await AuthenticateAsync(login.Token);
        authentication.Outcome.Should().Be(TokenAuthenticationOutcome.Authenticated, "tokens are stateless; only a password change revokes them");
    }

    [Fact]
    public async Task Logout_WhenAnonymous_IsUnauthenticated()
    {
        RunAsAnonymous();

        var act = () => SendAsync(new LogoutCommand());

        (await act.ShouldFailWithAsync<UnauthenticatedException>()).Should().Be("Authentication required");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LogoutTestsOnSqlite(SqliteTestDatabase database) : LogoutTests(database);

[Collection(PostgresCollection.Name)]
public sealed class LogoutTestsOnPostgres(PostgresTestDatabase database) : LogoutTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class LogoutTestsOnSqlServer(SqlServerTestDatabase database) : LogoutTests(database);
