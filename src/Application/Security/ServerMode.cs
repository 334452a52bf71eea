namespace Invoke.Application.Security;

/// <summary>How the server was started: one implicit administrator, or real user accounts.</summary>
public sealed record ServerMode(bool MultiUser, bool StrictPasswordChecking)
{
    public static ServerMode SingleUser { get; } = new(MultiUser: false, StrictPasswordChecking: false);
}
