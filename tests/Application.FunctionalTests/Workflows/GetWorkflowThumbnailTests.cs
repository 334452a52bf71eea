using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Tests.Shared;
using SkiaSharp;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class GetWorkflowThumbnailTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task GetThumbnail_OfAUserWorkflow_ReturnsTheStoredWebp()
    {
        var created = await GivenWorkflowWithThumbnailAsync();

        var (image, thumbnail) = await GetThumbnailAsync(created.WorkflowId);

        thumbnail.ContentType.Should().Be("image/webp");
        thumbnail.FileName.Should().Be($"{created.WorkflowId}.webp");
        image.Format.Should().Be(SKEncodedImageFormat.Webp);
        (image.Width, image.Height).Should().Be((256, 128));
    }

    [Fact]
    public async Task GetThumbnail_WhenTheWorkflowHasNone_IsNotFound()
    {
        var created = await GivenSingleUserWorkflowAsync();

        var act = () => SendAsync(new GetWorkflowThumbnailQuery(created.WorkflowId));

        await act.ShouldFailWithAsync<NotFoundException>("Thumbnail not found");
    }

    [Fact]
    public async Task GetThumbnail_WhenTheWorkflowDoesNotExist_IsNotFound()
    {
        var act = () => SendAsync(new GetWorkflowThumbnailQuery("no-such-workflow"));

        await act.ShouldFailWithAsync<NotFoundException>("Not Found");
    }

    [Fact]
    public async Task GetThumbnail_OfEveryDefaultWorkflow_IsItsBundledPngForAnonymousCallers()
    {
        RunAsAnonymous();

        foreach (var shipped in ShippedDefaults)
        {
            var (image, thumbnail) = await GetThumbnailAsync(shipped.Id);

            thumbnail.ContentType.Should().Be("image/png");
            thumbnail.FileName.Should().Be($"{shipped.Id}.png");
            image.Format.Should().Be(SKEncodedImageFormat.Png);
            (image.Width, image.Height).Should().Be((256, 256));
        }
    }

    [Fact]
    public async Task GetThumbnail_OfAnotherUsersPrivateWorkflow_IsNotFound_AsForAnUnknownId()
    {
        var created = await GivenWorkflowWithThumbnailAsync(ownerId: "user-1");
        RunAsUser("user-2");

        var @private = () => SendAsync(new GetWorkflowThumbnailQuery(created.WorkflowId));
        var unknown = () => SendAsync(new GetWorkflowThumbnailQuery(Guid.NewGuid().ToString()));

        await @private.ShouldFailWithAsync<NotFoundException>("Not Found");
        await unknown.ShouldFailWithAsync<NotFoundException>("Not Found");
    }

    [Fact]
    public async Task GetThumbnail_OfAnotherUsersSharedWorkflow_IsReturned()
    {
        var created = await GivenWorkflowWithThumbnailAsync(ownerId: "user-1");
        await SendAsAsync(RegularUser("user-1"), new SetWorkflowSharingCommand(created.WorkflowId, IsPublic: true));
        RunAsUser("user-2");

        var (image, _) = await GetThumbnailAsync(created.WorkflowId);

        image.Format.Should().Be(SKEncodedImageFormat.Webp);
    }

    [Fact]
    public async Task GetThumbnail_ForAnAnonymousCaller_IsUnauthenticated_ForAUserWorkflowAndAnUnknownIdAlike()
    {
        var created = await GivenWorkflowWithThumbnailAsync(ownerId: "user-1");
        RunAsAnonymous();

        var existing = () => SendAsync(new GetWorkflowThumbnailQuery(created.WorkflowId));
        var unknown = () => SendAsync(new GetWorkflowThumbnailQuery(Guid.NewGuid().ToString()));

        await existing.ShouldFailWithAsync<UnauthenticatedException>("Authentication required");
        await unknown.ShouldFailWithAsync<UnauthenticatedException>("Authentication required");
    }

    private async Task<(DecodedImage Image, WorkflowThumbnail Thumbnail)> GetThumbnailAsync(string workflowId)
    {
        var thumbnail = await SendAsync(new GetWorkflowThumbnailQuery(workflowId));
        await using var content = thumbnail.Content;
        using var bytes = new MemoryStream();
        await content.CopyToAsync(bytes);
        return (TestImages.Decode(bytes.ToArray()), thumbnail);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GetWorkflowThumbnailTestsOnSqlite(SqliteTestDatabase database) : GetWorkflowThumbnailTests(database);

[Collection(PostgresCollection.Name)]
public sealed class GetWorkflowThumbnailTestsOnPostgres(PostgresTestDatabase database) : GetWorkflowThumbnailTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class GetWorkflowThumbnailTestsOnSqlServer(SqlServerTestDatabase database) : GetWorkflowThumbnailTests(database);
