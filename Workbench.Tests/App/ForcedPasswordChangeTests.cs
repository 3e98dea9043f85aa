using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Infrastructure.Administration;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.App;

/// <summary>
/// A user an administrator created signs in with the temporary password and, over plain HTTP, reaches nothing but
/// the change-password page until they set their own; API keys are unaffected meanwhile.
/// </summary>
public sealed partial class ForcedPasswordChangeTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private const string NewPassword = "Rieng@Cua-Toi-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_with_an_admin_set_password_is_sent_to_change_it_before_anything_else()
    {
        var issued = await CreateAsync("moi.vao.lam");
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signIn = await PostFormAsync(browser, "account/login", "login",
            new() { ["Input.UserName"] = "moi.vao.lam", ["Input.Password"] = issued.TemporaryPassword });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/account/change-password?returnUrl=", Target(signIn));
        foreach (var page in new[] { "/", "/catalog", "/scenarios/new", "/datasets/dan-so-theo-huyen/download.csv", "/account/denied" })
        {
            var response = await browser.GetAsync(page, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page}: {response.StatusCode}");
            Assert.Equal("/account/change-password", Target(response));
        }
        // A page the role may not open is refused first; the refusal page then leads to the change too.
        var refused = await browser.GetAsync("/admin/users", Ct);
        Assert.StartsWith("/account/denied", Target(refused));
        Assert.Equal("/account/change-password", Target(await browser.GetAsync(Target(refused), Ct)));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync("_blazor/negotiate?negotiateVersion=1", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("account/change-password", Ct)).StatusCode);

        var changed = await PostFormAsync(browser, "account/change-password", "change-password", new()
        {
            ["Input.CurrentPassword"] = issued.TemporaryPassword,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/?password-changed=1", Target(changed));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/catalog", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_or_a_mismatched_confirmation_keeps_the_user_on_the_page()
    {
        var issued = await CreateAsync("nham.mat.khau");
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PostFormAsync(browser, "account/login", "login", new() { ["Input.UserName"] = "nham.mat.khau", ["Input.Password"] = issued.TemporaryPassword });

        var wrong = await PostFormAsync(browser, "account/change-password", "change-password", new()
        {
            ["Input.CurrentPassword"] = "Khong@Dung-123",
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        var mismatched = await PostFormAsync(browser, "account/change-password", "change-password", new()
        {
            ["Input.CurrentPassword"] = issued.TemporaryPassword,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword + "x",
        });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Mật khẩu không đúng", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.OK, mismatched.StatusCode);
        Assert.Contains("không khớp", WebUtility.HtmlDecode(await mismatched.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_keys_are_unaffected_by_a_pending_password_change()
    {
        var issued = await CreateAsync("co.khoa.api");
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PostFormAsync(browser, "account/login", "login", new() { ["Input.UserName"] = "co.khoa.api", ["Input.Password"] = issued.TemporaryPassword });
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/datasets");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WorkbenchAppFactory.BootstrapKey);

        var response = await browser.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<IssuedPassword> CreateAsync(string userName)
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var created = await app.Services.GetRequiredService<UserAdministrationService>()
            .CreateAsync(admin, new NewUser(userName, "Người mới " + userName, null, admin.AgencyId, Roles.Analyst), Ct);
        return created.Value!;
    }

    /// <summary>Where a redirect leads, as a local path and query.</summary>
    private static string Target(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost/"), response.Headers.Location!).PathAndQuery;

    /// <summary>Posts a static page's form as a browser would: its antiforgery token from a GET, then the fields.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path, Ct);
        var input = AntiforgeryInput().Match(page).Value;
        var token = ValueAttribute().Match(input).Groups[1].Value;
        fields["_handler"] = formName;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
