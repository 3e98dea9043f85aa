using System.Net;

namespace Workbench.App.Features.Account;

/// <summary>The address a request came from, as the audit log records it.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The remote IP address; an IPv4 client reached over a dual-stack socket (<c>::ffff:10.0.0.5</c>) is written as
    /// plain IPv4 so one client reads the same in every entry. Null when the server does not know it.
    /// </summary>
    public static string? Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string? Of(IPAddress? address) => address is null ? null
        : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
