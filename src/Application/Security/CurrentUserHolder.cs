namespace Invoke.Application.Security;

/// <summary>
/// The scoped holder of the caller's identity. The web layer fills it once per request after
/// verifying the token; the command line and start-up tasks fill it with the local operator.
/// </summary>
public sealed class CurrentUserHolder : ICurrentUser
{
    public AuthenticatedUser? User { get; set; }
}
