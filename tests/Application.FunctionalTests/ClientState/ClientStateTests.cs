using Invoke.Application.ClientState;
using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;
using Invoke.Infrastructure.ClientState;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.ClientState;

/// <summary>The UI's settings: one set per user, never seen by another, within the limits.</summary>
public abstract class ClientStateTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Get_WhenNothingIsStored_IsNull()
    {
        await SendAsAsync(null, new EnsureSystemAccountCommand());

        (await SendAsync(new GetClientStateValueQuery("gallery"))).Should().BeNull();
    }

    [Fact]
    public async Task Set_ThenGet_ReturnsTheLatestValue_InSingleUserModeForTheSystemUser()
    {
        await SendAsAsync(null, new EnsureSystemAccountCommand());

        (await SendAsync(new SetClientStateValueCommand("ui", """{"activeTab":"workflows"}"""))).Should().Be("""{"activeTab":"workflows"}""");
        await SendAsync(new SetClientStateValueCommand("ui", """{"activeTab":"canvas"}"""));

        (await SendAsync(new GetClientStateValueQuery("ui"))).Should().Be("""{"activeTab":"canvas"}""");
        var owners = await InDatabaseAsync(db => db.Set<ClientStateEntry>().Select(e => e.UserId).ToListAsync());
        owners.Should().Equal("system");
    }

    [Fact]
    public async Task Values_AreKeptPerUser_AndNeverSeenByAnother()
    {
        var user1 = await CreateUserAsync("user1@example.com");
        var user2 = await CreateUserAsync("user2@example.com");

        RunAs(user1);
        await SendAsync(new SetClientStateValueCommand("nodes", "user1's editor"));
        RunAs(user2);
        (await SendAsync(new GetClientStateValueQuery("nodes"))).Should().BeNull();
        await SendAsync(new SetClientStateValueCommand("nodes", "user2's editor"));

        RunAs(user1);
        (await SendAsync(new GetClientStateValueQuery("nodes"))).Should().Be("user1's editor");
        RunAs(user2);
        (await SendAsync(new GetClientStateValueQuery("nodes"))).Should().Be("user2's editor");
    }

    [Fact]
    public async Task Delete_ForgetsOnlyTheCallersValues()
    {
        var user1 = await CreateUserAsync("user1@example.com");
        var user2 = await CreateUserAsync("user2@example.com");
        RunAs(user1);
        await SendAsync(new SetClientStateValueCommand("ui", "one"));
        await SendAsync(new SetClientStateValueCommand("gallery", "two"));
        RunAs(user2);
        await SendAsync(new SetClientStateValueCommand("ui", "other"));

        RunAs(user1);
        await SendAsync(new DeleteClientStateCommand());

        (await SendAsync(new GetClientStateValueQuery("ui"))).Should().BeNull();
        (await SendAsync(new GetClientStateValueQuery("gallery"))).Should().BeNull();
        RunAs(user2);
        (await SendAsync(new GetClientStateValueQuery("ui"))).Should().Be("other");
    }

    [Fact]
    public async Task Values_AreRemovedWithTheirUser()
    {
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        var user = await CreateUserAsync("user@example.com");
        RunAs(user);
        await SendAsync(new SetClientStateValueCommand("ui", "mine"));

        RunAs(admin);
        await SendAsync(new DeleteUserCommand(user.UserId));

        (await InDatabaseAsync(db => db.Set<ClientStateEntry>().CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Set_WithAKeyTooLong_IsInvalid()
    {
        var user = await CreateUserAsync("user@example.com");
        RunAs(user);

        var act = () => SendAsync(new SetClientStateValueCommand(new string('k', ClientStateLimits.MaxKeyLength + 1), "v"));

        var error = await act.ShouldFailWithSingleValidationErrorAsync();
        error.Loc.Should().Equal("query", "key");
        error.Msg.Should().Be($"The key may have at most {ClientStateLimits.MaxKeyLength} characters");
    }

    [Fact]
    public async Task Get_WithAnEmptyKey_IsInvalid()
    {
        var user = await CreateUserAsync("user@example.com");
        RunAs(user);

        var act = () => SendAsync(new GetClientStateValueQuery(""));

        (await act.ShouldFailWithSingleValidationErrorAsync()).Msg.Should().Be("The key must not be empty");
    }

    [Fact]
    public async Task Set_WithAValueTooLarge_IsInvalidAndStoresNothing()
    {
        var user = await CreateUserAsync("user@example.com");
        RunAs(user);

        var act = () => SendAsync(new SetClientStateValueCommand("canvas", new string('x', ClientStateLimits.MaxValueLength + 1)));

        (await act.ShouldFailWithSingleValidationErrorAsync()).Loc.Should().Equal("body");
        (await SendAsync(new GetClientStateValueQuery("canvas"))).Should().BeNull();
    }

    [Fact]
    public async Task Set_OfANewKeyBeyondTheLimit_IsRefused_WhileExistingKeysStillChange()
    {
        var user = await CreateUserAsync("user@example.com");
        RunAs(user);
        await InDatabaseAsync(async db =>
        {
            db.Set<ClientStateEntry>().AddRange(Enumerable.Range(0, ClientStateLimits.MaxKeysPerUser)
                .Select(i => new ClientStateEntry { UserId = user.UserId, Key = $"key{i}", Value = "v", UpdatedAt = DateTime.UtcNow }));
            await db.SaveChangesAsync();
        });

        var act = () => SendAsync(new SetClientStateValueCommand("one-too-many", "v"));

        (await act.ShouldFailWithAsync<BadRequestException>()).Should().Be(ClientStateLimits.TooManyKeys);
        await SendAsync(new SetClientStateValueCommand("key0", "changed"));
        (await SendAsync(new GetClientStateValueQuery("key0"))).Should().Be("changed");
    }

    [Fact]
    public async Task EveryRequest_WhenAnonymous_IsUnauthenticated()
    {
        RunAsAnonymous();

        var get = () => SendAsync(new GetClientStateValueQuery("ui"));
        var set = () => SendAsync(new SetClientStateValueCommand("ui", "v"));
        var delete = () => SendAsync(new DeleteClientStateCommand());

        (await get.ShouldFailWithAsync<UnauthenticatedException>()).Should().Be("Authentication required");
        (await set.ShouldFailWithAsync<UnauthenticatedException>()).Should().Be("Authentication required");
        (await delete.ShouldFailWithAsync<UnauthenticatedException>()).Should().Be("Authentication required");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClientStateTestsOnSqlite(SqliteTestDatabase database) : ClientStateTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ClientStateTestsOnPostgres(PostgresTestDatabase database) : ClientStateTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class ClientStateTestsOnSqlServer(SqlServerTestDatabase database) : ClientStateTests(database);
