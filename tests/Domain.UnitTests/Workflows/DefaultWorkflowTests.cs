using Invoke.Domain.Workflows;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class DefaultWorkflowTests
{
    [Fact]
    public void CreateDefault_Always_IsAPrivateSystemWorkflowOfTheDefaultCategory()
    {
        var workflow = Workflow.CreateDefault(
            "default_basic", Document(name: "Basic", tags: "basic", category: WorkflowCategory.Default), hasThumbnail: true, Now.AddTicks(7));

        workflow.Id.Should().Be("default_basic");
        workflow.OwnerId.Should().Be("system");
        workflow.Category.Should().Be(WorkflowCategory.Default);
        workflow.IsPublic.Should().BeFalse();
        workflow.HasThumbnail.Should().BeTrue();
        workflow.Name.Should().Be("Basic");
        workflow.Tags.Should().Be("basic");
        workflow.CreatedAt.Should().Be(Now);
        workflow.UpdatedAt.Should().Be(Now);
        workflow.OpenedAt.Should().BeNull();
        workflow.OpenedOrder.Should().Be(Workflow.NeverOpened);
        var stored = workflow.StoredDocument();
        stored.GetProperty("id").GetString().Should().Be("default_basic");
        stored.GetProperty("meta").GetProperty("category").GetString().Should().Be("default");
    }

    [Theory]
    [InlineData("basic", WorkflowCategory.Default)]
    [InlineData("Default_basic", WorkflowCategory.Default)]
    [InlineData("default_basic", WorkflowCategory.User)]
    public void CreateDefault_WithoutDefaultIdOrCategory_IsRefused(string id, WorkflowCategory category)
    {
        var act = () => Workflow.CreateDefault(id, Document(category: category), hasThumbnail: false, Now);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void RefreshDefault_WhenNothingChanged_ReportsNoChangeAndKeepsTheTimes()
    {
        var workflow = DefaultWorkflow(name: "Basic", tags: "basic");

        var changed = workflow.RefreshDefault(Document(name: "Basic", tags: "basic", category: WorkflowCategory.Default), hasThumbnail: true, Now.AddDays(1));

        changed.Should().BeFalse();
        workflow.UpdatedAt.Should().Be(Now);
    }

    [Fact]
    public void RefreshDefault_WhenTheShippedDocumentChanged_AppliesIt()
    {
        var workflow = DefaultWorkflow(name: "Basic", tags: "basic");
        workflow.MarkOpened(Admin, Now.AddHours(1));

        var changed = workflow.RefreshDefault(
            Document(name: "Basic v2", tags: "basic, new", category: WorkflowCategory.Default, workflowReturnNodes: 1),
            hasThumbnail: true,
            Now.AddDays(1));

        changed.Should().BeTrue();
        workflow.Name.Should().Be("Basic v2");
        workflow.Tags.Should().Be("basic, new");
        workflow.TagSearchText.Should().Be("basic, new");
        workflow.WorkflowReturnNodeCount.Should().Be(1);
        workflow.StoredDocument().GetProperty("name").GetString().Should().Be("Basic v2");
        workflow.StoredDocument().GetProperty("id").GetString().Should().Be("default_basic");
        workflow.UpdatedAt.Should().Be(Now.AddDays(1));
        workflow.CreatedAt.Should().Be(Now);
        workflow.OpenedAt.Should().Be(Now.AddHours(1), "being refreshed does not forget that an administrator opened it");
    }

    [Fact]
    public void RefreshDefault_WhenOnlyTheThumbnailChanged_ReportsAChange()
    {
        var workflow = DefaultWorkflow(name: "Basic", tags: "basic");

        var changed = workflow.RefreshDefault(Document(name: "Basic", tags: "basic", category: WorkflowCategory.Default), hasThumbnail: false, Now.AddDays(1));

        changed.Should().BeTrue();
        workflow.HasThumbnail.Should().BeFalse();
    }

    [Fact]
    public void RefreshDefault_OfUserWorkflow_IsRefused()
    {
        var workflow = UserWorkflow();

        var act = () => workflow.RefreshDefault(Document(category: WorkflowCategory.Default), hasThumbnail: false, Now);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void RefreshDefault_WithUserCategoryDocument_IsRefused()
    {
        var workflow = DefaultWorkflow();

        var act = () => workflow.RefreshDefault(Document(category: WorkflowCategory.User), hasThumbnail: true, Now);

        act.Should().Throw<InvalidOperationException>();
        workflow.Category.Should().Be(WorkflowCategory.Default);
    }
}
