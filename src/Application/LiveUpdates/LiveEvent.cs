namespace Invoke.Application.LiveUpdates;

/// <summary>
/// One Socket.IO event to deliver: its name, its JSON payload (an object) and the rooms whose
/// sockets receive it. A socket in several of the rooms receives it once.
/// </summary>
public sealed record LiveEvent(string Name, string PayloadJson, IReadOnlyList<string> Rooms);
