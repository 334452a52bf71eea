using System.Text.Json;
using Invoke.Application.Security;

namespace Invoke.Application.LiveUpdates;

/// <summary>
/// The events a workflow change raises, with InvokeAI's payloads and routing (contract §4.8). In
/// multi-user mode an event goes to the owner's room and the admin room, and to the shared room
/// only while the workflow is shared; a workflow that stops being shared tells the shared room
/// <c>workflow_access_revoked</c> instead. In single-user mode everything goes to the admin room.
/// </summary>
public static class WorkflowLiveEvents
{
    public const string Created = "workflow_created";
    public const string Updated = "workflow_updated";
    public const string Deleted = "workflow_deleted";
    public const string AccessRevoked = "workflow_access_revoked";

    public static IReadOnlyList<LiveEvent> For(WorkflowChange change, ServerMode mode)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(mode);

        var (name, payload) = change.Kind switch
        {
            WorkflowChangeKind.Created => (Created, Payload(change, ("is_public", change.IsPublic))),
            WorkflowChangeKind.Updated => (Updated, Payload(change, ("old_is_public", change.WasPublic), ("new_is_public", change.IsPublic))),
            WorkflowChangeKind.Deleted => (Deleted, Payload(change, ("is_public", change.WasPublic))),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Unknown workflow change."),
        };

        if (!mode.MultiUser)
        {
            return [new LiveEvent(name, payload, [LiveRooms.Admin])];
        }

        var readableByEveryone = change.Kind == WorkflowChangeKind.Deleted ? change.WasPublic : change.IsPublic;
        List<string> rooms = [LiveRooms.User(change.OwnerId), LiveRooms.Admin];
        if (readableByEveryone)
        {
            rooms.Add(LiveRooms.SharedWorkflows);
        }

        List<LiveEvent> events = [new LiveEvent(name, payload, rooms)];
        if (change.Kind == WorkflowChangeKind.Updated && change.WasPublic && !change.IsPublic)
        {
            events.Add(new LiveEvent(AccessRevoked, Payload(change), [LiveRooms.SharedWorkflows]));
        }

        return events;
    }

    private static string Payload(WorkflowChange change, params (string Name, bool Value)[] flags)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("workflow_id", change.WorkflowId);
            json.WriteString("user_id", change.OwnerId);
            foreach (var (flag, value) in flags)
            {
                json.WriteBoolean(flag, value);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
