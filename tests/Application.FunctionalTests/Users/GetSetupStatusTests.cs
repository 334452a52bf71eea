using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class GetSetupStatusTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Status_InSingleUserMode_NeedsNoSetupAndNamesNoAdministrator()
    {
        await CreateUserAsync("admin@example.com", isAdmin: true);
        RunInSingleUserMode();

        var status = await SendAsync(new GetSetupStatusQuery());

        status.Should().Be(new SetupStatusResponse(SetupRequired: false, MultiuserEnabled: false, StrictPasswordChecking: false, AdminEmail: null));
    }

    [Fact]
    public async Task Status_WhenNoAdministratorExists_RequiresSetup()
    {
        RunAsAnonymous();

        var status = await SendAsync(new GetSetupStatusQuery());

        status.Should().Be(new SetupStatusResponse(SetupRequired: true, MultiuserEnabled: true, StrictPasswordChecking: false, AdminEmail: null));
    }

    [Fact]
    public async Task Status_WhenOnlyARegularUserOrAnInactiveAdministratorExists_StillRequiresSetup()
    {
        await CreateUserAsync("user@example.com");
        var admin = await CreateUserAsync("admin@example.com", isAdmin: true);
        await InDatabaseAsync(db => db.Users.Where(u => u.Id == admin.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        RunAsAnonymous();

        var status = await SendAsync(new GetSetupStatusQuery());

        status.SetupRequired.Should().BeTrue();
    }

    [Fact]
    public async Task Status_WhenAnonymousAfterSetup_DoesNotLeakTheAdministratorsEmail()
    {
        await CreateUserAsync("admin@example.com", isAdmin: true);
        RunAsAnonymous();

        var status = await SendAsync(new GetSetupStatusQuery());

        status.SetupRequired.Should().BeFalse();
        status.MultiuserEnabled.Should().BeTrue();
        status.AdminEmail.Should().BeNull();
    }

    [Fact]
    public async Task Status_WhenAuthenticated_NamesTheOldestActiveAdministrator()
    {
        var retired = await CreateUserAsync("Retired.Admin@Example.com", isAdmin: true);
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        await CreateUserAsync("First.Admin@Example.com", isAdmin: true);
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        await CreateUserAsync("second.admin@example.com", isAdmin: true);
        var user = await CreateUserAsync("user@example.com");
        await InDatabaseAsync(db => db.Users.Where(u => u.Id == retired.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        RunAs(user);

        var status = await SendAsync(new GetSetupStatusQuery());

        status.AdminEmail.Should().Be("First.Admin@example.com");
        status.SetupRequired.Should().BeFalse();
    }

    [Fact]
    public async Task Status_WithStrictPasswordChecking_SaysSo()
    {
        RunWithStrictPasswordChecking();
        RunAsAnonymous();

        var status = await SendAsync(new GetSetupStatusQuery());

        status.StrictPasswordChecking.Should().BeTrue();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GetSetupStatusTestsOnSqlite(SqliteTestDatabase database) : GetSetupStatusTests(database);

[Collection(PostgresCollection.Name)]
public sealed class GetSetupStatusTestsOnPostgres(PostgresTestDatabase database) : GetSetupStatusTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class GetSetupStatusTestsOnSqlServer(SqlServerTestDatabase database) : GetSetupStatusTests(database);
