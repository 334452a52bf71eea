using Invoke.Application.FunctionalTests.Testing;
using Invoke.Testing;
using Invoke.Application.Users;
using Invoke.Domain.Users;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class ListUsersTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task List_ReturnsEveryAccountNewestFirstWithoutTheSystemAccount()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        Database.Clock.Advance(TimeSpan.FromSeconds(1));
        var first = await CreateUserAsync("first@example.com");
        Database.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await CreateUserAsync("second@example.com");
        RunAs(admin);

        var users = await SendAsync(new ListUsersQuery());

        users.Select(u => u.UserId).Should().Equal(second.UserId, first.UserId, admin.UserId);
    }

    [Fact]
    public async Task List_WhenAskedForTheSystemAccount_IncludesIt()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        RunAs(admin);

        var users = await SendAsync(new ListUsersQuery(IncludeSystemAccount: true));

        users.Should().HaveCount(2);
        users.Should().ContainSingle(u => u.UserId == "system").Which.Email.Should().Be("system@system.invokeai");
    }

    [Fact]
    public async Task List_WithMoreThanAHundredAccounts_ReturnsThemAll()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var hash = MemoizingPasswordHasher.Instance.Hash(UserPasswords.Default);
        await InDatabaseAsync(async db =>
        {
            for (var i = 0; i < 105; i++)
            {
                var email = EmailAddress.Parse($"user{i:D3}@example.com", out _)!;
                db.Users.Add(User.Register(email, $"User {i}", hash, isAdmin: false, TestDatabase.StartTime.UtcDateTime.AddSeconds(i + 1)));
            }

            await db.SaveChangesAsync();
        });
        RunAs(admin);

        var users = await SendAsync(new ListUsersQuery());

        users.Should().HaveCount(106);
        users[0].Email.Should().Be("user104@example.com");
        users[^1].UserId.Should().Be(admin.UserId);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ListUsersTestsOnSqlite(SqliteTestDatabase database) : ListUsersTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ListUsersTestsOnPostgres(PostgresTestDatabase database) : ListUsersTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class ListUsersTestsOnSqlServer(SqlServerTestDatabase database) : ListUsersTests(database);
