using Invoke.Application.FunctionalTests.Testing;
using Invoke.Infrastructure.Workflows;
using Invoke.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>Thumbnail files of an earlier version are moved into the database at start, once.</summary>
public abstract class LegacyThumbnailFilesTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Move_OfAnEarlierInstallsFiles_StoresThemAndRemovesThem_LeavingOrphansAndDroppingTemporaries()
    {
        var created = await GivenSingleUserWorkflowAsync();
        var directory = Path.Combine(Database.Root, "workflow_thumbnails");
        Directory.CreateDirectory(directory);
        var image = TestImages.Png(40, 30);
        await File.WriteAllBytesAsync(Path.Combine(directory, created.WorkflowId + ".webp"), image);
        await File.WriteAllBytesAsync(Path.Combine(directory, "no-such-workflow.webp"), image);
        await File.WriteAllBytesAsync(Path.Combine(directory, created.WorkflowId + ".webp.0123.tmp"), [1, 2, 3]);

        (await MoveAsync()).Should().Be(1);
        (await MoveAsync()).Should().Be(0, "a second start finds nothing left to move");

        (await StoredThumbnailAsync(created.WorkflowId)).Should().Equal(image);
        Directory.GetFiles(directory).Select(Path.GetFileName).Should().Equal("no-such-workflow.webp");
    }

    [Fact]
    public async Task Move_WithoutTheDirectory_DoesNothing()
    {
        (await MoveAsync()).Should().Be(0);
        Directory.Exists(Path.Combine(Database.Root, "workflow_thumbnails")).Should().BeFalse();
    }

    private async Task<int> MoveAsync()
    {
        await using var scope = Database.Services(multiUser: false).CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LegacyThumbnailFiles>().MoveIntoDatabaseAsync(CancellationToken.None);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LegacyThumbnailFilesTestsOnSqlite(SqliteTestDatabase database) : LegacyThumbnailFilesTests(database);

[Collection(PostgresCollection.Name)]
public sealed class LegacyThumbnailFilesTestsOnPostgres(PostgresTestDatabase database) : LegacyThumbnailFilesTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class LegacyThumbnailFilesTestsOnSqlServer(SqlServerTestDatabase database) : LegacyThumbnailFilesTests(database);
