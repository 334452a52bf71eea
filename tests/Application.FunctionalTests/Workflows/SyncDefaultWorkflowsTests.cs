using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class SyncDefaultWorkflowsTests(TestDatabase database) : FunctionalTest(database)
{
    private const string Retired = "default_retired";

    [Fact]
    public async Task Sync_OnAFreshDatabase_HasAlreadyInsertedEveryShippedDefault()
    {
        var stored = await StoredDefaultsAsync();

        stored.Keys.Should().BeEquivalentTo(ShippedDefaults.Select(d => d.Id));
        foreach (var shipped in ShippedDefaults)
        {
            var row = stored[shipped.Id];
            row.Document.Should().Be(shipped.Document.ToJson(shipped.Id));
            row.Name.Should().Be(shipped.Document.Name);
            row.OwnerId.Should().Be("system");
            row.IsPublic.Should().BeFalse();
            row.HasThumbnail.Should().Be(shipped.HasThumbnail);
        }
    }

    [Fact]
    public async Task Sync_WhenNothingChanged_ChangesNothing()
    {
        var before = await StoredDefaultsAsync();
        Database.Clock.Advance(TimeSpan.FromDays(1));

        var result = await SendAsync(new SyncDefaultWorkflowsCommand());

        result.Should().Be(new DefaultWorkflowSyncResult(0, 0, 0));
        (await StoredDefaultsAsync()).Values.Select(w => w.UpdatedAt).Should().Equal(before.Values.Select(w => w.UpdatedAt));
    }

    [Fact]
    public async Task Sync_WhenADefaultIsMissing_InsertsIt()
    {
        var missing = ShippedDefaults[0].Id;
        await InDatabaseAsync(async db =>
        {
            db.Workflows.Remove(await db.Workflows.SingleAsync(w => w.Id == missing));
            await db.SaveChangesAsync();
        });

        var result = await SendAsync(new SyncDefaultWorkflowsCommand());

        result.Should().Be(new DefaultWorkflowSyncResult(1, 0, 0));
        (await StoredWorkflowAsync(missing)).Document.Should().Be(ShippedDefaults[0].Document.ToJson(missing));
    }

    [Fact]
    public async Task Sync_WhenADefaultWasChanged_PutsTheShippedVersionBack()
    {
        var shipped = ShippedDefaults.Single(d => d.Id == PromptBuilderDefault);
        await InDatabaseAsync(async db =>
        {
            var workflow = await db.Workflows.SingleAsync(w => w.Id == PromptBuilderDefault);
            db.Entry(workflow).Property(w => w.Name).CurrentValue = "Tampered";
            db.Entry(workflow).Property(w => w.Document).CurrentValue =
                workflow.Document.Replace(shipped.Document.Name, "Tampered", StringComparison.Ordinal);
            db.Entry(workflow).Property(w => w.HasThumbnail).CurrentValue = false;
            await db.SaveChangesAsync();
        });
        Database.Clock.Advance(TimeSpan.FromDays(1));

        var result = await SendAsync(new SyncDefaultWorkflowsCommand());

        result.Should().Be(new DefaultWorkflowSyncResult(0, 1, 0));
        var refreshed = await StoredWorkflowAsync(PromptBuilderDefault);
        refreshed.Name.Should().Be(shipped.Document.Name);
        refreshed.Document.Should().Be(shipped.Document.ToJson(PromptBuilderDefault));
        refreshed.HasThumbnail.Should().BeTrue();
        refreshed.UpdatedAt.Should().Be(Database.Clock.GetUtcNow().UtcDateTime);
        (await ListAsync(new WorkflowFilter(Query: "tampered"))).Total.Should().Be(0);
    }

    [Fact]
    public async Task Sync_WhenADefaultIsNoLongerShipped_RemovesIt()
    {
        await InDatabaseAsync(async db =>
        {
            db.Workflows.Add(Workflow.CreateDefault(
                Retired, WorkflowDocuments.Create(name: "Retired", category: WorkflowCategory.Default), hasThumbnail: false, Database.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        });

        var result = await SendAsync(new SyncDefaultWorkflowsCommand());

        result.Should().Be(new DefaultWorkflowSyncResult(0, 0, 1));
        (await FindWorkflowAsync(Retired)).Should().BeNull();
    }

    [Fact]
    public async Task Sync_WithEveryKindOfDrift_InsertsRefreshesAndRemovesInOneGo()
    {
        var missing = ShippedDefaults[0].Id;
        await InDatabaseAsync(async db =>
        {
            db.Workflows.Remove(await db.Workflows.SingleAsync(w => w.Id == missing));
            var changed = await db.Workflows.SingleAsync(w => w.Id == PromptBuilderDefault);
            db.Entry(changed).Property(w => w.HasThumbnail).CurrentValue = false;
            db.Workflows.Add(Workflow.CreateDefault(
                Retired, WorkflowDocuments.Create(category: WorkflowCategory.Default), hasThumbnail: false, Database.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        });

        var result = await SendAsync(new SyncDefaultWorkflowsCommand());

        result.Should().Be(new DefaultWorkflowSyncResult(1, 1, 1));
        (await StoredDefaultsAsync()).Keys.Should().BeEquivalentTo(ShippedDefaults.Select(d => d.Id));
    }

    [Fact]
    public async Task Sync_Never_TouchesUserWorkflows()
    {
        var mine = await GivenSingleUserWorkflowAsync();

        await SendAsync(new SyncDefaultWorkflowsCommand());

        (await StoredWorkflowAsync(mine.WorkflowId)).Document.Should().Be(mine.Workflow.Json);
    }

    [Fact]
    public async Task Sync_ByRegularUser_IsForbidden()
    {
        RunAsUser("user-1");

        var act = () => SendAsync(new SyncDefaultWorkflowsCommand());

        await act.ShouldFailWithAsync<ForbiddenException>("Admin privileges required");
    }

    [Fact]
    public async Task Sync_ByAdministratorInMultiUserMode_Runs()
    {
        RunAsAdministrator();

        (await SendAsync(new SyncDefaultWorkflowsCommand())).Should().Be(new DefaultWorkflowSyncResult(0, 0, 0));
    }

    private Task<Dictionary<string, Workflow>> StoredDefaultsAsync() =>
        InDatabaseAsync(db => db.Workflows.AsNoTracking()
            .Where(w => w.Category == WorkflowCategory.Default)
            .OrderBy(w => w.Id)
            .ToDictionaryAsync(w => w.Id, StringComparer.Ordinal));
}

[Collection(SqliteCollection.Name)]
public sealed class SyncDefaultWorkflowsTestsOnSqlite(SqliteTestDatabase database) : SyncDefaultWorkflowsTests(database);

[Collection(PostgresCollection.Name)]
public sealed class SyncDefaultWorkflowsTestsOnPostgres(PostgresTestDatabase database) : SyncDefaultWorkflowsTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class SyncDefaultWorkflowsTestsOnSqlServer(SqlServerTestDatabase database) : SyncDefaultWorkflowsTests(database);
