using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows.Rules;
using Invoke.Tests.Shared;
using SkiaSharp;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class SetWorkflowThumbnailTests(TestDatabase database) : FunctionalTest(database)
{
    [Theory]
    [InlineData(1024, 512, 256, 128)]
    [InlineData(300, 1200, 64, 256)]
    [InlineData(1000, 1000, 256, 256)]
    [InlineData(257, 100, 256, 100)]
    public async Task SetThumbnail_WithALargePng_StoresAWebpFittedInto256(int width, int height, int storedWidth, int storedHeight)
    {
        var created = await GivenSingleUserWorkflowAsync();

        await SetThumbnailAsync(created.WorkflowId, "image/png", TestImages.Png(width, height));

        var stored = TestImages.Decode(await StoredThumbnailAsync(created.WorkflowId));
        stored.Format.Should().Be(SKEncodedImageFormat.Webp);
        (stored.Width, stored.Height).Should().Be((storedWidth, storedHeight));
    }

    [Theory]
    [InlineData(100, 60)]
    [InlineData(256, 256)]
    [InlineData(1, 1)]
    public async Task SetThumbnail_WithASmallJpeg_NeverEnlargesIt(int width, int height)
    {
        var created = await GivenSingleUserWorkflowAsync();

        await SetThumbnailAsync(created.WorkflowId, "image/jpeg", TestImages.Jpeg(width, height));

        var stored = TestImages.Decode(await StoredThumbnailAsync(created.WorkflowId));
        stored.Format.Should().Be(SKEncodedImageFormat.Webp);
        (stored.Width, stored.Height).Should().Be((width, height));
    }

    [Fact]
    public async Task SetThumbnail_WithATransparentPng_KeepsTheTransparency()
    {
        var created = await GivenSingleUserWorkflowAsync();

        await SetThumbnailAsync(created.WorkflowId, "image/png", TestImages.Png(512, 512, transparent: true));

        TestImages.Decode(await StoredThumbnailAsync(created.WorkflowId)).TopLeft.Alpha.Should().Be(0);
    }

    [Fact]
    public async Task SetThumbnail_Always_LinksTheWorkflowToIt()
    {
        var created = await GivenSingleUserWorkflowAsync();

        await SetThumbnailAsync(created.WorkflowId, "image/png", TestImages.Png(10, 10));

        (await StoredWorkflowAsync(created.WorkflowId)).HasThumbnail.Should().BeTrue();
        (await SendAsync(new GetWorkflowQuery(created.WorkflowId))).ThumbnailUrl.Should().NotBeNull();
        (await ListAsync()).Items.Single(i => i.WorkflowId == created.WorkflowId).ThumbnailUrl.Should().NotBeNull();
    }

    [Fact]
    public async Task SetThumbnail_Again_ReplacesTheEarlierOne()
    {
        var created = await GivenSingleUserWorkflowAsync();
        await SetThumbnailAsync(created.WorkflowId, "image/png", TestImages.Png(200, 100));

        await SetThumbnailAsync(created.WorkflowId, "image/jpeg", TestImages.Jpeg(50, 80));

        var stored = TestImages.Decode(await StoredThumbnailAsync(created.WorkflowId));
        (stored.Width, stored.Height).Should().Be((50, 80));
        (await StoredThumbnailCountAsync()).Should().Be(1);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task SetThumbnail_WhenTheContentTypeIsNotAnImage_IsUnsupported(string? contentType)
    {
        var created = await GivenSingleUserWorkflowAsync();

        var act = () => SetThumbnailAsync(created.WorkflowId, contentType, TestImages.Png(10, 10));

        await act.ShouldFailWithAsync<UnsupportedMediaTypeException>("Not an image");
        (await HasStoredThumbnailAsync(created.WorkflowId)).Should().BeFalse();
        (await StoredWorkflowAsync(created.WorkflowId)).HasThumbnail.Should().BeFalse();
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 })]
    public async Task SetThumbnail_WhenTheBytesAreNotAnImage_FailsToReadIt(byte[] bytes)
    {
        var created = await GivenSingleUserWorkflowAsync();

        var act = () => SetThumbnailAsync(created.WorkflowId, "image/png", bytes);

        await act.ShouldFailWithAsync<UnsupportedMediaTypeException>("Failed to read image");
        (await HasStoredThumbnailAsync(created.WorkflowId)).Should().BeFalse();
        (await StoredWorkflowAsync(created.WorkflowId)).HasThumbnail.Should().BeFalse();
    }

    [Fact]
    public async Task SetThumbnail_WhenTheWorkflowDoesNotExist_IsNotFound()
    {
        var act = () => SetThumbnailAsync("no-such-workflow", "image/png", TestImages.Png(10, 10));

        await act.ShouldFailWithAsync<NotFoundException>("Workflow not found");
    }

    [Fact]
    public async Task SetThumbnail_WhenCallerIsNotOwner_BreaksTheOwnershipRuleBeforeLookingAtTheImage()
    {
        var created = await GivenWorkflowAsync("user-1", shared: true);
        RunAsUser("user-2");

        var act = () => SetThumbnailAsync(created.WorkflowId, "text/plain", [1, 2, 3]);

        await act.ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to update this workflow");
    }

    [Fact]
    public async Task SetThumbnail_ByOwnerOrAdministrator_Succeeds()
    {
        var created = await GivenWorkflowAsync("user-1");
        RunAsUser("user-1");
        await SetThumbnailAsync(created.WorkflowId, "image/png", TestImages.Png(10, 10));
        RunAsAdministrator();

        await SetThumbnailAsync(created.WorkflowId, "image/png", TestImages.Png(20, 10));

        TestImages.Decode(await StoredThumbnailAsync(created.WorkflowId)).Width.Should().Be(20);
    }

    [Fact]
    public async Task SetThumbnail_OfADefaultWorkflow_BreaksDefaultWorkflowsAreReadOnlyRule()
    {
        var act = () => SetThumbnailAsync(PromptBuilderDefault, "image/png", TestImages.Png(10, 10));

        await act.ShouldBreakAsync<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
        (await HasStoredThumbnailAsync(PromptBuilderDefault)).Should().BeFalse();
    }

    private async Task SetThumbnailAsync(string workflowId, string? contentType, byte[] image)
    {
        await using var stream = new MemoryStream(image);
        await SendAsync(new SetWorkflowThumbnailCommand(workflowId, contentType, stream));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SetWorkflowThumbnailTestsOnSqlite(SqliteTestDatabase database) : SetWorkflowThumbnailTests(database);

[Collection(PostgresCollection.Name)]
public sealed class SetWorkflowThumbnailTestsOnPostgres(PostgresTestDatabase database) : SetWorkflowThumbnailTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class SetWorkflowThumbnailTestsOnSqlServer(SqlServerTestDatabase database) : SetWorkflowThumbnailTests(database);
