using System.Text.Json;
using Invoke.Domain.Rules;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class WorkflowOwnershipTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Owner = new("owner", IsAdmin: false);
    private static readonly Actor Other = new("other", IsAdmin: false);

    [Fact]
    public void Update_WhenCallerIsNotOwner_BreaksTheOwnershipRule()
    {
        var workflow = Workflow.Create(Owner, Document(), isPublic: true, Now);

        var act = () => workflow.Update(Other, Document(name: "Hijacked"), Now);

        act.Should().Throw<BusinessRuleViolationException>()
            .Which.BrokenRule.Should().BeOfType<WorkflowCanBeModifiedOnlyByOwnerRule>()
            .Which.Message.Should().Be("Not authorized to update this workflow");
        workflow.Name.Should().Be("Workflow");
    }

    internal static WorkflowDocument Document(string name = "Workflow", string tags = "", WorkflowCategory category = WorkflowCategory.User) =>
        new(name, "author", "description", "1.0.0", "", tags, "", [], new WorkflowMeta("3.0.0", category),
            JsonSerializer.SerializeToElement(Array.Empty<object>()), JsonSerializer.SerializeToElement(Array.Empty<object>()), null);
}
