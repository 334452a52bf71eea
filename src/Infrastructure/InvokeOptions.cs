namespace Invoke.Infrastructure;

/// <summary>The <c>Invoke</c> configuration section.</summary>
public sealed class InvokeOptions
{
    public const string SectionName = "Invoke";

    /// <summary>Directory holding the SQLite database, thumbnails and models. Resolved at start when empty.</summary>
    public string? Root { get; set; }

    /// <summary>Where model files live; relative values are resolved against the root. Default <c>&lt;root&gt;/models</c>.</summary>
    public string? ModelsDirectory { get; set; }

    public bool MultiUser { get; set; }

    public bool StrictPasswordChecking { get; set; }

    public DatabaseOptions Database { get; set; } = new();

    public LoginThrottlingOptions LoginThrottling { get; set; } = new();
}

/// <summary>
/// Password guesses allowed within <see cref="Window"/>; after that, further attempts get 429 until
/// the block has passed (one window after the attempt that reached the limit). Documented in
/// <c>docs/security.md</c>.
/// </summary>
public sealed class LoginThrottlingOptions
{
    /// <summary>Per account from one client address (IPv6 counted by /64): what blocks a guesser.</summary>
    public int MaxFailuresPerClient { get; set; } = 5;

    /// <summary>Per account across every address: far higher, so that others cannot lock the owner out cheaply.</summary>
    public int MaxFailuresPerAccount { get; set; } = 100;

    /// <summary>Per client address across every account: against one address trying many accounts.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for SQL Server and PostgreSQL; for SQLite it defaults to a file under the root.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the server starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// How long opening a connection may take (SQLite: how long a write waits for another
    /// connection's lock). A database that does not answer in time is reported as unavailable (503).
    /// </summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>How long one statement may run before it is cancelled and the request answered 503.</summary>
    public int CommandTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// How often an operation that failed for a transient reason (connection refused, server
    /// restarting, deadlock, SQLite busy) is retried before the request is answered 503.
    /// </summary>
    public int MaxRetryCount { get; set; } = 3;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}
