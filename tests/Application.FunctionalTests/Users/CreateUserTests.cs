using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class CreateUserTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Create_AsAnAdministrator_CreatesAnActiveRegularAccount()
    {
        RunAs(await CreateUserAsync("admin@example.com", isAdmin: true));

        var user = await SendAsync(new CreateUserCommand("New.User@Example.com", "New User", UserPasswords.Default));

        Guid.TryParse(user.UserId, out _).Should().BeTrue();
        user.Email.Should().Be("New.User@example.com");
        user.DisplayName.Should().Be("New User");
        user.IsAdmin.Should().BeFalse();
        user.IsActive.Should().BeTrue();
        user.TokenEpoch.Should().Be(0);
        user.LastLoginAt.Should().BeNull();
        user.CreatedAt.Should().Be("2026-11-27T12:00:00.000000");
        var stored = await StoredUserAsync(user.UserId);
        stored.PasswordHash.Should().StartWith("$2b$12$").And.HaveLength(60);
        stored.EmailKey.Should().Be("new.user@example.com");
    }

    [Fact]
    public async Task Create_WithIsAdmin_CreatesAnAdministrator()
    {
        RunAs(await CreateUserAsync("admin@example.com", isAdmin: true));

        var user = await SendAsync(new CreateUserCommand("second@example.com", null, UserPasswords.Default, IsAdmin: true));

        user.IsAdmin.Should().BeTrue();
        user.DisplayName.Should().BeNull();
    }

    [Theory]
    [InlineData("user@example.com", "user@example.com")]
    [InlineData("User@Example.com", "user@example.com")]
    [InlineData("user@example.com", "USER@EXAMPLE.COM")]
    public async Task Create_WhenTheEmailIsTakenInAnyCase_IsRefused(string existing, string requested)
    {
        await CreateUserAsync(existing);
        RunAsAdministrator();

        var act = () => SendAsync(new CreateUserCommand(requested, null, UserPasswords.Default));

        var expected = $"User with email {requested[..requested.IndexOf('@')]}@example.com already exists";
        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be(expected);
        (await InDatabaseAsync(db => db.Users.CountAsync())).Should().Be(2);
    }

    [Theory]
    [InlineData("weak", "Password must be at least 8 characters long")]
    [InlineData("NoDigitsHere", "Password must contain uppercase, lowercase, and numbers")]
    [InlineData("", "Password must be at least 8 characters long")]
    public async Task Create_WhenStrictAndThePasswordIsWeak_IsRefusedWithThePolicyMessage(string password, string message)
    {
        RunWithStrictPasswordChecking();
        RunAsAdministrator();

        var act = () => SendAsync(new CreateUserCommand("user@example.com", null, password));

        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be(message);
    }

    [Fact]
    public async Task Create_WhenNotStrict_AcceptsAWeakPasswordButNotAnEmptyOne()
    {
        RunAsAdministrator();

        var empty = () => SendAsync(new CreateUserCommand("empty@example.com", null, ""));
        (await empty.ShouldFailWithAsync<BadRequestException>()).Should().Be("Password cannot be empty");

        (await SendAsync(new CreateUserCommand("weak@example.com", null, "weak"))).IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task Create_WithAnInvalidEmail_FailsValidationAtBodyEmail()
    {
        RunAsAdministrator();

        var act = () => SendAsync(new CreateUserCommand("user@intranet", null, UserPasswords.Default));

        var error = await act.ShouldFailWithSingleValidationErrorAsync();
        error.Loc.Should().Equal("body", "email");
        error.Msg.Should().Be("Email domain must contain a dot or be 'localhost'");
        error.Input.Should().Be("user@intranet");
    }

    [Fact]
    public async Task Create_WithATooLongDisplayName_FailsValidationAtBodyDisplayName()
    {
        RunAsAdministrator();

        var act = () => SendAsync(new CreateUserCommand("user@example.com", new string('x', 256), UserPasswords.Default));

        var error = await act.ShouldFailWithSingleValidationErrorAsync();
        error.Type.Should().Be("string_too_long");
        error.Loc.Should().Equal("body", "display_name");
    }

    [Fact]
    public async Task Create_WithASpecialUseDomain_StoresTheAddressLowerCased()
    {
        RunAsAdministrator();

        var user = await SendAsync(new CreateUserCommand("Lab.User@Render.Local", null, UserPasswords.Default));

        user.Email.Should().Be("lab.user@render.local");
    }

    [Theory]
    [InlineData("<script>alert('xss')</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("../../../etc/passwd")]
    [InlineData("..\\..\\windows\\system32")]
    public async Task Create_WithMarkupOrPathsInTheDisplayName_StoresThemVerbatim(string displayName)
    {
        RunAsAdministrator();

        var user = await SendAsync(new CreateUserCommand("user@example.com", displayName, UserPasswords.Default));

        (await SendAsync(new GetUserQuery(user.UserId))).DisplayName.Should().Be(displayName);
        await SendAsync(new DeleteUserCommand(user.UserId));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CreateUserTestsOnSqlite(SqliteTestDatabase database) : CreateUserTests(database);

[Collection(PostgresCollection.Name)]
public sealed class CreateUserTestsOnPostgres(PostgresTestDatabase database) : CreateUserTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class CreateUserTestsOnSqlServer(SqlServerTestDatabase database) : CreateUserTests(database);
