using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.App.Features.Connectors;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Identity;
using Workbench.Tests.App.Components;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.App.Connectors;

/// <summary>The push key panel on the real connector services of the demo app, as the system administrator.</summary>
public sealed class PushKeyPanelTests : ComponentTestContext, IClassFixture<DemoAppFactory>
{
    private readonly DemoAppFactory _app;

    public PushKeyPanelTests(DemoAppFactory app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<PushConnectorKeys>());
        Services.AddScoped<CurrentCaller>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_key_it_says_so_and_issuing_shows_the_key_once_with_a_curl_line_for_the_push()
    {
        var key = await NewPushConnectorAsync("panel-moi");
        await SignInAsAdminAsync();

        var panel = Render<PushKeyPanel>(parameters => parameters.Add(p => p.ConnectorKey, key));
        panel.WaitForElement("[data-testid=push-key-none]");
        Assert.Contains("Chưa cấp khóa", panel.Find("[data-testid=push-key-none]").TextContent);
        await panel.Find("button[data-testid=push-key-issue]").ClickAsync(new());

        var shown = panel.WaitForElement("[data-testid=push-key-new]").TextContent;
        Assert.StartsWith(ApiKeys.Marker, shown);
        Assert.Contains("chỉ hiển thị một lần", panel.Find("[data-testid=push-key-once]").TextContent);
        var curl = panel.Find("[data-testid=push-key-curl]").TextContent;
        Assert.Contains($"Authorization: Bearer {shown}", curl);
        Assert.Contains($"/api/v1/datasets/{key}/rows?mode=append", curl);
        Assert.Contains(ApiKeys.PrefixOf(shown), panel.Find("[data-testid=push-key-current]").TextContent);
    }

    [Fact]
    public async Task Replacing_a_key_asks_first_and_the_new_key_replaces_the_old()
    {
        var key = await NewPushConnectorAsync("panel-thay");
        var old = (await _app.Services.GetRequiredService<PushConnectorKeys>().IssuePushKeyAsync(await _app.Services.CallerAsync("admin"), key, Ct)).Value!;
        await SignInAsAdminAsync();
        var dialogs = Render<MudDialogProvider>();

        var panel = Render<PushKeyPanel>(parameters => parameters.Add(p => p.ConnectorKey, key));
        panel.WaitForElement("[data-testid=push-key-current]");
        Assert.Contains(ApiKeys.PrefixOf(old), panel.Find("[data-testid=push-key-current]").TextContent);
        Assert.Contains("Chưa dùng lần nào", panel.Find("[data-testid=push-key-current]").TextContent);
        var issuing = panel.Find("button[data-testid=push-key-issue]").ClickAsync(new());
        dialogs.WaitForElement(".mud-message-box");
        Assert.Contains($"Khóa {ApiKeys.PrefixOf(old)}… sẽ ngừng hoạt động ngay", dialogs.Markup);
        await dialogs.FindAll(".mud-message-box button").Single(b => b.TextContent.Contains("Thay khóa")).ClickAsync(new());
        await issuing;

        var shown = panel.WaitForElement("[data-testid=push-key-new]").TextContent;
        Assert.NotEqual(old, shown);
        Assert.Contains(ApiKeys.PrefixOf(shown), panel.Find("[data-testid=push-key-current]").TextContent);
    }

    private async Task SignInAsAdminAsync()
    {
        var admin = await _app.Services.CallerAsync("admin");
        var authorization = AddAuthorization();
        authorization.SetAuthorized(admin.DisplayName);
        authorization.SetRoles(Roles.SystemAdmin);
        authorization.SetClaims(
            new Claim(WorkbenchClaims.AgencyId, admin.AgencyId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.NameIdentifier, admin.UserId!));
    }

    private async Task<string> NewPushConnectorAsync(string key)
    {
        var owner = await _app.Services.CallerAsync("quantri.skhdt");
        Assert.Null((await _app.Services.GetRequiredService<DatasetService>().CreateAsync(owner, new NewDataset(key, "Bảng " + key, owner.AgencyId,
            [new NewColumn("Mã", ColumnType.Text)]), Ct)).Error);
        var created = await _app.Services.GetRequiredService<ConnectorService>().CreateAsync(await _app.Services.CallerAsync("admin"),
            new ConnectorDraft(key, "Kết nối " + key, null, ConnectorKind.Push, owner.AgencyId, key, SyncMode.IncrementalAppend, SyncSchedule.DailyAt(2, 0), "{}",
                new LegalDocument("12/STC-TH", new DateOnly(2026, 10, 1), "Sở Tài chính"),
                new LegalDocument("88/SKHĐT", new DateOnly(2026, 10, 20), "Sở Kế hoạch và Đầu tư")), null, Ct);
        Assert.Null(created.Error);
        return key;
    }
}
