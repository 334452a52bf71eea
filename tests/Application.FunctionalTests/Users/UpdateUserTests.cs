using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;
using Invoke.Domain.Users.Rules;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Users;

/// <summary>PATCH <c>/api/v1/auth/users/{id}</c>: InvokeAI's evaluation order is 404, system account, last administrator, password policy.</summary>
public abstract class UpdateUserTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Update_AnUnknownId_IsNotFoundBeforeAnyOtherCheck()
    {
        RunWithStrictPasswordChecking();
        RunAs(await CreateUserAsync("admin@example.com", isAdmin: true));

        var act = () => SendAsync(new UpdateUserCommand("does-not-exist", Password: "weak", IsAdmin: false, IsActive: false));

        (await act.ShouldFailWithAsync<NotFoundException>()).Should().Be("User not found");
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData(true, null, null)]
    [InlineData(null, null, "SystemPass123")]
    [InlineData(null, null, "")]
    public async Task Update_TheSystemAccountToPromoteDeactivateOrGiveAPassword_BreaksTheSystemRule(bool? isAdmin, bool? isActive, string? password)
    {
        RunWithStrictPasswordChecking();
        RunAs(await CreateUserAsync("admin@example.com", isAdmin: true));

        var act = () => SendAsync(new UpdateUserCommand("system", DisplayName: "Hijacked", Password: password, IsAdmin: isAdmin, IsActive: isActive));

        (await act.ShouldBreakAsync<SystemAccountIsProtectedRule>())
            .Should().Be("The system user cannot be deleted, deactivated, promoted to administrator, or given a password");
        var system = await StoredUserAsync("system");
        system.IsAdmin.Should().BeFalse();
        system.IsActive.Should().BeTrue();
        system.PasswordHash.Should().BeEmpty();
        system.DisplayName.Should().Be("System");
    }

    [Fact]
    public async Task Update_TheSystemAccountsDisplayName_IsAllowed()
    {
        RunAs(await CreateUserAsync("admin@example.com", isAdmin: true));

        var result = await SendAsync(new UpdateUserCommand("system", DisplayName: "Legacy content", IsAdmin: false, IsActive: true));

        result.User.DisplayName.Should().Be("Legacy content");
        result.User.IsAdmin.Should().BeFalse();
    }

    [Fact]
    public async Task Update_PromotingTheSystemAccount_CannotLaunderAwayTheLastAdministrator()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        RunAs(admin);

        var promote = () => SendAsync(new UpdateUserCommand("system", IsAdmin: true));
        var demote = () => SendAsync(new UpdateUserCommand(admin.UserId, IsAdmin: false));

        await promote.ShouldBreakAsync<SystemAccountIsProtectedRule>();
        await demote.ShouldBreakAsync<LastAdministratorCannotBeRemovedRule>();
        (await ActiveAdministratorsAsync()).Should().Be(1);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(null, false)]
    [InlineData(false, false)]
    public async Task Update_RemovingTheLastActiveAdministrator_BreaksTheLastAdministratorRule(bool? isAdmin, bool? isActive)
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        RunAs(admin);

        var act = () => SendAsync(new UpdateUserCommand(admin.UserId, DisplayName: "Renamed", IsAdmin: isAdmin, IsActive: isActive));

        (await act.ShouldBreakAsync<LastAdministratorCannotBeRemovedRule>()).Should().Be("Cannot remove the last administrator");
        var stored = await StoredUserAsync(admin.UserId);
        stored.IsActiveAdministrator.Should().BeTrue();
        stored.DisplayName.Should().Be("admin", "nothing of a refused change is applied");
    }

    [Fact]
    public async Task Update_RemovingTheLastAdministratorWithAWeakPassword_ReportsTheLastAdministratorFirst()
    {
        RunWithStrictPasswordChecking();
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        RunAs(admin);

        var act = () => SendAsync(new UpdateUserCommand(admin.UserId, Password: "weak", IsAdmin: false));

        await act.ShouldBreakAsync<LastAdministratorCannotBeRemovedRule>();
    }

    [Fact]
    public async Task Update_RenamingOrRepasswordingTheLastAdministrator_IsAllowed()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        RunAs(admin);

        var result = await SendAsync(new UpdateUserCommand(admin.UserId, DisplayName: "Renamed", Password: UserPasswords.Other));

        result.User.DisplayName.Should().Be("Renamed");
        result.User.IsAdmin.Should().BeTrue();
        RunAsAnonymous();
        (await SendAsync(new LoginCommand("admin@example.com", UserPasswords.Other))).User.IsAdmin.Should().BeTrue();
    }

    [Fact]
    public async Task Update_DemotingOneOfTwoAdministrators_LeavesOne()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var second = await CreateUserAsync("second@example.com", isAdmin: true);
        RunAs(admin);

        var result = await SendAsync(new UpdateUserCommand(second.UserId, IsAdmin: false));

        result.User.IsAdmin.Should().BeFalse();
        (await ActiveAdministratorsAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Update_DemotingAnInactiveAdministrator_IsAllowedWithOneActiveAdministrator()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var inactive = await CreateUserAsync("inactive@example.com", isAdmin: true);
        RunAs(admin);
        await SendAsync(new UpdateUserCommand(inactive.UserId, IsActive: false));

        var result = await SendAsync(new UpdateUserCommand(inactive.UserId, IsAdmin: false));

        result.User.IsAdmin.Should().BeFalse();
    }

    [Fact]
    public async Task Update_PromotingAndDeactivatingAUser_TakesEffect()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var user = await CreateUserAsync("user@example.com");
        RunAs(admin);

        var promoted = await SendAsync(new UpdateUserCommand(user.UserId, IsAdmin: true));
        var deactivated = await SendAsync(new UpdateUserCommand(user.UserId, IsActive: false));

        promoted.User.IsAdmin.Should().BeTrue();
        deactivated.User.IsActive.Should().BeFalse();
        deactivated.User.TokenEpoch.Should().Be(0);
    }

    [Fact]
    public async Task Update_WhenStrictAndThePasswordIsWeak_IsRefusedWithThePolicyMessage()
    {
        RunWithStrictPasswordChecking();
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var user = await CreateUserAsync("user@example.com");
        RunAs(admin);

        var act = () => SendAsync(new UpdateUserCommand(user.UserId, Password: "Short1"));

        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be("Password must be at least 8 characters long");
    }

    [Fact]
    public async Task Update_WhenNotStrictAndThePasswordIsEmpty_IsRefused()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var user = await CreateUserAsync("user@example.com");
        RunAs(admin);

        var act = () => SendAsync(new UpdateUserCommand(user.UserId, Password: ""));

        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be("Password cannot be empty");
    }

    [Fact]
    public async Task Update_ResettingAnotherUsersPassword_RevokesTheirTokensAndHandsBackNothing()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        await CreateUserAsync("user@example.com");
        RunAsAnonymous();
        var session = await SendAsync(new LoginCommand("user@example.com", UserPasswords.Default));
        RunAs(admin);

        var result = await SendAsync(new UpdateUserCommand(session.User.UserId, Password: UserPasswords.Other));

        result.User.TokenEpoch.Should().Be(1);
        result.ReplacementToken.Should().BeNull();
        (await AuthenticateAsync(session.Token)).Outcome.Should().Be(TokenAuthenticationOutcome.UserUnavailable);
    }

    [Fact]
    public async Task Update_ResettingTheirOwnPassword_GivesTheAdministratorAWorkingReplacement()
    {
        await CreateUserAsync("admin@example.com", isAdmin: true);
        RunAsAnonymous();
        var session = await SendAsync(new LoginCommand("admin@example.com", UserPasswords.Default));
        RunAs(session.User);

        var result = await SendAsync(new UpdateUserCommand(session.User.UserId, Password: UserPasswords.Other));

        result.ReplacementToken.Should().NotBeNull();
        result.ReplacementToken!.Lifetime.Should().Be(TimeSpan.FromDays(1));
        (await AuthenticateAsync(session.Token)).Outcome.Should().Be(TokenAuthenticationOutcome.UserUnavailable);
        var replacement = await AuthenticateAsync(result.ReplacementToken.Token);
        replacement.User.Should().BeEquivalentTo(new { session.User.UserId, IsAdmin = true, TokenEpoch = 1 });
    }

    [Fact]
    public async Task Update_DeactivatingThemselvesWithANewPassword_GivesTheAdministratorNoReplacement()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        await CreateUserAsync("second@example.com", isAdmin: true);
        RunAs(admin);

        var result = await SendAsync(new UpdateUserCommand(admin.UserId, Password: UserPasswords.Other, IsActive: false));

        result.User.IsActive.Should().BeFalse();
        result.ReplacementToken.Should().BeNull();
    }

    private Task<int> ActiveAdministratorsAsync() =>
        InDatabaseAsync(db => db.Users.CountAsync(u => u.IsAdmin && u.IsActive));
}

[Collection(SqliteCollection.Name)]
public sealed class UpdateUserTestsOnSqlite(SqliteTestDatabase database) : UpdateUserTests(database);

[Collection(PostgresCollection.Name)]
public sealed class UpdateUserTestsOnPostgres(PostgresTestDatabase database) : UpdateUserTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class UpdateUserTestsOnSqlServer(SqlServerTestDatabase database) : UpdateUserTests(database);
