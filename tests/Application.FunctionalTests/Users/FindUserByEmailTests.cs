using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class FindUserByEmailTests(TestDatabase database) : FunctionalTest(database)
{
    [Theory]
    [InlineData("Jane.Doe@example.com")]
    [InlineData("jane.doe@EXAMPLE.com")]
    [InlineData("JANE.DOE@example.com")]
    public async Task Find_InAnyCase_ReturnsTheAccountAsEntered(string email)
    {
        var user = await CreateUserAsync("Jane.Doe@Example.com");
        RunAsAdministrator();

        var found = await SendAsync(new FindUserByEmailQuery(email));

        found.UserId.Should().Be(user.UserId);
        found.Email.Should().Be("Jane.Doe@example.com");
    }

    [Fact]
    public async Task Find_TheSystemAddress_ReturnsTheSystemAccount()
    {
        RunAsAdministrator();

        (await SendAsync(new FindUserByEmailQuery("system@system.invokeai"))).UserId.Should().Be("system");
    }

    [Theory]
    [InlineData("nobody@example.com")]
    [InlineData("x'or'1'='1@example.com")]
    [InlineData("admin'--@example.com")]
    [InlineData("%@example.com")]
    [InlineData("_ser@example.com")]
    public async Task Find_AnUnknownOrInjectedAddress_IsNotFound(string email)
    {
        await CreateUserAsync("user@example.com");
        RunAsAdministrator();

        var act = () => SendAsync(new FindUserByEmailQuery(email));

        (await act.ShouldFailWithAsync<NotFoundException>()).Should().Be("User not found");
    }

    [Fact]
    public async Task Find_AMalformedAddress_FailsValidation()
    {
        RunAsAdministrator();

        var act = () => SendAsync(new FindUserByEmailQuery("not-an-address"));

        (await act.ShouldFailWithSingleValidationErrorAsync()).Msg.Should().Be("Email address must contain an @ symbol");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FindUserByEmailTestsOnSqlite(SqliteTestDatabase database) : FindUserByEmailTests(database);

[Collection(PostgresCollection.Name)]
public sealed class FindUserByEmailTestsOnPostgres(PostgresTestDatabase database) : FindUserByEmailTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class FindUserByEmailTestsOnSqlServer(SqlServerTestDatabase database) : FindUserByEmailTests(database);
