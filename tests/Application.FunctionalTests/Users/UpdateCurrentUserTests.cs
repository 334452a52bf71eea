using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class UpdateCurrentUserTests(TestDatabase database) : FunctionalTest(database)
{
    [Theory]
    [InlineData("New Name")]
    [InlineData("")]
    public async Task Update_WithOnlyADisplayName_RenamesWithoutRevokingTokens(string displayName)
    {
        RunAs(await CreateUserAsync("user@example.com"));

        var result = await SendAsync(new UpdateCurrentUserCommand(displayName, null, null));

        result.User.DisplayName.Should().Be(displayName);
        result.User.TokenEpoch.Should().Be(0);
        result.ReplacementToken.Should().BeNull();
    }

    [Fact]
    public async Task Update_WithNothing_ChangesNothing()
    {
        var user = await CreateUserAsync("user@example.com", displayName: "Kept");
        RunAs(user);

        var result = await SendAsync(new UpdateCurrentUserCommand(null, null, null));

        result.User.DisplayName.Should().Be("Kept");
        result.User.TokenEpoch.Should().Be(0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Update_WithANewPasswordButNoCurrentPassword_IsRefused(string? currentPassword)
    {
        RunAs(await CreateUserAsync("user@example.com"));

        var act = () => SendAsync(new UpdateCurrentUserCommand(null, currentPassword, UserPasswords.Other));

        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be("Current password is required to set a new password");
    }

    [Fact]
    public async Task Update_WithANulInTheDisplayName_IsA422NamingTheField()
    {
        var user = await CreateUserAsync("user@example.com", displayName: "Kept");
        RunAs(user);

        var act = () => SendAsync(new UpdateCurrentUserCommand("bad\0name", null, null));

        var refused = (await act.Should().ThrowAsync<RequestValidationException>()).Which;
        refused.Errors.Should().Contain(e => e.Loc.SequenceEqual(new object[] { "body", "display_name" }));
        (await StoredUserAsync(user.UserId)).DisplayName.Should().Be("Kept");
    }

    [Fact]
    public async Task Update_WithAWrongCurrentPassword_IsRefusedAndRenamesNothing()
    {
        var user = await CreateUserAsync("user@example.com", displayName: "Kept");
        RunAs(user);

        var act = () => SendAsync(new UpdateCurrentUserCommand("Changed", "WrongPass123", UserPasswords.Other));

        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be("Current password is incorrect");
        (await StoredUserAsync(user.UserId)).DisplayName.Should().Be("Kept");
    }

    [Fact]
    public async Task Update_WhenStrictAndTheNewPasswordIsWeak_IsRefusedWithThePolicyMessage()
    {
        RunWithStrictPasswordChecking();
        RunAs(await CreateUserAsync("user@example.com"));

        var act = () => SendAsync(new UpdateCurrentUserCommand(null, UserPasswords.Default, "nouppercase1"));

        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be("Password must contain uppercase, lowercase, and numbers");
    }

    [Fact]
    public async Task Update_WhenNotStrict_AcceptsAWeakNewPasswordButNotAnEmptyOne()
    {
        RunAs(await CreateUserAsync("user@example.com"));

        var empty = () => SendAsync(new UpdateCurrentUserCommand(null, UserPasswords.Default, ""));
        (await empty.ShouldFailWithAsync<BadRequestException>()).Should().Be("Password cannot be empty");

        var result = await SendAsync(new UpdateCurrentUserCommand(null, UserPasswords.Default, "weak"));
        result.User.TokenEpoch.Should().Be(1);
    }

    [Fact]
    public async Task Update_WithANewPassword_RevokesOlderTokensAndHandsBackAReplacement()
    {
        var user = await CreateUserAsync("user@example.com");
        RunAsAnonymous();
        var otherSession = await SendAsync(new LoginCommand("user@example.com", UserPasswords.Default, RememberMe: true));
        RunAs(user, rememberMe: true);

        var result = await SendAsync(new UpdateCurrentUserCommand(null, UserPasswords.Default, UserPasswords.Other));

        result.User.TokenEpoch.Should().Be(1);
        result.ReplacementToken.Should().NotBeNull();
        result.ReplacementToken!.Lifetime.Should().Be(TimeSpan.FromDays(7), "the replacement keeps the caller's \"remember me\"");
        (await AuthenticateAsync(otherSession.Token)).Outcome.Should().Be(TokenAuthenticationOutcome.UserUnavailable);
        var replacement = await AuthenticateAsync(result.ReplacementToken.Token);
        replacement.Outcome.Should().Be(TokenAuthenticationOutcome.Authenticated);
        replacement.User!.TokenEpoch.Should().Be(1);
        replacement.User.RememberMe.Should().BeTrue();
    }

    [Fact]
    public async Task Update_WithANewPassword_MakesOnlyTheNewPasswordWork()
    {
        RunAs(await CreateUserAsync("user@example.com"));
        await SendAsync(new UpdateCurrentUserCommand(null, UserPasswords.Default, UserPasswords.Other));
        RunAsAnonymous();

        var oldPassword = () => SendAsync(new LoginCommand("user@example.com", UserPasswords.Default));

        await oldPassword.ShouldFailWithAsync<UnauthenticatedException>();
        (await SendAsync(new LoginCommand("user@example.com", UserPasswords.Other))).User.TokenEpoch.Should().Be(1);
    }

    [Fact]
    public async Task Update_WhenAnonymous_IsUnauthenticated()
    {
        RunAsAnonymous();

        var act = () => SendAsync(new UpdateCurrentUserCommand("Name", null, null));

        await act.ShouldFailWithAsync<UnauthenticatedException>();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UpdateCurrentUserTestsOnSqlite(SqliteTestDatabase database) : UpdateCurrentUserTests(database);

[Collection(PostgresCollection.Name)]
public sealed class UpdateCurrentUserTestsOnPostgres(PostgresTestDatabase database) : UpdateCurrentUserTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class UpdateCurrentUserTestsOnSqlServer(SqlServerTestDatabase database) : UpdateCurrentUserTests(database);
