using Invoke.Domain.Workflows;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class WorkflowTagsTests
{
    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("", new string[0])]
    [InlineData(" , ,", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData(" a ,b,, c d ,", new[] { "a", "b", "c d" })]
    [InlineData("a,a", new[] { "a", "a" })]
    public void Split_Always_TrimsAndDropsEmptyItems(string? tags, string[] items)
    {
        WorkflowTags.Split(tags).Should().Equal(items);
    }

    [Theory]
    [InlineData(null, true, "shared")]
    [InlineData("", true, "shared")]
    [InlineData("", false, "")]
    [InlineData("a,b", true, "a, b, shared")]
    [InlineData("a,b", false, "a, b")]
    [InlineData(" a , ,b,", true, "a, b, shared")]
    [InlineData("shared", true, "shared")]
    [InlineData("a,shared,b", true, "a, shared, b")]
    [InlineData("a,shared", false, "a")]
    [InlineData(" shared ", false, "")]
    [InlineData("shared,a,shared", false, "a, shared")]
    [InlineData("Shared", true, "Shared, shared")]
    [InlineData("Shared", false, "Shared")]
    [InlineData("sharedx, unshared", true, "sharedx, unshared, shared")]
    [InlineData("sharedx, unshared", false, "sharedx, unshared")]
    public void WithSharedTag_Always_RewritesTheTagsAsInvokeAiDoes(string? tags, bool shared, string expected)
    {
        WorkflowTags.WithSharedTag(tags, shared).Should().Be(expected);
    }
}
