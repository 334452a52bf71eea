using System.Text.Json;
using System.Text.Json.Nodes;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class SetWorkflowSharingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SetShared_ByOwnerOrAdministrator_SharesAndTagsTheWorkflow(bool byAdministrator)
    {
        var workflow = UserWorkflow(tags: "portrait");

        workflow.SetShared(OwnerOr(byAdministrator), isPublic: true, Now.AddMinutes(1));

        workflow.IsPublic.Should().BeTrue();
        workflow.Tags.Should().Be("portrait, shared");
        workflow.StoredDocument().GetProperty("tags").GetString().Should().Be("portrait, shared");
        workflow.TagSearchText.Should().Be("portrait, shared");
        workflow.SearchText.Should().EndWith("\u001fportrait, shared");
    }

    [Fact]
    public void SetShared_False_UnsharesAndRemovesTheSharedTag()
    {
        var workflow = UserWorkflow(tags: "portrait,shared");
        workflow.SetShared(Owner, isPublic: true, Now);

        workflow.SetShared(Owner, isPublic: false, Now);

        workflow.IsPublic.Should().BeFalse();
        workflow.Tags.Should().Be("portrait");
        workflow.StoredDocument().GetProperty("tags").GetString().Should().Be("portrait");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SetShared_WhenCallerIsNotOwner_BreaksTheOwnershipRule(bool isPublic)
    {
        var workflow = UserWorkflow(tags: "a", isPublic: isPublic);

        var act = () => workflow.SetShared(Other, !isPublic, Now);

        act.ShouldBreak<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to update this workflow");
        workflow.IsPublic.Should().Be(isPublic);
        workflow.Tags.Should().Be("a");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SetShared_OfDefaultWorkflow_BreaksDefaultWorkflowsAreReadOnlyRule(bool byAdministrator)
    {
        var workflow = DefaultWorkflow(tags: "basic");

        var act = () => workflow.SetShared(byAdministrator ? Admin : Other, isPublic: true, Now);

        act.ShouldBreak<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
        workflow.IsPublic.Should().BeFalse();
        workflow.Tags.Should().Be("basic");
    }

    [Fact]
    public void SetShared_Always_KeepsEveryOtherFieldOfTheStoredDocumentAsItWas()
    {
        var form = JsonSerializer.SerializeToElement(new JsonObject { ["rootElementId"] = "root", ["elements"] = new JsonObject() });
        var document = Document(name: "Ünïcødé <b>&amp;</b> \"quoted\"", description: "line\nbreak", tags: "a,b", form: form);
        var workflow = Workflow.Create(Owner, document, isPublic: false, Now);
        var before = workflow.Document;

        workflow.SetShared(Owner, isPublic: true, Now);

        workflow.Document.Should().Be(before.Replace("\"tags\":\"a,b\"", "\"tags\":\"a, b, shared\"", StringComparison.Ordinal));
        workflow.Name.Should().Be("Ünïcødé <b>&amp;</b> \"quoted\"");
    }

    [Fact]
    public void SetShared_Always_BumpsUpdatedAtToTheMillisecond()
    {
        var workflow = UserWorkflow();

        workflow.SetShared(Owner, isPublic: true, Now.AddMinutes(3).AddTicks(12_345));

        workflow.UpdatedAt.Should().Be(Now.AddMinutes(3).AddMilliseconds(1));
        workflow.CreatedAt.Should().Be(Now);
    }

    [Fact]
    public void SetShared_WhenNothingChanges_StillNormalizesTheTags()
    {
        var workflow = UserWorkflow(tags: " a ,, shared ,b", isPublic: true);

        workflow.SetShared(Owner, isPublic: true, Now);

        workflow.Tags.Should().Be("a, shared, b");
    }
}
