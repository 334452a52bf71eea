using System.Security.Cryptography;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Users;

/// <summary>A random 16-character password with upper case, lower case and a digit, for new accounts.</summary>
[RequireUser]
public sealed record GeneratePasswordQuery : IQuery<GeneratePasswordResponse>;

public sealed record GeneratePasswordResponse(string Password);

internal sealed class GeneratePasswordHandler : IQueryHandler<GeneratePasswordQuery, GeneratePasswordResponse>
{
    public const int Length = 16;

    private const string Alphabet =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    public ValueTask<GeneratePasswordResponse> Handle(GeneratePasswordQuery query, CancellationToken cancellationToken)
    {
        string password;
        do
        {
            password = RandomNumberGenerator.GetString(Alphabet, Length);
        }
        while (!password.Any(char.IsAsciiLetterUpper) || !password.Any(char.IsAsciiLetterLower) || !password.Any(char.IsAsciiDigit));

        return ValueTask.FromResult(new GeneratePasswordResponse(password));
    }
}
