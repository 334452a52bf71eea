using Invoke.Application.Security;

namespace Invoke.Application.LiveUpdates;

/// <summary>
/// The Socket.IO rooms of contract §4.8. Every authenticated socket is in its user's room and the
/// shared-workflows room; administrators are also in the admin room.
/// </summary>
public static class LiveRooms
{
    public const string Admin = "admin";

    public const string SharedWorkflows = "workflows:shared";

    public static string User(string userId) => "user:" + userId;

    /// <summary>The rooms a socket of <paramref name="user"/> joins when it connects.</summary>
    public static IReadOnlyList<string> For(AuthenticatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsAdmin
            ? [User(user.UserId), SharedWorkflows, Admin]
            : [User(user.UserId), SharedWorkflows];
    }
}
