using System.Net;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.AdminCommandLine;

namespace Invoke.WebApi.IntegrationTests.Cli;

/// <summary>A root directory whose database has one administrator made with the CLI, shared by the tests of a class.</summary>
public sealed class CliRootWithAdministrator : IAsyncLifetime
{
    public const string AdminEmail = "admin@test.com";

    public string Root { get; } = NewRoot();

    public async ValueTask InitializeAsync()
    {
        var result = await RunAsync(Root, null, "useradd", "--email", AdminEmail, "--password", Accounts.Password, "--name", "Admin", "--admin");
        result.ExitCode.Should().Be(0, result.Output);
    }

    public ValueTask DisposeAsync()
    {
        DeleteRoot(Root);
        return ValueTask.CompletedTask;
    }

    public async Task<string> AddUserAsync()
    {
        var email = NewEmail();
        var result = await RunAsync(Root, null, "useradd", "--email", email, "--password", Accounts.Password);
        result.ExitCode.Should().Be(0, result.Output);
        return email;
    }

    public async Task<StoredUser?> FindAsync(string email) => (await UsersAsync(Root)).SingleOrDefault(u => u.Email == email);

    public static string NewEmail() => $"cli-{Guid.NewGuid():N}@test.com";
}

/// <summary><c>useradd</c>, run as the real executable.</summary>
public sealed class UserAddCliTests(CliRootWithAdministrator environment) : IClassFixture<CliRootWithAdministrator>
{
    [Fact]
    public async Task UserAdd_WithEmailAndPassword_CreatesTheUser()
    {
        var email = CliRootWithAdministrator.NewEmail();

        var result = await RunAsync(environment.Root, null, "useradd", "-e", email, "-p", Accounts.Password, "-n", "Added");

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("User created successfully").And.Contain(email);
        (await environment.FindAsync(email)).Should().BeEquivalentTo(new { DisplayName = "Added", IsAdmin = false, IsActive = true });
    }

    [Theory]
    [InlineData("--email")]
    [InlineData("--password")]
    public async Task UserAdd_WithOnlyOneOfEmailAndPassword_Exits1(string given)
    {
        var result = await RunAsync(environment.Root, null, "useradd", given, given == "--email" ? CliRootWithAdministrator.NewEmail() : Accounts.Password);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("--email and --password must be given together");
    }

    [Theory]
    [InlineData("weak", "Password must be at least 8 characters long")]
    [InlineData("alllowercase1", "Password must contain uppercase, lowercase, and numbers")]
    public async Task UserAdd_WithAWeakPassword_Exits1EvenThoughTheServerIsNotStrict(string password, string message)
    {
        var email = CliRootWithAdministrator.NewEmail();

        var result = await RunAsync(environment.Root, null, "useradd", "--email", email, "--password", password);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain(message);
        (await environment.FindAsync(email)).Should().BeNull();
    }

    [Fact]
    public async Task UserAdd_Interactively_AsksUntilThePasswordIsStrongAndConfirmed()
    {
        var email = CliRootWithAdministrator.NewEmail();
        var answers = $"{email}\nInteractive User\nweak\n{Accounts.Password}\nMismatch123\n{Accounts.Password}\n{Accounts.Password}\ny\n";

        var result = await RunAsync(environment.Root, answers, "useradd");

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("Password must be at least 8 characters long").And.Contain("Passwords do not match");
        (await environment.FindAsync(email)).Should().BeEquivalentTo(new { DisplayName = "Interactive User", IsAdmin = true });
    }

    [Fact]
    public async Task UserAdd_WithATakenEmailInAnotherCase_Exits1()
    {
        var result = await RunAsync(environment.Root, null, "useradd", "--email", "ADMIN@test.com", "--password", Accounts.Password);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("User with email ADMIN@test.com already exists");
    }
}

/// <summary><c>userlist</c> and <c>usermod</c>, run as the real executable.</summary>
public sealed class UserListAndModCliTests(CliRootWithAdministrator environment) : IClassFixture<CliRootWithAdministrator>
{
    [Fact]
    public async Task UserList_PrintsATableWithEveryoneIncludingTheSystemAccount()
    {
        var count = (await UsersAsync(environment.Root)).Count;

        var result = await RunAsync(environment.Root, null, "userlist");

        result.ExitCode.Should().Be(0);
        result.Output.Split('\n')[0].Should().MatchRegex(@"^User ID\s+Email\s+Display Name\s+Admin\s+Active");
        result.Output.Should().Contain("system@system.invokeai").And.Contain(CliRootWithAdministrator.AdminEmail);
        result.Output.Should().Contain($"Total users: {count}");
    }

    [Fact]
    public async Task UserList_AsJson_GivesIdEmailNameAndFlagsIncludingTheSystemAccount()
    {
        var result = await RunAsync(environment.Root, null, "userlist", "--json");

        result.ExitCode.Should().Be(0);
        var users = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList();
        users.Should().OnlyContain(u => u.EnumerateObject().Select(p => p.Name).SequenceEqual(new[] { "id", "email", "name", "is_admin", "is_active" }));
        users.Should().Contain(u => u.GetProperty("id").GetString() == "system");
        users.Single(u => u.GetProperty("email").GetString() == CliRootWithAdministrator.AdminEmail).GetProperty("is_admin").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task UserMod_WithNoChange_Exits1WithTheExactMessage()
    {
        var result = await RunAsync(environment.Root, null, "usermod", "--email", CliRootWithAdministrator.AdminEmail);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("No changes specified. Use --name, --password, --admin, or --no-admin");
    }

    [Fact]
    public async Task UserMod_ChangesNameAndRole()
    {
        var email = await environment.AddUserAsync();

        var promote = await RunAsync(environment.Root, null, "usermod", "--email", email, "--name", "Renamed", "--admin");
        (await environment.FindAsync(email))!.IsAdmin.Should().BeTrue();
        var demote = await RunAsync(environment.Root, null, "usermod", "--email", email, "--no-admin");

        promote.ExitCode.Should().Be(0, promote.Output);
        demote.ExitCode.Should().Be(0, demote.Output);
        (await environment.FindAsync(email)).Should().BeEquivalentTo(new { DisplayName = "Renamed", IsAdmin = false, TokenEpoch = 0 });
    }

    [Fact]
    public async Task UserMod_WithAPassword_BumpsTheTokenEpochButRefusesAWeakOne()
    {
        var email = await environment.AddUserAsync();

        var weak = await RunAsync(environment.Root, null, "usermod", "--email", email, "--password", "weak");
        var strong = await RunAsync(environment.Root, null, "usermod", "--email", email, "--password", "CliPass789");

        weak.ExitCode.Should().Be(1);
        weak.Output.Should().Contain("Password must be at least 8 characters long");
        strong.ExitCode.Should().Be(0, strong.Output);
        (await environment.FindAsync(email))!.TokenEpoch.Should().Be(1);
    }

    [Theory]
    [InlineData("--admin")]
    [InlineData("--password")]
    public async Task UserMod_OnTheSystemAccount_Exits1WithTheSystemRule(string change)
    {
        string[] args = change == "--password"
            ? ["usermod", "--email", "system@system.invokeai", change, "SystemPass123"]
            : ["usermod", "--email", "system@system.invokeai", change];

        var result = await RunAsync(environment.Root, null, args);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("The system user cannot be deleted, deactivated, promoted to administrator, or given a password");
    }

    [Fact]
    public async Task UserMod_RenamingTheSystemAccount_IsAllowed()
    {
        var result = await RunAsync(environment.Root, null, "usermod", "--email", "system@system.invokeai", "--name", "Legacy");

        result.ExitCode.Should().Be(0, result.Output);
        (await environment.FindAsync("system@system.invokeai"))!.DisplayName.Should().Be("Legacy");
    }
}

/// <summary><c>userdel</c>, run as the real executable.</summary>
public sealed class UserDelCliTests(CliRootWithAdministrator environment) : IClassFixture<CliRootWithAdministrator>
{
    [Fact]
    public async Task UserDel_WithForce_DeletesWithoutAsking()
    {
        var email = await environment.AddUserAsync();

        var result = await RunAsync(environment.Root, null, "userdel", "--email", email, "--force");

        result.ExitCode.Should().Be(0, result.Output);
        (await environment.FindAsync(email)).Should().BeNull();
    }

    [Theory]
    [InlineData("yes\n", 0, false)]
    [InlineData("y\n", 0, false)]
    [InlineData("no\n", 1, true)]
    public async Task UserDel_WithoutForce_DeletesOnlyAfterAYes(string answer, int exitCode, bool remains)
    {
        var email = await environment.AddUserAsync();

        var result = await RunAsync(environment.Root, answer, "userdel", "--email", email);

        result.ExitCode.Should().Be(exitCode, result.Output);
        result.Output.Should().Contain(email);
        (await environment.FindAsync(email) is not null).Should().Be(remains);
    }

    [Fact]
    public async Task UserDel_OnTheSystemAccount_Exits1WithTheSystemRule()
    {
        var result = await RunAsync(environment.Root, null, "userdel", "--email", "system@system.invokeai", "--force");

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("The system user cannot be deleted, deactivated, promoted to administrator, or given a password");
        (await environment.FindAsync("system@system.invokeai")).Should().NotBeNull();
    }

    [Fact]
    public async Task UserDel_OfAnUnknownAddress_Exits1()
    {
        var result = await RunAsync(environment.Root, null, "userdel", "--email", "nobody@test.com", "--force");

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("User not found");
    }
}

/// <summary>The CLI on a fresh database, and together with the server on the same root.</summary>
public sealed class AdminCliWithServerTests
{
    [Fact]
    public async Task UserAdd_OnAFreshDatabase_CreatesTheFirstAdministratorWhoLogsInOverHttp()
    {
        var root = NewRoot();

        var result = await RunAsync(root, null, "useradd", "--email", "First@Test.com", "--password", Accounts.Password, "--admin");

        result.ExitCode.Should().Be(0, result.Output);
        await using var server = new MultiUserApiFactoryOnRoot(root);
        using var client = server.CreateClient();
        var status = await (await client.GetAsync("/api/v1/auth/status")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        status.GetProperty("setup_required").GetBoolean().Should().BeFalse("the CLI's administrator closes setup");
        var admin = await server.LogInAsync("first@test.com", Accounts.Password);
        var me = await (await admin.Client.GetAsync("/api/v1/auth/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        me.GetProperty("is_admin").GetBoolean().Should().BeTrue();
        me.GetProperty("email").GetString().Should().Be("First@test.com");
    }

    [Fact]
    public async Task LastAdministrator_CannotBeDeletedOrDemotedFromTheCli()
    {
        var root = NewRoot();
        (await RunAsync(root, null, "useradd", "--email", "admin@test.com", "--password", Accounts.Password, "--admin")).ExitCode.Should().Be(0);

        var delete = await RunAsync(root, null, "userdel", "--email", "admin@test.com", "--force");
        var demote = await RunAsync(root, null, "usermod", "--email", "admin@test.com", "--no-admin");

        delete.ExitCode.Should().Be(1);
        delete.Output.Should().Contain("Cannot remove the last administrator");
        demote.ExitCode.Should().Be(1);
        demote.Output.Should().Contain("Cannot remove the last administrator");
        (await UsersAsync(root)).Should().ContainSingle(u => u.IsAdmin && u.IsActive);
        DeleteRoot(root);
    }

    [Fact]
    public async Task UserMod_PasswordChange_RevokesTheServersSessions()
    {
        var root = NewRoot();
        (await RunAsync(root, null, "useradd", "--email", "user@test.com", "--password", Accounts.Password)).ExitCode.Should().Be(0);
        await using var server = new MultiUserApiFactoryOnRoot(root);
        var session = await server.LogInAsync("user@test.com", Accounts.Password);

        var result = await RunAsync(root, null, "usermod", "--email", "user@test.com", "--password", "CliPass789");

        result.ExitCode.Should().Be(0, result.Output);
        (await session.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var fresh = await server.LogInAsync("user@test.com", "CliPass789");
        var me = await (await fresh.Client.GetAsync("/api/v1/auth/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        me.GetProperty("token_epoch").GetInt32().Should().Be(1);
    }
}
