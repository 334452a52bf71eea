using System.Net;
using System.Net.Sockets;

namespace Invoke.WebApi.IntegrationTests.Testing;

/// <summary>Ports for the servers a test starts itself, never a fixed one.</summary>
internal static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on at the moment of asking.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
