namespace Invoke.Application.ClientState;

/// <summary>
/// How much UI state one user may keep. InvokeAI's UI writes about twenty keys (one per slice of its
/// store, such as <c>nodes</c> or <c>canvas</c>), each a serialized JSON text of a few kilobytes.
/// </summary>
public static class ClientStateLimits
{
    public const int MaxKeyLength = 255;

    /// <summary>Characters of one value.</summary>
    public const int MaxValueLength = 2 * 1024 * 1024;

    public const int MaxKeysPerUser = 200;

    public static string TooManyKeys => $"Too many client state keys: at most {MaxKeysPerUser} per user";
}
