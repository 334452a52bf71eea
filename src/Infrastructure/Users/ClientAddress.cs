using System.Net;
using System.Net.Sockets;

namespace Invoke.Infrastructure.Users;

/// <summary>
/// One spelling per client for throttling: IPv4-mapped IPv6 addresses are their IPv4 address, and
/// an IPv6 address counts as its /64 (what one subscriber usually holds whole).
/// </summary>
internal static class ClientAddress
{
    private const int MaxUnparsedLength = 100;

    public static string? Normalize(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var text = address.Trim();
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            text = text[1..^1];
        }

        if (!IPAddress.TryParse(text, out var parsed))
        {
            return text.Length > MaxUnparsedLength ? text[..MaxUnparsedLength] : text.ToLowerInvariant();
        }

        if (parsed.IsIPv4MappedToIPv6)
        {
            parsed = parsed.MapToIPv4();
        }

        if (parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return parsed.ToString();
        }

        var bytes = parsed.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
