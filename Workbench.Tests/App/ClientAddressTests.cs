using System.Net;
using Workbench.App.Features.Account;

namespace Workbench.Tests.App;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("113.161.2.3", "113.161.2.3")]
    [InlineData("2001:db8::7", "2001:db8::7")]
    [InlineData("::1", "::1")]
    public void An_address_is_written_as_the_client_would_recognise_it(string remote, string recorded)
    {
        Assert.Equal(recorded, ClientAddress.Of(IPAddress.Parse(remote)));
    }

    [Fact]
    public void An_unknown_address_is_null()
    {
        Assert.Null(ClientAddress.Of((IPAddress?)null));
    }
}
