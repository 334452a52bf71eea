using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;

namespace Invoke.Application.FunctionalTests.Users;

/// <summary>Who may send each identity use case: anonymous callers, regular users and administrators.</summary>
public abstract class UserManagementAuthorizationTests(TestDatabase database) : FunctionalTest(database)
{
    public static TheoryData<string> AdministratorOnly() =>
        ["ListUsers", "CreateUser", "GetUser", "FindUserByEmail", "UpdateUser", "DeleteUser", "EnsureSystemAccount"];

    public static TheoryData<string> AnyUser() => ["GetCurrentUser", "UpdateCurrentUser", "Logout", "GeneratePassword"];

    [Theory]
    [MemberData(nameof(AdministratorOnly))]
    [MemberData(nameof(AnyUser))]
    public async Task Send_WhenAnonymous_IsUnauthenticated(string useCase)
    {
        RunAsAnonymous();

        var act = () => SendAsync(useCase, "some-user");

        (await act.ShouldFailWithAsync<UnauthenticatedException>()).Should().Be("Authentication required");
    }

    [Theory]
    [MemberData(nameof(AdministratorOnly))]
    public async Task Send_WhenARegularUser_IsForbiddenAndChangesNothing(string useCase)
    {
        var target = await CreateUserAsync("target@example.com");
        RunAs(await CreateUserAsync("user@example.com"));

        var act = () => SendAsync(useCase, target.UserId);

        (await act.ShouldFailWithAsync<ForbiddenException>()).Should().Be("Admin privileges required");
        (await StoredUserAsync(target.UserId)).IsActive.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(AdministratorOnly))]
    [MemberData(nameof(AnyUser))]
    public async Task Send_WhenAnAdministrator_IsAllowed(string useCase)
    {
        var target = await CreateUserAsync("target@example.com");
        RunAs(await CreateUserAsync("admin@example.com", isAdmin: true));

        await SendAsync(useCase, target.UserId);
    }

    [Theory]
    [MemberData(nameof(AnyUser))]
    public async Task Send_WhenARegularUser_IsAllowedForTheirOwnAccount(string useCase)
    {
        RunAs(await CreateUserAsync("user@example.com"));

        await SendAsync(useCase, "unused");
    }

    [Fact]
    public async Task StatusSetupAndLogin_WhenAnonymous_AreAllowed()
    {
        RunAsAnonymous();

        await SendAsync(new GetSetupStatusQuery());
        await SendAsync(new SetupAdministratorCommand("admin@example.com", null, UserPasswords.Default));
        await SendAsync(new LoginCommand("admin@example.com", UserPasswords.Default));
    }

    private Task SendAsync(string useCase, string targetId) => useCase switch
    {
        "ListUsers" => SendAsync(new ListUsersQuery()),
        "CreateUser" => SendAsync(new CreateUserCommand("created@example.com", null, UserPasswords.Default, IsAdmin: true)),
        "GetUser" => SendAsync(new GetUserQuery(targetId)),
        "FindUserByEmail" => SendAsync(new FindUserByEmailQuery("target@example.com")),
        "UpdateUser" => SendAsync(new UpdateUserCommand(targetId, IsActive: false)),
        "DeleteUser" => SendAsync(new DeleteUserCommand(targetId)),
        "EnsureSystemAccount" => SendAsync(new EnsureSystemAccountCommand()),
        "GetCurrentUser" => SendAsync(new GetCurrentUserQuery()),
        "UpdateCurrentUser" => SendAsync(new UpdateCurrentUserCommand("Renamed", null, null)),
        "Logout" => SendAsync(new LogoutCommand()),
        "GeneratePassword" => SendAsync(new GeneratePasswordQuery()),
        _ => throw new ArgumentOutOfRangeException(nameof(useCase), useCase, null),
    };
}

[Collection(SqliteCollection.Name)]
public sealed class UserManagementAuthorizationTestsOnSqlite(SqliteTestDatabase database) : UserManagementAuthorizationTests(database);

[Collection(PostgresCollection.Name)]
public sealed class UserManagementAuthorizationTestsOnPostgres(PostgresTestDatabase database) : UserManagementAuthorizationTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class UserManagementAuthorizationTestsOnSqlServer(SqlServerTestDatabase database) : UserManagementAuthorizationTests(database);
