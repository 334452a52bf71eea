namespace Invoke.Application.ClientState;

/// <summary>The UI's key/value state, one set per user (<c>client_state</c>).</summary>
public interface IClientStateStore
{
    Task<string?> GetAsync(string userId, string key, CancellationToken cancellationToken);

    /// <summary>Stores the value; false (and nothing stored) when the key is new and the user already has <paramref name="maxKeys"/> keys.</summary>
    Task<bool> SetAsync(string userId, string key, string value, int maxKeys, CancellationToken cancellationToken);

    Task DeleteAllAsync(string userId, CancellationToken cancellationToken);
}
