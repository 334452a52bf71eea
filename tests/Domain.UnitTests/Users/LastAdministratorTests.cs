using Invoke.Domain.Rules;
using Invoke.Domain.Users.Rules;
using static Invoke.Domain.UnitTests.Users.UserTestData;

namespace Invoke.Domain.UnitTests.Users;

public sealed class LastAdministratorTests
{
    [Fact]
    public void Delete_WhenTargetIsTheLastActiveAdministrator_BreaksTheLastAdministratorRule()
    {
        var act = () => Administrator().Delete(activeAdministrators: 1);

        ShouldBreakLastAdministratorRule(act);
    }

    [Fact]
    public void SetAdministrator_WhenDemotingTheLastActiveAdministrator_BreaksTheRuleAndKeepsTheRole()
    {
        var admin = Administrator();

        var act = () => admin.SetAdministrator(false, activeAdministrators: 1, Now);

        ShouldBreakLastAdministratorRule(act);
        admin.IsAdmin.Should().BeTrue();
    }

    [Fact]
    public void SetActive_WhenDeactivatingTheLastActiveAdministrator_BreaksTheRuleAndStaysActive()
    {
        var admin = Administrator();

        var act = () => admin.SetActive(false, activeAdministrators: 1, Now);

        ShouldBreakLastAdministratorRule(act);
        admin.IsActive.Should().BeTrue();
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(null, false)]
    [InlineData(false, false)]
    public void EnsureAdministrativeChangeAllowed_WhenRemovingTheLastAdministrator_BreaksTheRule(bool? isAdmin, bool? isActive)
    {
        var act = () => Administrator().EnsureAdministrativeChangeAllowed(isAdmin, isActive, changesPassword: false, activeAdministrators: 1);

        ShouldBreakLastAdministratorRule(act);
    }

    [Fact]
    public void EnsureAdministrativeChangeAllowed_WhenRenamingOrRepasswordingTheLastAdministrator_IsAllowed()
    {
        var act = () => Administrator().EnsureAdministrativeChangeAllowed(isAdmin: true, isActive: true, changesPassword: true, activeAdministrators: 1);

        act.Should().NotThrow();
    }

    [Fact]
    public void RenameAndChangePassword_OnTheLastAdministrator_AreAllowed()
    {
        var admin = Administrator();

        admin.Rename("Still in charge", Now);
        admin.ChangePassword("$2b$12$another-hash", Now);

        admin.DisplayName.Should().Be("Still in charge");
        admin.IsActiveAdministrator.Should().BeTrue();
    }

    [Fact]
    public void SetAdministrator_WhenAnotherActiveAdministratorRemains_Demotes()
    {
        var admin = Administrator();

        admin.SetAdministrator(false, activeAdministrators: 2, Now);

        admin.IsAdmin.Should().BeFalse();
    }

    [Fact]
    public void SetActiveAndDelete_WhenAnotherActiveAdministratorRemains_AreAllowed()
    {
        var admin = Administrator();

        admin.SetActive(false, activeAdministrators: 2, Now);
        var deleteAnother = () => Administrator("other@example.com").Delete(activeAdministrators: 2);

        admin.IsActive.Should().BeFalse();
        deleteAnother.Should().NotThrow();
    }

    [Fact]
    public void DeleteAndDemote_WhenAdministratorIsAlreadyInactive_AreAllowedEvenWithOneActiveAdministrator()
    {
        var inactive = InactiveAdministrator();

        var delete = () => inactive.Delete(activeAdministrators: 1);
        inactive.SetAdministrator(false, activeAdministrators: 1, Now);

        delete.Should().NotThrow();
        inactive.IsAdmin.Should().BeFalse();
    }

    [Fact]
    public void Delete_WhenTargetIsARegularUser_IsAllowedWithOneAdministrator()
    {
        var act = () => RegularUser().Delete(activeAdministrators: 1);

        act.Should().NotThrow();
    }

    [Fact]
    public void SetAdministrator_WhenPromotingARegularUser_IsAllowed()
    {
        var user = RegularUser();

        user.SetAdministrator(true, activeAdministrators: 1, Now);

        user.IsActiveAdministrator.Should().BeTrue();
    }

    [Fact]
    public void LastAdministratorRule_IsBrokenOnlyWhenAllThreeConditionsHold()
    {
        new LastAdministratorCannotBeRemovedRule(true, true, 1).IsBroken().Should().BeTrue();
        new LastAdministratorCannotBeRemovedRule(true, true, 0).IsBroken().Should().BeTrue();
        new LastAdministratorCannotBeRemovedRule(true, true, 2).IsBroken().Should().BeFalse();
        new LastAdministratorCannotBeRemovedRule(false, true, 1).IsBroken().Should().BeFalse();
        new LastAdministratorCannotBeRemovedRule(true, false, 1).IsBroken().Should().BeFalse();
        new LastAdministratorCannotBeRemovedRule(true, true, 1).Kind.Should().Be(RuleViolationKind.Invalid);
    }

    private static void ShouldBreakLastAdministratorRule(Action act) =>
        act.Should().Throw<BusinessRuleViolationException>()
            .Which.BrokenRule.Should().BeOfType<LastAdministratorCannotBeRemovedRule>()
            .Which.Message.Should().Be("Cannot remove the last administrator");
}
