namespace Invoke.Application.LiveUpdates;

/// <summary>
/// Hands a committed event to the sockets connected to this node. Events reach it from the
/// database outbox, so every node sharing the database dispatches every event once.
/// </summary>
public interface ILiveEventDispatcher
{
    void Dispatch(LiveEvent liveEvent);
}
