using Invoke.Domain.Users;
using static Invoke.Domain.UnitTests.Users.UserTestData;

namespace Invoke.Domain.UnitTests.Users;

public sealed class UserAccountTests
{
    [Fact]
    public void Register_KeepsTheAddressAsEnteredAndFoldsItsKey()
    {
        var user = User.Register(EmailAddress.Parse("Jane.Doe@Example.COM", out _)!, "Jane", Hash, isAdmin: false, Now);

        user.Email.Should().Be("Jane.Doe@example.com");
        user.EmailKey.Should().Be("jane.doe@example.com");
        user.IsActive.Should().BeTrue();
        user.IsAdmin.Should().BeFalse();
        user.TokenEpoch.Should().Be(0);
        user.LastLoginAt.Should().BeNull();
        Guid.TryParse(user.Id, out _).Should().BeTrue();
    }

    [Fact]
    public void ChangePassword_BumpsTheTokenEpochEachTime()
    {
        var user = RegularUser();

        user.ChangePassword("$2b$12$second", Now);
        user.TokenEpoch.Should().Be(1);
        user.ChangePassword("$2b$12$third", Now);

        user.TokenEpoch.Should().Be(2);
        user.PasswordHash.Should().Be("$2b$12$third");
    }

    [Fact]
    public void RenameRoleAndActivityChanges_LeaveTheTokenEpochAlone()
    {
        var user = RegularUser();

        user.Rename("Renamed", Now);
        user.SetAdministrator(true, activeAdministrators: 1, Now);
        user.SetActive(false, activeAdministrators: 2, Now);
        user.RecordLogin(Now);

        user.TokenEpoch.Should().Be(0);
    }

    [Fact]
    public void RecordLogin_SetsTheLastLoginTime()
    {
        var user = RegularUser();

        user.RecordLogin(Now.AddMinutes(5));

        user.LastLoginAt.Should().Be(Now.AddMinutes(5));
        user.UpdatedAt.Should().Be(Now.AddMinutes(5));
    }
}
