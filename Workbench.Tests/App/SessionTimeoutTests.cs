using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.App;

/// <summary>Authentication:SessionTimeoutMinutes sets how long an idle session lasts.</summary>
public sealed class SessionTimeoutTests
{
    [Fact]
    public void An_idle_session_lasts_eight_hours_unless_configured()
    {
        using var app = new WorkbenchAppFactory();

        Assert.Equal(TimeSpan.FromHours(8), CookieOf(app.Services).ExpireTimeSpan);
        Assert.True(CookieOf(app.Services).SlidingExpiration);
    }

    [Fact]
    public void The_configured_minutes_set_the_idle_session_length()
    {
        using var app = new WorkbenchAppFactory();
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("Authentication:SessionTimeoutMinutes", "30"));

        Assert.Equal(TimeSpan.FromMinutes(30), CookieOf(configured.Services).ExpireTimeSpan);
    }

    [Fact]
    public void A_session_length_out_of_range_stops_the_app_with_the_valid_range()
    {
        using var app = new WorkbenchAppFactory();
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("Authentication:SessionTimeoutMinutes", "0"));

        var error = Assert.ThrowsAny<Exception>(() => configured.Services);

        Assert.Contains("1 to 10080", error.ToString());
    }

    private static CookieAuthenticationOptions CookieOf(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
}
