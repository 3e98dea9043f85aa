using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Workbench.Tests.Fixtures;

/// <summary>
/// The whole app on its embedded stores (SQLite metadata, DuckDB warehouse) in a temp folder.
/// <see cref="Demo"/> seeds the demo accounts and sample datasets; <see cref="Kestrel"/> serves on a real port for the browser.
/// </summary>
public class WorkbenchAppFactory : WebApplicationFactory<Program>
{
    public const string BootstrapKey = "wbk_test-bootstrap-key-0123456789abcdef";

    private readonly TempDirectory _folder = new();

    public WorkbenchAppFactory()
        : this(demo: false, kestrel: false)
    {
    }

    protected WorkbenchAppFactory(bool demo, bool kestrel, bool demoDashboards = false)
    {
        Demo = demo;
        DemoDashboards = demoDashboards;
        Kestrel = kestrel;
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public bool Demo { get; }

    /// <summary>
    /// Whether the demo data includes the leader's dashboard with its grants; off unless asked for, since many tests
    /// start from a leader with no grants and no dashboards.
    /// </summary>
    public bool DemoDashboards { get; }

    public bool Kestrel { get; }

    public string DataFolder => _folder.Path;

    /// <summary>Whether the app runs a Hangfire server; off except in the job tests, so hosts start and stop quickly.</summary>
    protected virtual bool JobsEnabled => false;

    /// <summary>The root URL of the real server (Kestrel only).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        }
    }

    public HttpClient CreateApiClient(string? key = BootstrapKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Demo ? "Development" : "Production");
        // Note: outside Development, static files come from a publish folder; the build output's manifest serves them here.
        builder.UseStaticWebAssets();
        builder.UseSetting("Metadata:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Metadata", $"Data Source={_folder.File("workbench.db")}");
        builder.UseSetting("Warehouse:Provider", "DuckDb");
        builder.UseSetting("ConnectionStrings:Warehouse", $"Data Source={_folder.File("warehouse.duckdb")}");
        builder.UseSetting("Bootstrap:ApiKey", BootstrapKey);
        builder.UseSetting("Demo:Enabled", Demo ? "true" : "false");
        builder.UseSetting("Demo:Dashboards", DemoDashboards ? "true" : "false");
        builder.UseSetting("Imports:TempFolder", _folder.Path);
        builder.UseSetting("Jobs:Enabled", JobsEnabled ? "true" : "false");
        builder.UseSetting("Jobs:PollInterval", "00:00:00.100");
        if (Kestrel)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }
}

/// <summary>The app with demo accounts and sample datasets (without the demo dashboard: <see cref="DemoDashboardAppFactory"/>).</summary>
public sealed class DemoAppFactory() : WorkbenchAppFactory(demo: true, kestrel: false);

/// <summary>The demo app with the leader's demo dashboard, its scenarios and grants, as <c>dotnet run</c> starts it.</summary>
public sealed class DemoDashboardAppFactory() : WorkbenchAppFactory(demo: true, kestrel: false, demoDashboards: true);

/// <summary>The demo app on a real port, for Playwright.</summary>
public sealed class BrowserAppFactory() : WorkbenchAppFactory(demo: true, kestrel: true);

/// <summary>A fresh Production install on a real port: no users yet, so the first visit leads to the setup page.</summary>
public sealed class FirstRunAppFactory() : WorkbenchAppFactory(demo: false, kestrel: true);
