using Invoke.Domain.Rules;
using Invoke.Domain.Users;
using Invoke.Domain.Users.Rules;
using static Invoke.Domain.UnitTests.Users.UserTestData;

namespace Invoke.Domain.UnitTests.Users;

public sealed class SystemAccountProtectionTests
{
    private const string Message = "The system user cannot be deleted, deactivated, promoted to administrator, or given a password";

    [Fact]
    public void CreateSystemAccount_IsNotAnAdministratorAndHasNoPassword()
    {
        var system = SystemAccountRow();

        system.Id.Should().Be("system");
        system.Email.Should().Be("system@system.invokeai");
        system.DisplayName.Should().Be("System");
        system.IsAdmin.Should().BeFalse();
        system.IsActive.Should().BeTrue();
        system.PasswordHash.Should().BeEmpty();
        system.IsSystemAccount.Should().BeTrue();
    }

    [Fact]
    public void Delete_WhenAccountIsSystem_BreaksTheSystemRule()
    {
        var act = () => SystemAccountRow().Delete(activeAdministrators: 3);

        ShouldBreakSystemRule(act);
    }

    [Fact]
    public void SetActive_WhenDeactivatingSystem_BreaksTheSystemRule()
    {
        var system = SystemAccountRow();

        var act = () => system.SetActive(false, activeAdministrators: 3, Now);

        ShouldBreakSystemRule(act);
        system.IsActive.Should().BeTrue();
    }

    [Fact]
    public void SetAdministrator_WhenPromotingSystem_BreaksTheSystemRule()
    {
        var system = SystemAccountRow();

        var act = () => system.SetAdministrator(true, activeAdministrators: 1, Now);

        ShouldBreakSystemRule(act);
        system.IsAdmin.Should().BeFalse();
    }

    [Fact]
    public void ChangePassword_WhenAccountIsSystem_BreaksTheSystemRuleAndKeepsTheEpoch()
    {
        var system = SystemAccountRow();

        var act = () => system.ChangePassword(Hash, Now);

        ShouldBreakSystemRule(act);
        system.PasswordHash.Should().BeEmpty();
        system.TokenEpoch.Should().Be(0);
    }

    [Theory]
    [InlineData(false, null, false)]
    [InlineData(null, true, false)]
    [InlineData(null, null, true)]
    public void EnsureAdministrativeChangeAllowed_WhenSystemWouldBePromotedDeactivatedOrGivenAPassword_BreaksTheSystemRule(
        bool? isActive, bool? isAdmin, bool changesPassword)
    {
        var act = () => SystemAccountRow().EnsureAdministrativeChangeAllowed(isAdmin, isActive, changesPassword, activeAdministrators: 1);

        ShouldBreakSystemRule(act);
    }

    [Fact]
    public void EnsureAdministrativeChangeAllowed_WhenSystemIsRenamedOrKeptAsIs_IsAllowed()
    {
        var act = () => SystemAccountRow().EnsureAdministrativeChangeAllowed(isAdmin: false, isActive: true, changesPassword: false, activeAdministrators: 1);

        act.Should().NotThrow();
    }

    [Fact]
    public void Rename_WhenAccountIsSystem_IsAllowed()
    {
        var system = SystemAccountRow();

        system.Rename("Legacy owner", Now.AddMinutes(1));

        system.DisplayName.Should().Be("Legacy owner");
        system.UpdatedAt.Should().Be(Now.AddMinutes(1));
    }

    [Fact]
    public void ResetSystemAccountProtection_WhenRowWasTampered_RemovesAdminPasswordAndInactivity()
    {
        var system = SystemAccountRow();
        Tamper(system, isAdmin: true, isActive: false, hash: Hash);

        var changed = system.ResetSystemAccountProtection(Now.AddHours(1));

        changed.Should().BeTrue();
        system.IsAdmin.Should().BeFalse();
        system.IsActive.Should().BeTrue();
        system.PasswordHash.Should().BeEmpty();
    }

    [Fact]
    public void ResetSystemAccountProtection_WhenRowIsIntactOrNotSystem_ChangesNothing()
    {
        SystemAccountRow().ResetSystemAccountProtection(Now).Should().BeFalse();

        var admin = Administrator();
        admin.ResetSystemAccountProtection(Now).Should().BeFalse();
        admin.IsAdmin.Should().BeTrue();
        admin.PasswordHash.Should().Be(Hash);
    }

    [Fact]
    public void SystemRule_ForAnyOtherAccount_IsNeverBroken()
    {
        new SystemAccountIsProtectedRule("some-user", changeIsRefusedForSystem: true).IsBroken().Should().BeFalse();
        new SystemAccountIsProtectedRule("system", changeIsRefusedForSystem: false).IsBroken().Should().BeFalse();
        new SystemAccountIsProtectedRule("system", changeIsRefusedForSystem: true).Kind.Should().Be(RuleViolationKind.Invalid);
    }

    private static void ShouldBreakSystemRule(Action act) =>
        act.Should().Throw<BusinessRuleViolationException>()
            .Which.BrokenRule.Should().BeOfType<SystemAccountIsProtectedRule>()
            .Which.Message.Should().Be(Message);

    /// <summary>What someone editing the database by hand could do to the row.</summary>
    private static void Tamper(User user, bool isAdmin, bool isActive, string hash)
    {
        typeof(User).GetProperty(nameof(User.IsAdmin))!.SetValue(user, isAdmin);
        typeof(User).GetProperty(nameof(User.IsActive))!.SetValue(user, isActive);
        typeof(User).GetProperty(nameof(User.PasswordHash))!.SetValue(user, hash);
    }
}
