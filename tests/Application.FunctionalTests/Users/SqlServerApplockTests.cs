using Invoke.Application.Errors;
using Invoke.Infrastructure.Users;

namespace Invoke.Application.FunctionalTests.Users;

/// <summary>
/// SQL Server's <c>sp_getapplock</c> reports a lock it could not take with a negative return code
/// rather than an error. What the user-administration lock does with each code needs no server; the
/// race tests on SQL Server (when one is configured) take the real lock.
/// </summary>
public sealed class SqlServerApplockTests
{
    [Fact]
    public void TheLockStatement_HandsBackTheReturnCode()
    {
        UserAdministrationLock.SqlServerApplock.Should().StartWith("EXEC @result = sp_getapplock ");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void AGrantedLock_GoesOn(int code)
    {
        var act = () => UserAdministrationLock.CheckSqlServerApplockResult(code);

        act.Should().NotThrow();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-3)]
    public void ATimeoutOrADeadlock_Is409ToTryAgain_AndNeverGoesOnWithoutTheLock(int code)
    {
        var act = () => UserAdministrationLock.CheckSqlServerApplockResult(code);

        act.Should().ThrowExactly<ConflictException>().Which.Detail.Should().Be("Another change to the user accounts is in progress; try again");
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(-999)]
    [InlineData(null)]
    public void ACancelledOrBadCall_FailsTheChange(int? code)
    {
        var act = () => UserAdministrationLock.CheckSqlServerApplockResult(code);

        act.Should().ThrowExactly<ServerFailureException>().Which.Detail.Should().Be("The user accounts could not be locked for this change");
    }
}
