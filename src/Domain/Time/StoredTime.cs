namespace Invoke.Domain.Time;

/// <summary>
/// Times as aggregates store them: UTC, cut to a precision every database keeps exactly, so that a
/// value read back equals the value written.
/// </summary>
public static class StoredTime
{
    /// <summary>Workflow and model times: the millisecond precision of InvokeAI's wire format.</summary>
    public static DateTime ToMilliseconds(DateTime time) => Truncate(time, TimeSpan.TicksPerMillisecond);

    /// <summary>Account times: the microsecond precision of PostgreSQL timestamps.</summary>
    public static DateTime ToMicroseconds(DateTime time) => Truncate(time, TimeSpan.TicksPerMicrosecond);

    private static DateTime Truncate(DateTime time, long ticks)
    {
        var utc = time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % ticks), DateTimeKind.Utc);
    }
}
