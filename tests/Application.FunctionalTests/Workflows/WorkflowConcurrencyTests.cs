using System.Text.Json;
using FluentAssertions.Execution;
using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Security;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>
/// Two changes of one workflow sent at the same moment, from separate scopes (separate connections
/// and contexts), as concurrent HTTP requests are. Each pair races on several workflows at once,
/// over several rounds. Afterwards every maintained count equals the rows, every acknowledged change
/// is in the stored workflow, and the stored columns agree with the stored document.
/// </summary>
public abstract class WorkflowConcurrencyTests(TestDatabase database) : MultiUserWorkflowTest(database)
{
    private const int Rounds = 4;
    private const int WorkflowsPerRound = 6;

    [Fact]
    public async Task ShareAndShare_OfAPrivateWorkflow_ShareItOnce()
    {
        await RaceAsync(
            (id, _) => [() => SendAsync(new SetWorkflowSharingCommand(id, IsPublic: true)), () => SendAsync(new SetWorkflowSharingCommand(id, IsPublic: true))],
            (before, after, outcomes, _) =>
            {
                outcomes.Should().AllSatisfy(o => o.Should().BeNull());
                after!.IsPublic.Should().BeTrue();
                WorkflowTags.Split(after.Tags).Should().Contain("shared");
                after.Version.Should().Be(before.Version + 2, "both shares were acknowledged, so both were applied, one after the other");
            });
    }

    [Fact]
    public async Task ShareAndOpen_KeepBoth()
    {
        await RaceAsync(
            (id, _) => [() => SendAsync(new SetWorkflowSharingCommand(id, IsPublic: true)), () => SendAsync(new MarkWorkflowOpenedCommand(id))],
            (before, after, outcomes, _) =>
            {
                outcomes.Should().AllSatisfy(o => o.Should().BeNull());
                after!.IsPublic.Should().BeTrue("the share was acknowledged");
                after.OpenedAt.Should().NotBeNull("the open was acknowledged");
                after.Version.Should().Be(before.Version + 2);
            });
    }

    [Fact]
    public async Task OpenAndOpen_OpenItOnce()
    {
        await RaceAsync(
            (id, _) => [() => SendAsync(new MarkWorkflowOpenedCommand(id)), () => SendAsync(new MarkWorkflowOpenedCommand(id))],
            (before, after, outcomes, _) =>
            {
                outcomes.Should().AllSatisfy(o => o.Should().BeNull());
                after!.OpenedAt.Should().NotBeNull();
                after.Version.Should().Be(before.Version + 2);
            });
    }

    [Fact]
    public async Task ShareAndDelete_LeaveNoWorkflow_AndTheShareEitherHappenedBeforeOrFindsNothing()
    {
        await RaceAsync(
            (id, _) => [() => SendAsync(new SetWorkflowSharingCommand(id, IsPublic: true)), () => SendAsync(new DeleteWorkflowCommand(id))],
            (_, after, outcomes, _) =>
            {
                after.Should().BeNull("the delete was acknowledged");
                outcomes[1].Should().BeNull();
                ShouldHaveSucceededOrFoundNothing(outcomes[0]);
            });
    }

    [Fact]
    public async Task OpenAndDelete_LeaveNoWorkflow_AndTheOpenEitherHappenedBeforeOrFindsNothing()
    {
        await RaceAsync(
            (id, _) => [() => SendAsync(new MarkWorkflowOpenedCommand(id)), () => SendAsync(new DeleteWorkflowCommand(id))],
            (_, after, outcomes, _) =>
            {
                after.Should().BeNull("the delete was acknowledged");
                outcomes[1].Should().BeNull();
                ShouldHaveSucceededOrFoundNothing(outcomes[0]);
            });
    }

    [Fact]
    public async Task UnshareAndDelete_OfASharedWorkflow_LeaveNoWorkflow()
    {
        await RaceAsync(
            (id, _) => [() => SendAsync(new SetWorkflowSharingCommand(id, IsPublic: false)), () => SendAsync(new DeleteWorkflowCommand(id))],
            (_, after, outcomes, _) =>
            {
                after.Should().BeNull("the delete was acknowledged");
                outcomes[1].Should().BeNull();
                ShouldHaveSucceededOrFoundNothing(outcomes[0]);
            },
            shared: true);
    }

    [Fact]
    public async Task UpdateAndShare_KeepTheNewNameAndTheSharing()
    {
        await RaceAsync(
            (id, n) => [
                () => SendAsync(new UpdateWorkflowCommand(id, id, WorkflowDocuments.Create(name: $"renamed {n}", tags: "edited"))),
                () => SendAsync(new SetWorkflowSharingCommand(id, IsPublic: true)),
            ],
            (before, after, outcomes, n) =>
            {
                outcomes.Should().AllSatisfy(o => o.Should().BeNull());
                after!.Name.Should().Be($"renamed {n}", "the update was acknowledged and no share may revert it");
                after.IsPublic.Should().BeTrue("the share was acknowledged and no update may revert it");
                WorkflowTags.Split(after.Tags).Should().Contain("edited");
                after.Version.Should().Be(before.Version + 2);
            });
    }

    [Fact]
    public async Task UpdateAndUpdate_LeaveOneOfTheTwoDocuments_Whole()
    {
        await RaceAsync(
            (id, n) => [
                () => SendAsync(new UpdateWorkflowCommand(id, id, WorkflowDocuments.Create(name: $"first {n}", description: "first", tags: "one"))),
                () => SendAsync(new UpdateWorkflowCommand(id, id, WorkflowDocuments.Create(name: $"second {n}", description: "second", tags: "two"))),
            ],
            (before, after, outcomes, n) =>
            {
                outcomes.Should().AllSatisfy(o => o.Should().BeNull());
                new[] { ($"first {n}", "first", "one"), ($"second {n}", "second", "two") }
                    .Should().Contain((after!.Name, after.Description, after.Tags), "the last document saved wins, and wins whole");
                after.Version.Should().Be(before.Version + 2);
            });
    }

    [Fact]
    public async Task UpdateOfASharedWorkflow_AndOpen_KeepTheSharingTheOpenAndTheNewName()
    {
        await RaceAsync(
            (id, n) => [
                () => SendAsync(new UpdateWorkflowCommand(id, id, WorkflowDocuments.Create(name: $"renamed {n}"))),
                () => SendAsync(new MarkWorkflowOpenedCommand(id)),
            ],
            (before, after, outcomes, n) =>
            {
                outcomes.Should().AllSatisfy(o => o.Should().BeNull());
                after!.Name.Should().Be($"renamed {n}");
                after.IsPublic.Should().BeTrue("a document without preconditions never changes the sharing");
                after.OpenedAt.Should().NotBeNull();
                after.Version.Should().Be(before.Version + 2);
            },
            shared: true);
    }

    [Fact]
    public async Task ThumbnailAndShare_KeepBoth()
    {
        await RaceAsync(
            (id, _) => [
                async () =>
                {
                    await using var image = new MemoryStream(Invoke.Tests.Shared.TestImages.Png(64, 64));
                    await SendAsync(new SetWorkflowThumbnailCommand(id, "image/png", image));
                },
                () => SendAsync(new SetWorkflowSharingCommand(id, IsPublic: true)),
            ],
            (before, after, outcomes, _) =>
            {
                outcomes.Should().AllSatisfy(o => o.Should().BeNull());
                after!.HasThumbnail.Should().BeTrue();
                after.IsPublic.Should().BeTrue();
                after.Version.Should().Be(before.Version + 2);
            });
    }

    [Fact]
    public async Task ThumbnailAndThumbnailRemoval_LeaveTheFlagSayingWhetherTheImageIsStored()
    {
        // Found by the soak run (bench/soak.sh): the image and the flag were written in two steps, so
        // an upload and a removal racing left a flag without an image or an image without a flag.
        RunAsUser(User1);
        for (var round = 0; round < Rounds; round++)
        {
            var ids = new List<string>();
            for (var i = 0; i < WorkflowsPerRound; i++)
            {
                var id = await CreateAsync($"workflow {round}-{i}");
                if (i % 2 == 0)
                {
                    await SetThumbnailAsync(id);
                }

                ids.Add(id);
            }

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var races = ids.SelectMany(id => new Func<Task>[] { () => SetThumbnailAsync(id), () => SendAsync(new DeleteWorkflowThumbnailCommand(id)) })
                .Select(racer => Task.Run(async () =>
                {
                    await start.Task;
                    return await racer.OutcomeAsync();
                }))
                .ToList();
            start.SetResult();
            var outcomes = await Task.WhenAll(races);

            using var scope = new AssertionScope($"round {round}");
            outcomes.Should().AllSatisfy(o => o.Should().BeNull());
            foreach (var id in ids)
            {
                var stored = await StoredWorkflowAsync(id);
                (await HasStoredThumbnailAsync(id)).Should().Be(stored.HasThumbnail, $"the flag of {id} says whether its image is stored");
            }
        }
    }

    private async Task SetThumbnailAsync(string id)
    {
        await using var image = new MemoryStream(Invoke.Tests.Shared.TestImages.Png(64, 64));
        await SendAsync(new SetWorkflowThumbnailCommand(id, "image/png", image));
    }

    private static void ShouldHaveSucceededOrFoundNothing(Exception? outcome)
    {
        if (outcome is not null)
        {
            outcome.Should().BeOfType<NotFoundException>().Which.Detail.Should().Be(WorkflowPersistenceExtensions.NotFound);
        }
    }

    /// <summary>
    /// Runs <paramref name="racers"/> against fresh workflows of <see cref="MultiUserWorkflowTest.User1"/>
    /// (<paramref name="shared"/> or private, never opened), all released at one moment, then checks
    /// each workflow with <paramref name="check"/> (before, after — null when gone —, the racers'
    /// outcomes in order, the workflow's number) and the counts against the rows.
    /// </summary>
    private async Task RaceAsync(
        Func<string, int, Func<Task>[]> racers,
        Action<Workflow, Workflow?, Exception?[], int> check,
        bool shared = false)
    {
        RunAsUser(User1);
        for (var round = 0; round < Rounds; round++)
        {
            var ids = new List<string>();
            for (var i = 0; i < WorkflowsPerRound; i++)
            {
                ids.Add(shared ? await CreateSharedAsync($"workflow {round}-{i}") : await CreateAsync($"workflow {round}-{i}"));
            }

            var before = new List<Workflow>();
            foreach (var id in ids)
            {
                before.Add(await StoredWorkflowAsync(id));
            }

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var races = ids.Select((id, i) => racers(id, i)
                    .Select(racer => Task.Run(async () =>
                    {
                        await start.Task;
                        return await racer.OutcomeAsync();
                    }))
                    .ToArray())
                .ToList();
            start.SetResult();

            using var scope = new AssertionScope($"round {round}");
            for (var i = 0; i < ids.Count; i++)
            {
                var outcomes = await Task.WhenAll(races[i]);
                var after = await FindWorkflowAsync(ids[i]);
                using (new AssertionScope($"workflow {i}"))
                {
                    check(before[i], after, outcomes, i);
                    if (after is not null)
                    {
                        ColumnsShouldAgreeWithTheDocument(after);
                    }
                }
            }

            await CountsShouldEqualTheRowsAsync();
        }
    }

    private static void ColumnsShouldAgreeWithTheDocument(Workflow stored)
    {
        using var document = JsonDocument.Parse(stored.Document);
        var root = document.RootElement;
        root.GetProperty("name").GetString().Should().Be(stored.Name, "the name column says what the document says");
        root.GetProperty("description").GetString().Should().Be(stored.Description);
        root.GetProperty("tags").GetString().Should().Be(stored.Tags, "the tags column says what the document says");
        stored.SearchText.Should().Be(WorkflowSearch.SearchTextOf(stored.Name, stored.Description, stored.Tags));
        stored.TagSearchText.Should().Be(WorkflowSearch.Fold(stored.Tags));
    }

    /// <summary>Every maintained count (each category, sharing and opened state) against a count of the rows.</summary>
    private async Task CountsShouldEqualTheRowsAsync()
    {
        var rows = await InDatabaseAsync(db => db.Workflows.AsNoTracking().ToListAsync());
        var administrator = new AuthenticatedUser("admin", "admin@example.com", IsAdmin: true);
        await using var services = Database.CreateScope(multiUser: true, administrator);
        var counts = services.ServiceProvider.GetRequiredService<IWorkflowLibraryCounts>();
        foreach (var category in new[] { WorkflowCategory.User, WorkflowCategory.Default })
        {
            foreach (var isPublic in new[] { false, true })
            {
                foreach (var opened in new[] { false, true })
                {
                    var counted = await counts.TryCountAsync(
                        administrator.ToActor(), new WorkflowFilter([category], HasBeenOpened: opened, IsPublic: isPublic), CancellationToken.None);
                    var expected = rows.Count(w => w.Category == category && w.IsPublic == isPublic && (w.OpenedAt is not null) == opened);
                    counted.Should().Be(expected, "the count of {0} workflows, public {1}, opened {2}", category, isPublic, opened);
                }
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WorkflowConcurrencyTestsOnSqlite(SqliteTestDatabase database) : WorkflowConcurrencyTests(database);

[Collection(PostgresCollection.Name)]
public sealed class WorkflowConcurrencyTestsOnPostgres(PostgresTestDatabase database) : WorkflowConcurrencyTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class WorkflowConcurrencyTestsOnSqlServer(SqlServerTestDatabase database) : WorkflowConcurrencyTests(database);
