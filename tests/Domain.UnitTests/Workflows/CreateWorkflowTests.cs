using Invoke.Domain.Rules;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class CreateWorkflowTests
{
    [Fact]
    public void Create_WhenCategoryIsUser_BelongsToTheCreator()
    {
        var workflow = Workflow.Create(Owner, Document(name: "Portrait", description: "Faces", tags: "people, sdxl"), isPublic: false, Now);

        Guid.TryParse(workflow.Id, out _).Should().BeTrue();
        workflow.OwnerId.Should().Be("owner");
        workflow.Category.Should().Be(WorkflowCategory.User);
        workflow.IsPublic.Should().BeFalse();
        workflow.Name.Should().Be("Portrait");
        workflow.Description.Should().Be("Faces");
        workflow.Tags.Should().Be("people, sdxl");
        workflow.OpenedAt.Should().BeNull();
        workflow.OpenedOrder.Should().Be(Workflow.NeverOpened);
        workflow.HasThumbnail.Should().BeFalse();
    }

    [Fact]
    public void Create_WhenAskedToBePublic_IsShared()
    {
        var workflow = Workflow.Create(Owner, Document(tags: "a"), isPublic: true, Now);

        workflow.IsPublic.Should().BeTrue();
        workflow.Tags.Should().Be("a", "creating a public workflow does not add the shared tag");
    }

    [Fact]
    public void Create_Always_GivesEachWorkflowItsOwnId()
    {
        var first = Workflow.Create(Owner, Document(), isPublic: false, Now);
        var second = Workflow.Create(Owner, Document(), isPublic: false, Now);

        first.Id.Should().NotBe(second.Id);
    }

    [Fact]
    public void Create_Always_StoresTheDocumentWithTheNewId()
    {
        var workflow = Workflow.Create(Owner, Document(name: "Portrait", tags: "people"), isPublic: false, Now);

        var stored = workflow.StoredDocument();
        stored.GetProperty("id").GetString().Should().Be(workflow.Id);
        stored.GetProperty("name").GetString().Should().Be("Portrait");
        stored.GetProperty("tags").GetString().Should().Be("people");
        stored.GetProperty("meta").GetProperty("category").GetString().Should().Be("user");
    }

    [Fact]
    public void Create_WhenCategoryIsDefault_BreaksDefaultWorkflowsCannotBeCreatedRule()
    {
        var act = () => Workflow.Create(Admin, Document(category: WorkflowCategory.Default), isPublic: false, Now);

        act.ShouldBreak<DefaultWorkflowsCannotBeCreatedRule, Workflow>("Default workflows cannot be created")
            .Kind.Should().Be(RuleViolationKind.Invalid);
    }

    [Fact]
    public void Create_WhenTimeHasSubMillisecondPrecision_KeepsMilliseconds()
    {
        var now = new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);

        var workflow = Workflow.Create(Owner, Document(), isPublic: false, now);

        workflow.CreatedAt.Should().Be(new DateTime(2026, 11, 27, 12, 0, 0, 123, DateTimeKind.Utc));
        workflow.UpdatedAt.Should().Be(workflow.CreatedAt);
        workflow.CreatedAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void Create_WithWorkflowReturnNodes_KnowsWhetherItIsCallable(int workflowReturnNodes, bool callable)
    {
        var workflow = Workflow.Create(Owner, Document(workflowReturnNodes: workflowReturnNodes), isPublic: false, Now);

        workflow.WorkflowReturnNodeCount.Should().Be(workflowReturnNodes);
        workflow.CallCompatibility.IsCallable.Should().Be(callable);
    }

    [Fact]
    public void Create_Always_IndexesNameDescriptionAndTagsForSearch()
    {
        var workflow = Workflow.Create(Owner, Document(name: "Portrait", description: "Big FACES", tags: "SDXL, People"), isPublic: false, Now);

        workflow.SearchText.Should().Be("portrait\u001fbig faces\u001fsdxl, people");
        workflow.TagSearchText.Should().Be("sdxl, people");
    }
}
