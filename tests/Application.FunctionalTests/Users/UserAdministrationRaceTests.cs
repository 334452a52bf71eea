using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;
using Invoke.Domain.Rules;
using Invoke.Domain.Users.Rules;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Users;

/// <summary>
/// Changes that count administrators, sent at the same moment from separate scopes (separate
/// connections), as concurrent HTTP requests would. Each race is run several times so that a
/// missing lock is likely to show.
/// </summary>
public abstract class UserAdministrationRaceTests(TestDatabase database) : FunctionalTest(database)
{
    private const int Rounds = 4;

    [Fact]
    public async Task Setup_SentManyTimesAtOnce_CreatesExactlyOneAdministrator()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await Database.ResetAsync();
            RunAsAnonymous();

            // Distinct passwords: each winner really hashes, which widens the window a missing lock would leave.
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                ((Func<Task>)(() => SendAsync(new SetupAdministratorCommand($"admin{i}@example.com", null, $"Race{Guid.NewGuid():N}A1")))).OutcomeAsync()));

            outcomes.Count(o => o is null).Should().Be(1, "round {0}: exactly one setup wins", round);
            outcomes.Where(o => o is not null).Should().AllSatisfy(o =>
                o.Should().BeOfType<BadRequestException>().Which.Detail.Should().Be("Administrator account already configured"));
            (await InDatabaseAsync(db => db.Users.CountAsync(u => u.IsAdmin))).Should().Be(1);
        }
    }

    [Fact]
    public async Task DeleteAndDelete_OfTheLastTwoAdministrators_LeaveOne()
    {
        await RaceAsync((first, second) => [
            () => SendAsync(new DeleteUserCommand(first)),
            () => SendAsync(new DeleteUserCommand(second)),
        ]);
    }

    [Fact]
    public async Task DemoteAndDemote_OfTheLastTwoAdministrators_LeaveOne()
    {
        await RaceAsync((first, second) => [
            () => SendAsync(new UpdateUserCommand(first, IsAdmin: false)),
            () => SendAsync(new UpdateUserCommand(second, IsAdmin: false)),
        ]);
    }

    [Fact]
    public async Task DeleteAndDemote_OfTheLastTwoAdministrators_LeaveOne()
    {
        await RaceAsync((first, second) => [
            () => SendAsync(new DeleteUserCommand(first)),
            () => SendAsync(new UpdateUserCommand(second, IsAdmin: false)),
        ]);
    }

    [Fact]
    public async Task DeactivateAndDelete_OfTheLastTwoAdministrators_LeaveOne()
    {
        await RaceAsync((first, second) => [
            () => SendAsync(new UpdateUserCommand(first, IsActive: false)),
            () => SendAsync(new DeleteUserCommand(second)),
        ]);
    }

    private async Task RaceAsync(Func<string, string, Func<Task>[]> removals)
    {
        for (var round = 0; round < Rounds; round++)
        {
            await Database.ResetAsync();
            var first = await CreateUserAsync("first@example.com", isAdmin: true);
            var second = await CreateUserAsync("second@example.com", isAdmin: true);
            RunAs(first);

            var outcomes = await Task.WhenAll(removals(first.UserId, second.UserId).Select(r => r.OutcomeAsync()));

            outcomes.Count(o => o is null).Should().Be(1, "round {0}: exactly one removal succeeds", round);
            outcomes.Single(o => o is not null).Should().BeOfType<BusinessRuleViolationException>()
                .Which.BrokenRule.Should().BeOfType<LastAdministratorCannotBeRemovedRule>();
            (await InDatabaseAsync(db => db.Users.CountAsync(u => u.IsAdmin && u.IsActive))).Should().Be(1, "round {0}", round);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UserAdministrationRaceTestsOnSqlite(SqliteTestDatabase database) : UserAdministrationRaceTests(database);

[Collection(PostgresCollection.Name)]
public sealed class UserAdministrationRaceTestsOnPostgres(PostgresTestDatabase database) : UserAdministrationRaceTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class UserAdministrationRaceTestsOnSqlServer(SqlServerTestDatabase database) : UserAdministrationRaceTests(database);
