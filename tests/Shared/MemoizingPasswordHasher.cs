using System.Collections.Concurrent;
using Invoke.Application.Users;
using Invoke.Infrastructure.Users;

namespace Invoke.Testing;

/// <summary>
/// The server's bcrypt hasher (cost 12, real <c>$2b$</c> hashes), remembering what it already
/// computed: a password hashed once in the test run is not hashed again, and a password checked
/// against a hash once is not checked again. Every answer is the one bcrypt gave; only repeated
/// work (about 250 ms a time) is skipped. A test that needs a slow hash, such as a race that wants
/// a wide window, uses a password no other test uses.
/// </summary>
internal sealed class MemoizingPasswordHasher : IPasswordHasher
{
    public static MemoizingPasswordHasher Instance { get; } = new();

    private readonly BcryptPasswordHasher _bcrypt = new();
    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Password, string Hash), bool> _verified = new();

    public string Hash(string password)
    {
        var hash = _hashes.GetOrAdd(password, _bcrypt.Hash);
        _verified.TryAdd((password, hash), true);
        return hash;
    }

    public bool Verify(string password, string hash) =>
        _verified.GetOrAdd((password, hash), key => _bcrypt.Verify(key.Password, key.Hash));
}
