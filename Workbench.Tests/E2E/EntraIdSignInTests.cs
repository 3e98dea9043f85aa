using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Audit;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>The app with Authentication:Provider = EntraId, against a loopback OpenID Connect provider shaped like Entra ID.</summary>
public sealed class EntraIdAppFactory(FakeEntraId idp) : WorkbenchAppFactory(demo: true, kestrel: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Authentication:Provider", "EntraId");
        builder.UseSetting("Authentication:EntraId:Instance", idp.Instance.ToString());
        builder.UseSetting("Authentication:EntraId:TenantId", FakeEntraId.TenantId);
        builder.UseSetting("Authentication:EntraId:ClientId", FakeEntraId.ClientId);
        builder.UseSetting("Authentication:EntraId:ClientSecret", FakeEntraId.ClientSecret);
        // The loopback provider speaks plain HTTP; a real tenant's metadata is always HTTPS, which the app insists on.
        // Microsoft's Entra issuer validator fetches the metadata again over HTTPS only, so here the issuer is checked
        // against the provider's one issuer instead (signature, audience, lifetime and nonce as in production).
        builder.ConfigureTestServices(services => services.Configure<OpenIdConnectOptions>(
            OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                options.RequireHttpsMetadata = false;
                options.TokenValidationParameters.IssuerValidator = null;
                options.TokenValidationParameters.ValidIssuer = idp.Issuer;
            }));
    }
}

/// <summary>
/// Signing in with Microsoft Entra ID: the identity maps to the local user by email at first and by object id after,
/// an identity without a local user is told to ask the agency administrator, and a disabled user is refused.
/// </summary>
public sealed class EntraIdSignInTests : IAsyncLifetime
{
    private FakeEntraId _idp = default!;
    private EntraIdAppFactory _app = default!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _idp = await FakeEntraId.StartAsync();
        _app = new EntraIdAppFactory(_idp);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _idp.DisposeAsync();
    }

    [Fact]
    public async Task A_Microsoft_identity_signs_in_as_the_local_user_with_its_email_and_stays_linked_by_object_id()
    {
        // An administrator-set password would force a change with local sign-in; with Entra ID it is never used.
        await SetEmailAsync("chuyenvien.stc", "chuyenvien.stc@quangngai.gov.vn", mustChangePassword: true);
        _idp.SignedIn = new EntraIdPerson("oid-stc-0001", "ChuyenVien.STC@quangngai.gov.vn", "Nguyễn Văn A");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(_app.ServerAddress);

        await page.GotoAsync("catalog");
        await Assertions.Expect(page.GetByTestId("login-entra-id")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#password")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(page, "entra-id-login");
        await page.GetByTestId("login-entra-id").ClickAsync();

        await page.WaitForURLAsync("**/catalog");
        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("Chuyên viên Sở Tài chính");
        Assert.EndsWith("/catalog", page.Url);
        await Assertions.Expect(page.GetByTestId("change-password-link")).ToHaveCountAsync(0);
        var entries = await AuditAsync(AuditActions.SignIn);
        Assert.Contains(entries, e => e.Target == "chuyenvien.stc" && e.Details!.Contains("EntraId"));

        // The email at the provider changes; the object id linked at the first sign-in still finds the user.
        await page.Context.ClearCookiesAsync();
        _idp.SignedIn = _idp.SignedIn with { Email = "a.nguyen@quangngai.gov.vn" };
        await page.GotoAsync("account/login");
        await page.GetByTestId("login-entra-id").ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("Chuyên viên Sở Tài chính");
    }

    [Fact]
    public async Task An_identity_without_a_local_user_is_told_to_ask_the_agency_administrator()
    {
        _idp.SignedIn = new EntraIdPerson("oid-unknown-0002", "nguoimoi@quangngai.gov.vn", "Người mới");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(_app.ServerAddress);

        await page.GotoAsync("account/login");
        await page.GetByTestId("login-entra-id").ClickAsync();

        await page.WaitForURLAsync("**/account/unmapped**");
        await Assertions.Expect(page.GetByTestId("unmapped-text")).ToContainTextAsync("nguoimoi@quangngai.gov.vn");
        await Assertions.Expect(page.GetByText("quản trị cơ quan", new() { Exact = false })).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "entra-id-unmapped");
        await page.GotoAsync("catalog");
        await page.WaitForURLAsync("**/account/login**");
        Assert.Contains(await AuditAsync(AuditActions.SignInFailed), e => e.Target == "nguoimoi@quangngai.gov.vn" && e.Details!.Contains("unmapped"));
    }

    [Fact]
    public async Task A_disabled_user_signing_in_with_Microsoft_is_refused_and_told_why()
    {
        await SetEmailAsync("chuyenvien.skhdt", "chuyenvien.skhdt@quangngai.gov.vn", disable: true);
        _idp.SignedIn = new EntraIdPerson("oid-skhdt-0003", "chuyenvien.skhdt@quangngai.gov.vn", "Trần Thị B");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(_app.ServerAddress);

        await page.GotoAsync("account/login");
        await page.GetByTestId("login-entra-id").ClickAsync();

        await Assertions.Expect(page.GetByTestId("unmapped-title")).ToHaveTextAsync("Tài khoản đã bị khóa");
        await page.GotoAsync("catalog");
        await page.WaitForURLAsync("**/account/login**");
    }

    private async Task SetEmailAsync(string userName, string email, bool disable = false, bool mustChangePassword = false)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        user.Email = email;
        user.IsDisabled = disable;
        user.MustChangePassword = mustChangePassword;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    private async Task<List<Workbench.Core.Audit.AuditEntry>> AuditAsync(string action)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Cancel);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToListAsync(Cancel);
    }
}
