using System.Text;
using Invoke.Application.Users;

namespace Invoke.Infrastructure.Users;

/// <summary>
/// bcrypt with InvokeAI's parameters: <c>$2b$</c>, cost 12, passwords cut to their first 72 UTF-8
/// bytes (without splitting a character), so hashes move between the two servers.
/// </summary>
internal sealed class BcryptPasswordHasher : IPasswordHasher
{
    public const int WorkFactor = 12;
    private const int MaxPasswordBytes = 72;

    public string Hash(string password) =>
        BCrypt.Net.BCrypt.HashPassword(Truncate(password), BCrypt.Net.BCrypt.GenerateSalt(WorkFactor, 'b'));

    public bool Verify(string password, string hash)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return false;
        }

        try
        {
            return BCrypt.Net.BCrypt.Verify(Truncate(password), hash);
        }
        catch (Exception e) when (e is BCrypt.Net.SaltParseException or ArgumentException or FormatException)
        {
            return false;
        }
    }

    internal static string Truncate(string password)
    {
        if (Encoding.UTF8.GetByteCount(password) <= MaxPasswordBytes)
        {
            return password;
        }

        var bytes = 0;
        var builder = new StringBuilder();
        foreach (var rune in password.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > MaxPasswordBytes)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
