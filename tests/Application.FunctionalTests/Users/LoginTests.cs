using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Testing;
using Invoke.Application.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class LoginTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Login_WithTheRightPassword_IssuesADayLongTokenAndRecordsTheLogin()
    {
        var user = await CreateUserAsync("user@example.com");
        RunAsAnonymous();

        var login = await SendAsync(new LoginCommand("user@example.com", UserPasswords.Default));

        login.ExpiresIn.Should().Be(86400);
        login.User.UserId.Should().Be(user.UserId);
        login.User.IsAdmin.Should().BeFalse();
        login.User.LastLoginAt.Should().Be("2026-11-27T12:00:00.000000Z");
        (await StoredUserAsync(user.UserId)).LastLoginAt.Should().Be(TestDatabase.StartTime.UtcDateTime);
        var claims = await VerifyAsync(login.Token);
        claims.Should().Be(new TokenClaims(user.UserId, "user@example.com", false, false, 0, TestDatabase.StartTime.AddDays(1)));
    }

    [Fact]
    public async Task Login_WithRememberMe_IssuesAWeekLongToken()
    {
        await CreateUserAsync("admin@example.com", isAdmin: true);
        RunAsAnonymous();

        var login = await SendAsync(new LoginCommand("admin@example.com", UserPasswords.Default, RememberMe: true));

        login.ExpiresIn.Should().Be(604800);
        login.User.IsAdmin.Should().BeTrue();
        var claims = await VerifyAsync(login.Token);
        claims!.RememberMe.Should().BeTrue();
        claims.IsAdmin.Should().BeTrue();
        claims.ExpiresAt.Should().Be(TestDatabase.StartTime.AddDays(7));
    }

    [Fact]
    public async Task Login_WithTheEmailInAnotherCase_FindsTheSameAccount()
    {
        var user = await CreateUserAsync("Jane.Doe@Example.com");
        RunAsAnonymous();

        var login = await SendAsync(new LoginCommand("JANE.DOE@example.COM", UserPasswords.Default));

        login.User.UserId.Should().Be(user.UserId);
        login.User.Email.Should().Be("Jane.Doe@example.com");
    }

    [Theory]
    [InlineData("user@example.com", "WrongPass123")]
    [InlineData("user@example.com", "testpass123")]
    [InlineData("user@example.com", " TestPass123")]
    [InlineData("nobody@example.com", UserPasswords.Default)]
    public async Task Login_WithAWrongPasswordOrUnknownEmail_IsUnauthenticatedWithABearerChallenge(string email, string password)
    {
        await CreateUserAsync("user@example.com");
        RunAsAnonymous();

        var act = () => SendAsync(new LoginCommand(email, password));

        var failure = (await act.Should().ThrowAsync<UnauthenticatedException>()).Which;
        failure.Detail.Should().Be("Incorrect email or password");
        failure.Challenge.Should().BeTrue();
    }

    [Fact]
    public async Task Login_AsTheSystemAccount_IsRefusedEvenWithAPlantedPasswordAndOthersStillLogIn()
    {
        await CreateUserAsync("user@example.com");
        var planted = MemoizingPasswordHasher.Instance.Hash("SystemPass123");
        await InDatabaseAsync(db => db.Users.Where(u => u.Id == "system")
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, planted).SetProperty(x => x.IsAdmin, true)));
        RunAsAnonymous();

        var act = () => SendAsync(new LoginCommand("system@system.invokeai", "SystemPass123"));

        (await act.ShouldFailWithAsync<UnauthenticatedException>()).Should().Be("Incorrect email or password");
        (await SendAsync(new LoginCommand("user@example.com", UserPasswords.Default))).Token.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Login_WhenTheAccountIsDisabled_IsForbiddenOnlyWithTheRightPassword()
    {
        await CreateUserAsync("admin@example.com", isAdmin: true);
        var user = await CreateUserAsync("user@example.com");
        RunAsAdministrator();
        await SendAsync(new UpdateUserCommand(user.UserId, IsActive: false));
        RunAsAnonymous();

        var rightPassword = () => SendAsync(new LoginCommand("user@example.com", UserPasswords.Default));
        var wrongPassword = () => SendAsync(new LoginCommand("user@example.com", "WrongPass123"));

        (await rightPassword.ShouldFailWithAsync<ForbiddenException>()).Should().Be("User account is disabled");
        (await wrongPassword.ShouldFailWithAsync<UnauthenticatedException>()).Should().Be("Incorrect email or password");
    }

    [Fact]
    public async Task Login_InSingleUserMode_IsForbidden()
    {
        await CreateUserAsync("user@example.com");
        RunInSingleUserMode();

        var act = () => SendAsync(new LoginCommand("user@example.com", UserPasswords.Default));

        (await act.ShouldFailWithAsync<ForbiddenException>())
            .Should().Be("Multiuser mode is disabled. Authentication is not required in single-user mode.");
    }

    [Theory]
    [InlineData("not_an_email")]
    [InlineData("@example.com")]
    [InlineData("user@")]
    [InlineData("user @example.com")]
    [InlineData("../../../etc/passwd")]
    public async Task Login_WithAMalformedEmail_FailsValidationAtBodyEmail(string email)
    {
        RunAsAnonymous();

        var act = () => SendAsync(new LoginCommand(email, UserPasswords.Default));

        var error = await act.ShouldFailWithSingleValidationErrorAsync();
        error.Loc.Should().Equal("body", "email");
        error.Type.Should().Be("value_error");
    }

    [Theory]
    [InlineData("admin@example.com' OR '1'='1", UserPasswords.Default)]
    [InlineData("admin@example.com'--", UserPasswords.Default)]
    [InlineData("' OR 1=1 --@example.com", UserPasswords.Default)]
    [InlineData("admin@example.com; DROP TABLE users;--", UserPasswords.Default)]
    [InlineData("\" OR \"\"=\"@example.com", UserPasswords.Default)]
    [InlineData("admin@example.com", "' OR '1'='1")]
    [InlineData("admin@example.com", "'; DROP TABLE users;--")]
    [InlineData("admin@example.com", "\" OR 1=1 --")]
    public async Task Login_WithSqlInjection_NeverAuthenticatesAndLeavesTheTableIntact(string email, string password)
    {
        await CreateUserAsync("admin@example.com", isAdmin: true);
        RunAsAnonymous();

        var outcome = await ((Func<Task>)(() => SendAsync(new LoginCommand(email, password)))).OutcomeAsync();

        outcome.Should().Match<Exception>(e => e is UnauthenticatedException || e is RequestValidationException);
        (await InDatabaseAsync(db => db.Users.CountAsync())).Should().Be(2);
    }

    [Fact]
    public async Task Login_AfterTooManyFailuresForOneAccount_IsThrottledEvenWithTheRightPassword()
    {
        await CreateUserAsync("user@example.com");
        await CreateUserAsync("other@example.com");
        RunAsAnonymous();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = () => SendAsync(new LoginCommand(attempt % 2 == 0 ? "user@example.com" : "USER@example.com", "WrongPass123"));
            await wrong.ShouldFailWithAsync<UnauthenticatedException>();
        }

        var act = () => SendAsync(new LoginCommand("user@example.com", UserPasswords.Default));

        var throttled = (await act.Should().ThrowAsync<TooManyRequestsException>()).Which;
        throttled.Detail.Should().Be("Too many failed login attempts. Try again later.");
        throttled.RetryAfter.Should().Be(TimeSpan.FromMinutes(15));
        (await SendAsync(new LoginCommand("other@example.com", UserPasswords.Default))).Token.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Login_AfterTheThrottlingWindow_IsAllowedAgain()
    {
        await CreateUserAsync("user@example.com");
        RunAsAnonymous();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await ((Func<Task>)(() => SendAsync(new LoginCommand("user@example.com", "WrongPass123")))).OutcomeAsync();
        }

        Database.Clock.Advance(TimeSpan.FromMinutes(15));

        (await SendAsync(new LoginCommand("user@example.com", UserPasswords.Default))).Token.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Login_AfterTooManyFailuresFromOneAddress_ThrottlesEveryAccountFromThatAddressOnly()
    {
        await CreateUserAsync("user@example.com");
        RunAsAnonymous();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var wrong = () => SendAsync(new LoginCommand($"nobody{attempt}@example.com", "WrongPass123", ClientAddress: "192.0.2.10"));
            await wrong.ShouldFailWithAsync<UnauthenticatedException>();
        }

        var fromThatAddress = () => SendAsync(new LoginCommand("user@example.com", UserPasswords.Default, ClientAddress: "192.0.2.10"));

        await fromThatAddress.ShouldFailWithAsync<TooManyRequestsException>();
        (await SendAsync(new LoginCommand("user@example.com", UserPasswords.Default, ClientAddress: "192.0.2.11"))).Token.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Login_WhenSuccessful_ClearsTheAccountsEarlierFailures()
    {
        await CreateUserAsync("user@example.com");
        RunAsAnonymous();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await ((Func<Task>)(() => SendAsync(new LoginCommand("user@example.com", "WrongPass123")))).OutcomeAsync();
        }

        await SendAsync(new LoginCommand("user@example.com", UserPasswords.Default));
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await ((Func<Task>)(() => SendAsync(new LoginCommand("user@example.com", "WrongPass123")))).OutcomeAsync();
        }

        (await SendAsync(new LoginCommand("user@example.com", UserPasswords.Default))).Token.Should().NotBeEmpty();
    }

    private Task<TokenClaims?> VerifyAsync(string token) =>
        InScopeAsync(services => services.GetRequiredService<ITokenService>().VerifyAsync(token, CancellationToken.None).AsTask());
}

[Collection(SqliteCollection.Name)]
public sealed class LoginTestsOnSqlite(SqliteTestDatabase database) : LoginTests(database);

[Collection(PostgresCollection.Name)]
public sealed class LoginTestsOnPostgres(PostgresTestDatabase database) : LoginTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class LoginTestsOnSqlServer(SqlServerTestDatabase database) : LoginTests(database);
