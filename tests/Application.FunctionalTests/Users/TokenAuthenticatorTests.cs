using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Application.FunctionalTests.Users;

/// <summary>Whether a token is honoured: it proves identity only; role, activity and the token epoch come from the database.</summary>
public abstract class TokenAuthenticatorTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Authenticate_TakesTheRoleAndEmailFromTheDatabaseNotTheToken()
    {
        var user = await CreateUserAsync("user@example.com");
        RunAsAdministrator();
        var token = await IssueAsync(user.UserId, "forged@example.com", isAdmin: true, epoch: 0, expiresIn: TimeSpan.FromHours(1), rememberMe: true);

        var result = await AuthenticateAsync(token);

        result.Outcome.Should().Be(TokenAuthenticationOutcome.Authenticated);
        result.User.Should().Be(new Security.AuthenticatedUser(user.UserId, "user@example.com", IsAdmin: false, RememberMe: true, TokenEpoch: 0));
        result.ExpiresAt.Should().Be(TestDatabase.StartTime.AddHours(1));
    }

    [Fact]
    public async Task Authenticate_AfterAPasswordChange_RefusesTokensOfTheOldEpoch()
    {
        var user = await CreateUserAsync("user@example.com");
        RunAsAdministrator();
        var old = await IssueAsync(user.UserId, user.Email, false, epoch: 0);
        await SendAsync(new UpdateUserCommand(user.UserId, Password: UserPasswords.Other));

        (await AuthenticateAsync(old)).Outcome.Should().Be(TokenAuthenticationOutcome.UserUnavailable);
        (await AuthenticateAsync(await IssueAsync(user.UserId, user.Email, false, epoch: 1))).Outcome.Should().Be(TokenAuthenticationOutcome.Authenticated);
        (await AuthenticateAsync(await IssueAsync(user.UserId, user.Email, false, epoch: 2))).Outcome.Should().Be(TokenAuthenticationOutcome.UserUnavailable);
    }

    [Fact]
    public async Task Authenticate_ForADeactivatedOrDeletedAccount_RefusesTheToken()
    {
        var deactivated = await CreateUserAsync("deactivated@example.com");
        var deleted = await CreateUserAsync("deleted@example.com");
        RunAsAdministrator();
        var deactivatedToken = await IssueAsync(deactivated.UserId, deactivated.Email, false, 0);
        var deletedToken = await IssueAsync(deleted.UserId, deleted.Email, false, 0);
        await SendAsync(new UpdateUserCommand(deactivated.UserId, IsActive: false));
        await SendAsync(new DeleteUserCommand(deleted.UserId));

        (await AuthenticateAsync(deactivatedToken)).Outcome.Should().Be(TokenAuthenticationOutcome.UserUnavailable);
        (await AuthenticateAsync(deletedToken)).Outcome.Should().Be(TokenAuthenticationOutcome.UserUnavailable);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Authenticate_ATokenNamingTheSystemAccount_IsRefusedEvenIfTheRowWasTamperedWith(bool isAdmin)
    {
        await InDatabaseAsync(db => db.Users.Where(u => u.Id == "system").ExecuteUpdateAsync(u => u.SetProperty(x => x.IsAdmin, true)));
        RunAsAdministrator();

        var result = await AuthenticateAsync(await IssueAsync("system", "system@system.invokeai", isAdmin, 0));

        result.Outcome.Should().Be(TokenAuthenticationOutcome.UserUnavailable);
        result.User.Should().BeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Authenticate_AnExpiredToken_IsInvalid(int secondsLeft)
    {
        var user = await CreateUserAsync("user@example.com");
        RunAsAdministrator();

        var result = await AuthenticateAsync(await IssueAsync(user.UserId, user.Email, false, 0, TimeSpan.FromSeconds(secondsLeft)));

        result.Outcome.Should().Be(TokenAuthenticationOutcome.InvalidToken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("invalid_token_string")]
    [InlineData("not.a.token")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.garbage")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjoieCJ9")]
    public async Task Authenticate_AMalformedToken_IsInvalid(string token)
    {
        RunAsAdministrator();

        (await AuthenticateAsync(token)).Outcome.Should().Be(TokenAuthenticationOutcome.InvalidToken);
    }

    [Fact]
    public async Task Authenticate_ATokenHonouredBefore_IsInvalidOnceItHasExpired()
    {
        var user = await CreateUserAsync("user@example.com");
        RunAsAdministrator();
        var token = await IssueAsync(user.UserId, user.Email, false, 0, TimeSpan.FromMinutes(1));
        (await AuthenticateAsync(token)).Outcome.Should().Be(TokenAuthenticationOutcome.Authenticated);

        Database.Clock.Advance(TimeSpan.FromMinutes(1));

        (await AuthenticateAsync(token)).Outcome.Should().Be(TokenAuthenticationOutcome.InvalidToken);
        (await AuthenticateAsync(token)).Outcome.Should().Be(TokenAuthenticationOutcome.InvalidToken);
    }

    [Fact]
    public async Task Authenticate_ATokenHonouredBefore_IsRefusedOnceTheAccountIsDeactivated()
    {
        var user = await CreateUserAsync("user@example.com");
        RunAsAdministrator();
        var token = await IssueAsync(user.UserId, user.Email, false, 0);
        (await AuthenticateAsync(token)).Outcome.Should().Be(TokenAuthenticationOutcome.Authenticated);

        await SendAsync(new UpdateUserCommand(user.UserId, IsActive: false));

        (await AuthenticateAsync(token)).Outcome.Should().Be(TokenAuthenticationOutcome.UserUnavailable);
    }

    [Fact]
    public async Task Authenticate_ATokenWithOneCharacterChanged_IsInvalid()
    {
        var user = await CreateUserAsync("user@example.com");
        RunAsAdministrator();
        var token = await IssueAsync(user.UserId, user.Email, false, 0);
        var middle = token.Length / 2;
        var altered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        (await AuthenticateAsync(altered)).Outcome.Should().Be(TokenAuthenticationOutcome.InvalidToken);
    }

    private Task<string> IssueAsync(string userId, string email, bool isAdmin, int epoch, TimeSpan? expiresIn = null, bool rememberMe = false) =>
        InScopeAsync(async s => (await s.GetRequiredService<ITokenService>().IssueAsync(
            new TokenClaims(userId, email, isAdmin, rememberMe, epoch, Database.Clock.GetUtcNow() + (expiresIn ?? TimeSpan.FromDays(1))),
            CancellationToken.None)).Token);
}

[Collection(SqliteCollection.Name)]
public sealed class TokenAuthenticatorTestsOnSqlite(SqliteTestDatabase database) : TokenAuthenticatorTests(database);

[Collection(PostgresCollection.Name)]
public sealed class TokenAuthenticatorTestsOnPostgres(PostgresTestDatabase database) : TokenAuthenticatorTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class TokenAuthenticatorTestsOnSqlServer(SqlServerTestDatabase database) : TokenAuthenticatorTests(database);
