using System.Globalization;

namespace Invoke.WebApi.LiveUpdates;

/// <summary>Engine.IO v4 packet types (the first character of every packet).</summary>
internal static class EnginePacket
{
    public const char Open = '0';
    public const char Close = '1';
    public const char Ping = '2';
    public const char Pong = '3';
    public const char Message = '4';
    public const char Upgrade = '5';
    public const char Noop = '6';

    /// <summary>Separates packets in one long-polling body.</summary>
    public const char RecordSeparator = '\u001e';
}

internal enum SocketPacketType
{
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6,
}

/// <summary>
/// A Socket.IO v5 packet as a client sends it inside an Engine.IO message:
/// <c>&lt;type&gt;[&lt;namespace&gt;,][&lt;ack id&gt;][&lt;JSON&gt;]</c>.
/// </summary>
internal sealed record SocketPacket(SocketPacketType Type, string Namespace, long? AckId, string Data)
{
    public const string DefaultNamespace = "/";

    /// <summary>Null for anything that is not a well-formed packet.</summary>
    public static SocketPacket? Parse(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] < '0' || text[0] > '6')
        {
            return null;
        }

        var type = (SocketPacketType)(text[0] - '0');
        var rest = text[1..];
        var nsp = DefaultNamespace;
        if (type is SocketPacketType.BinaryEvent or SocketPacketType.BinaryAck)
        {
            // Binary attachments ("<n>-") are not supported: nothing the UI sends uses them.
            return new SocketPacket(type, nsp, null, string.Empty);
        }

        if (!rest.IsEmpty && rest[0] == '/')
        {
            var comma = rest.IndexOf(',');
            nsp = (comma < 0 ? rest : rest[..comma]).ToString();
            rest = comma < 0 ? [] : rest[(comma + 1)..];
        }

        long? ackId = null;
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }

        if (digits > 0)
        {
            if (digits > 15)
            {
                return null;
            }

            ackId = long.Parse(rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
            rest = rest[digits..];
        }

        return new SocketPacket(type, nsp, ackId, rest.ToString());
    }
}
