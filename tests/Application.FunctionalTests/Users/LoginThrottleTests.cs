using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Application.FunctionalTests.Users;

/// <summary>
/// Password-guess throttling with the default limits (5 per account and address, 100 per account,
/// 20 per address, 15 minutes): what an attacker can and cannot do to the owner, on every provider.
/// </summary>
public abstract class LoginThrottleTests(TestDatabase database) : FunctionalTest(database)
{
    private const string Attacker = "203.0.113.66";
    private const string Owner = "198.51.100.7";

    [Fact]
    public async Task Login_AfterAnotherAddressExhaustedItsGuesses_StillLetsTheOwnerIn()
    {
        await CreateUserAsync("owner@example.com");
        RunAsAnonymous();
        await FailAsync("owner@example.com", 5, Attacker);

        var attackerAgain = () => SendAsync(new LoginCommand("owner@example.com", UserPasswords.Default, ClientAddress: Attacker));

        await attackerAgain.ShouldFailWithAsync<TooManyRequestsException>();
        (await SendAsync(new LoginCommand("owner@example.com", UserPasswords.Default, ClientAddress: Owner))).Token.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Login_AfterTheAccountWideLimitAcrossAddresses_IsThrottledFromEveryAddress()
    {
        await CreateUserAsync("owner@example.com");
        RunAsAnonymous();
        for (var i = 0; i < 100; i++)
        {
            await FailAsync("owner@example.com", 1, $"198.18.{i / 250}.{(i % 250) + 1}");
        }

        var fromAFreshAddress = () => SendAsync(new LoginCommand("owner@example.com", UserPasswords.Default, ClientAddress: Owner));

        await fromAFreshAddress.ShouldFailWithAsync<TooManyRequestsException>();
    }

    [Fact]
    public async Task Login_WithConcurrentGuesses_NeverChecksMorePasswordsThanTheLimit()
    {
        await CreateUserAsync("owner@example.com");
        RunAsAnonymous();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(async () =>
            await ((Func<Task>)(() => SendAsync(new LoginCommand("owner@example.com", "WrongPass123", ClientAddress: Attacker)))).OutcomeAsync())));

        outcomes.Count(e => e is UnauthenticatedException).Should().Be(5);
        outcomes.Count(e => e is TooManyRequestsException).Should().Be(25);
    }

    [Fact]
    public async Task Reservations_RacedFromManyScopes_NeverExceedTheLimit()
    {
        var granted = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() =>
            InScopeAsync(async services =>
                await services.GetRequiredService<ILoginThrottle>().TryReserveAsync("race@example.com", "192.0.2.99", CancellationToken.None) is null))));

        granted.Count(g => g).Should().Be(5);
    }

    [Theory]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("[::ffff:203.0.113.7]", "203.0.113.7")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("2001:DB8:1:2:0:0:0:5", "2001:db8:1:2::6")]
    public async Task Login_FromAnotherSpellingOfTheSameClient_SharesItsBudget(string first, string second)
    {
        await CreateUserAsync("owner@example.com");
        RunAsAnonymous();
        await FailAsync("owner@example.com", 3, first);
        await FailAsync("owner@example.com", 2, second);

        var again = () => SendAsync(new LoginCommand("owner@example.com", UserPasswords.Default, ClientAddress: first));

        await again.ShouldFailWithAsync<TooManyRequestsException>();
    }

    [Fact]
    public async Task Login_FromAnotherIpv6Network_HasItsOwnBudget()
    {
        await CreateUserAsync("owner@example.com");
        RunAsAnonymous();
        await FailAsync("owner@example.com", 5, "2001:db8:1:2::1");

        (await SendAsync(new LoginCommand("owner@example.com", UserPasswords.Default, ClientAddress: "2001:db8:1:3::1"))).Token.Should().NotBeEmpty();
    }

    [Fact]
    public async Task ChangingPassword_WithWrongCurrentPasswords_IsThrottledLikeALogin()
    {
        var user = await CreateUserAsync("owner@example.com");
        RunAs(user);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = () => SendAsync(new UpdateCurrentUserCommand(null, "WrongPass123", "NewPass1234", Attacker));
            await wrong.ShouldFailWithAsync<BadRequestException>();
        }

        var right = () => SendAsync(new UpdateCurrentUserCommand(null, UserPasswords.Default, "NewPass1234", Attacker));

        await right.ShouldFailWithAsync<TooManyRequestsException>();
        RunAsAnonymous();
        var login = () => SendAsync(new LoginCommand("owner@example.com", UserPasswords.Default, ClientAddress: Attacker));
        await login.ShouldFailWithAsync<TooManyRequestsException>();
    }

    [Fact]
    public async Task Login_AsTheSystemAccount_IsRefusedAndCountedLikeAnyWrongPassword()
    {
        await CreateUserAsync("owner@example.com");
        RunAsAnonymous();
        await FailAsync("system@system.invokeai", 5, Attacker);

        var again = () => SendAsync(new LoginCommand("system@system.invokeai", "", ClientAddress: Attacker));

        await again.ShouldFailWithAsync<TooManyRequestsException>();
    }

    private async Task FailAsync(string email, int times, string address)
    {
        for (var i = 0; i < times; i++)
        {
            var wrong = () => SendAsync(new LoginCommand(email, "WrongPass123", ClientAddress: address));
            await wrong.ShouldFailWithAsync<UnauthenticatedException>();
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LoginThrottleTestsOnSqlite(SqliteTestDatabase database) : LoginThrottleTests(database);

[Collection(PostgresCollection.Name)]
public sealed class LoginThrottleTestsOnPostgres(PostgresTestDatabase database) : LoginThrottleTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class LoginThrottleTestsOnSqlServer(SqlServerTestDatabase database) : LoginThrottleTests(database);
