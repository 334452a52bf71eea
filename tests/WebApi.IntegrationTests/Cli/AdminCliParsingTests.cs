using System.Net;
using Invoke.WebApi.IntegrationTests.Testing;
using Microsoft.Data.Sqlite;
using static Invoke.WebApi.IntegrationTests.Testing.AdminCommandLine;

namespace Invoke.WebApi.IntegrationTests.Cli;

/// <summary>How the admin CLI reads its command line: values with <c>:</c>, <c>=</c> and spaces, configuration keys, help.</summary>
public sealed class AdminCliParsingTests
{
    [Fact]
    public async Task UserAdd_WithValuesHoldingColonsEqualsSignsAndSpaces_KeepsEveryValueWhole()
    {
        var root = NewRoot();

        var result = await RunAsync(root, null, "useradd", "--email=ops@test.com", "--name=Ops: Night shift = B", "--password=Str0ng:Passw0rd!", "--admin");

        result.ExitCode.Should().Be(0, result.Output);
        (await UsersAsync(root)).Should().ContainSingle(u => u.Email == "ops@test.com")
            .Which.DisplayName.Should().Be("Ops: Night shift = B");
        await using var server = new MultiUserApiFactoryOnRoot(root);
        var session = await server.LogInAsync("ops@test.com", "Str0ng:Passw0rd!");
        (await session.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UserMod_WithSeparateValuesHoldingColonsAndSpaces_KeepsThemWhole()
    {
        var root = NewRoot();
        (await RunAsync(root, null, "useradd", "-e", "user@test.com", "-p", Accounts.Password)).ExitCode.Should().Be(0);

        var result = await RunAsync(root, null, "usermod", "-e", "user@test.com", "-n", "Night: shift", "-p", "An0ther=Pass:word");

        result.ExitCode.Should().Be(0, result.Output);
        (await UsersAsync(root)).Single(u => u.Email == "user@test.com").DisplayName.Should().Be("Night: shift");
        await using var server = new MultiUserApiFactoryOnRoot(root);
        (await server.LogInAsync("user@test.com", "An0ther=Pass:word")).Client.Should().NotBeNull();
    }

    [Fact]
    public async Task Root_GivenAfterAnEqualsSign_WithAColonAndASpaceInThePath_IsTheRootUsed()
    {
        var parent = NewRoot();
        var root = Path.Combine(parent, "C: drive", "invoke root");

        var result = await RunWithArgumentsAsync(null, "useradd", "--email", "rooted@test.com", "--password", Accounts.Password, $"--root={root}");

        result.ExitCode.Should().Be(0, result.Output);
        (await UsersAsync(root)).Should().Contain(u => u.Email == "rooted@test.com");
        DeleteRoot(parent);
    }

    [Fact]
    public async Task ConfigurationKeys_ReachTheHost_WithColonsAndEqualsSignsInTheirValues()
    {
        var root = NewRoot();
        var database = Path.Combine(root, "elsewhere", "custom.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);

        var result = await RunAsync(root, null, "useradd", "--email", "configured@test.com", "--password", Accounts.Password,
            $"--Invoke:Database:ConnectionString=Data Source={database};Pooling=False");

        result.ExitCode.Should().Be(0, result.Output);
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM users WHERE email = 'configured@test.com'";
            (await command.ExecuteScalarAsync()).Should().Be(1L);
        }

        File.Exists(Path.Combine(root, "databases", "invoke.db")).Should().BeFalse("the configured database is used instead of the root's");
        DeleteRoot(root);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("stray")]
    public async Task UnknownArguments_Exit1_AndSaySo(string argument)
    {
        var root = NewRoot();

        var result = await RunAsync(root, null, "userlist", argument);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain($"unrecognized argument: {argument}");
        DeleteRoot(root);
    }

    [Theory]
    [InlineData("useradd", "--email", "--password", "--name", "--admin", "--root")]
    [InlineData("userdel", "--email", "--force", "--root")]
    [InlineData("usermod", "--email", "--name", "--password", "--admin", "--no-admin", "--root")]
    [InlineData("userlist", "--json", "--root")]
    public async Task Help_OfEachSubcommand_ListsItsOptions_AndTouchesNoDatabase(string subcommand, params string[] options)
    {
        var root = NewRoot();

        var result = await RunAsync(root, null, subcommand, "--help");

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("Usage:").And.Contain(subcommand);
        foreach (var option in options)
        {
            result.Output.Should().Contain(option);
        }

        Directory.Exists(Path.Combine(root, "databases")).Should().BeFalse();
        DeleteRoot(root);
    }

    [Fact]
    public async Task Help_WithoutASubcommand_ListsEverySubcommand()
    {
        var result = await RunWithArgumentsAsync(null, "--help");

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("useradd").And.Contain("userdel").And.Contain("usermod").And.Contain("userlist");
    }
}
