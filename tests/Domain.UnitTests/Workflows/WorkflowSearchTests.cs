using Invoke.Domain.Workflows;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class WorkflowSearchTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("SDXL Portrait", "sdxl portrait")]
    [InlineData("ÄRGER Straße", "ärger straße")]
    [InlineData("50%_off", "50%_off")]
    [InlineData("a\u001fb", "a b")]
    public void Fold_Always_LowerCasesAndNeverKeepsTheFieldSeparator(string? text, string folded)
    {
        WorkflowSearch.Fold(text).Should().Be(folded);
    }

    [Theory]
    [InlineData("portrait", true)]
    [InlineData("", true)]
    [InlineData("a\u0000", false)]
    public void CanMatch_OnlyWhenTheTermHasNoNulCharacter(string folded, bool canMatch)
    {
        WorkflowSearch.CanMatch(folded).Should().Be(canMatch);
    }

    [Fact]
    public void SearchTextOf_Always_SeparatesTheFoldedFields()
    {
        WorkflowSearch.SearchTextOf("Name", "Desc\u001fription", "Tag")
            .Should().Be("name\u001fdesc ription\u001ftag");
    }
}
