using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Users;
using Invoke.Domain.Users;

namespace Invoke.Application.FunctionalTests.Users;

public abstract class GeneratePasswordTests(TestDatabase database) : FunctionalTest(database)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    [Fact]
    public async Task Generate_AsARegularUser_GivesSixteenCharactersThatMeetTheStrictPolicy()
    {
        RunAsUser("user-1");

        var passwords = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            passwords.Add((await SendAsync(new GeneratePasswordQuery())).Password);
        }

        passwords.Should().OnlyContain(p => p.Length == 16 && p.All(c => Alphabet.Contains(c)));
        passwords.Should().OnlyContain(p => PasswordPolicy.Check(p, true) == null);
        passwords.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Generate_WhenAnonymous_IsUnauthenticated()
    {
        RunAsAnonymous();

        var act = () => SendAsync(new GeneratePasswordQuery());

        await act.ShouldFailWithAsync<UnauthenticatedException>();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GeneratePasswordTestsOnSqlite(SqliteTestDatabase database) : GeneratePasswordTests(database);

[Collection(PostgresCollection.Name)]
public sealed class GeneratePasswordTestsOnPostgres(PostgresTestDatabase database) : GeneratePasswordTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class GeneratePasswordTestsOnSqlServer(SqlServerTestDatabase database) : GeneratePasswordTests(database);
