using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class SetupAdministratorTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Setup_WhenNoAdministratorExists_CreatesAnActiveAdministrator()
    {
        RunAsAnonymous();

        var response = await SendAsync(new SetupAdministratorCommand("Admin@Example.COM", "The Admin", UserPasswords.Default));

        response.Success.Should().BeTrue();
        response.User.Email.Should().Be("Admin@example.com");
        response.User.DisplayName.Should().Be("The Admin");
        response.User.IsAdmin.Should().BeTrue();
        response.User.IsActive.Should().BeTrue();
        response.User.TokenEpoch.Should().Be(0);
        response.User.LastLoginAt.Should().BeNull();
        var stored = await StoredUserAsync(response.User.UserId);
        stored.PasswordHash.Should().StartWith("$2b$12$").And.HaveLength(60);
        (await SendAsync(new GetSetupStatusQuery())).SetupRequired.Should().BeFalse();
    }

    [Fact]
    public async Task Setup_WhenAnActiveAdministratorExists_IsRefusedEvenWithAWeakPassword()
    {
        await CreateUserAsync("admin@example.com", isAdmin: true);
        RunWithStrictPasswordChecking();
        RunAsAnonymous();

        var act = () => SendAsync(new SetupAdministratorCommand("second@example.com", null, "weak"));

        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be("Administrator account already configured");
        (await InDatabaseAsync(db => db.Users.CountAsync(u => u.IsAdmin))).Should().Be(1);
    }

    [Fact]
    public async Task Setup_WhenTheOnlyAdministratorIsInactive_IsOpenAgain()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        await InDatabaseAsync(db => db.Users.Where(u => u.Id == admin.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        RunAsAnonymous();

        var response = await SendAsync(new SetupAdministratorCommand("new-admin@example.com", null, UserPasswords.Default));

        response.User.IsAdmin.Should().BeTrue();
    }

    [Fact]
    public async Task Setup_InSingleUserMode_IsForbidden()
    {
        RunInSingleUserMode();

        var act = () => SendAsync(new SetupAdministratorCommand("admin@example.com", null, UserPasswords.Default));

        (await act.ShouldFailWithAsync<ForbiddenException>())
            .Should().Be("Multiuser mode is disabled. Admin setup is not required in single-user mode.");
    }

    [Theory]
    [InlineData("weak", "Password must be at least 8 characters long")]
    [InlineData("alllowercase1", "Password must contain uppercase, lowercase, and numbers")]
    public async Task Setup_WhenStrictAndPasswordIsWeak_IsRefusedWithThePolicyMessage(string password, string message)
    {
        RunWithStrictPasswordChecking();
        RunAsAnonymous();

        var act = () => SendAsync(new SetupAdministratorCommand("admin@example.com", null, password));

        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be(message);
        (await InDatabaseAsync(db => db.Users.CountAsync())).Should().Be(1, "only the system account exists");
    }

    [Fact]
    public async Task Setup_WhenNotStrictAndPasswordIsWeak_Succeeds()
    {
        RunAsAnonymous();

        var response = await SendAsync(new SetupAdministratorCommand("admin@example.com", null, "weak"));

        response.Success.Should().BeTrue();
    }

    [Fact]
    public async Task Setup_WhenNotStrictAndPasswordIsEmpty_IsRefused()
    {
        RunAsAnonymous();

        var act = () => SendAsync(new SetupAdministratorCommand("admin@example.com", null, ""));

        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be("Password cannot be empty");
    }

    [Fact]
    public async Task Setup_WhenTheEmailBelongsToARegularUserInAnotherCase_IsRefused()
    {
        await CreateUserAsync("Someone@Example.com");
        RunAsAnonymous();

        var act = () => SendAsync(new SetupAdministratorCommand("someone@example.com", null, UserPasswords.Default));

        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be("User with email someone@example.com already exists");
    }

    [Theory]
    [InlineData("admin", "Email address must contain an @ symbol")]
    [InlineData("admin@server", "Email domain must contain a dot or be 'localhost'")]
    public async Task Setup_WhenTheEmailIsInvalid_FailsValidationAtBodyEmail(string email, string message)
    {
        RunAsAnonymous();

        var act = () => SendAsync(new SetupAdministratorCommand(email, null, UserPasswords.Default));

        var error = await act.ShouldFailWithSingleValidationErrorAsync();
        error.Type.Should().Be("value_error");
        error.Loc.Should().Equal("body", "email");
        error.Msg.Should().Be(message);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SetupAdministratorTestsOnSqlite(SqliteTestDatabase database) : SetupAdministratorTests(database);

[Collection(PostgresCollection.Name)]
public sealed class SetupAdministratorTestsOnPostgres(PostgresTestDatabase database) : SetupAdministratorTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class SetupAdministratorTestsOnSqlServer(SqlServerTestDatabase database) : SetupAdministratorTests(database);
