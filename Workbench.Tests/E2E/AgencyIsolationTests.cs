using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>
/// One sweep of the isolation promise: Sở Tài chính (B) holds no grant from Sở Kế hoạch và Đầu tư (A), so none of A's
/// rows, scenarios or audit entries reach B — through every API route and format, joins, unions and scenario sources,
/// the services behind the pages, and the pages themselves. The catalog lists A's datasets (name, owner, columns) by
/// design, so B can find them and ask for access; that is all B learns.
/// </summary>
public sealed class AgencyIsolationTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    private const string AScenarioName = "Dân số nội bộ Sở KHĐT";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agency_B_reads_none_of_agency_As_rows_scenarios_or_audit_entries_through_the_api_and_the_services()
    {
        var (aDatasets, aScenario) = await AgencyAsThingsAsync();
        var bAnalyst = await app.Services.CallerAsync("chuyenvien.stc");
        var bAdmin = await app.Services.CallerAsync("quantri.stc");
        using var api = app.CreateApiClient((await app.CreateAgencyKeyAsync(AgencySeed.Finance, Roles.AgencyAdmin)).Key);
        api.BaseAddress = app.ServerAddress; // this fixture serves on a real port
        var queries = app.Services.GetRequiredService<QueryService>();

        foreach (var key in aDatasets)
        {
            var own = """{ "dataset": "thu-ngan-sach" }""";
            string[] pipelines =
            [
                $$"""{ "source": { "dataset": "{{key}}" }, "steps": [] }""",
                $$"""{ "source": {{own}}, "steps": [ { "type": "join", "dataset": "{{key}}", "kind": "left", "on": [ { "left": "Huyện", "right": "Huyện" } ], "prefix": "a " } ] }""",
                $$"""{ "source": {{own}}, "steps": [ { "type": "union", "dataset": "{{key}}" } ] }""",
            ];
            foreach (var pipeline in pipelines)
            {
                foreach (var (format, accept) in new[] { ("", "application/json"), ("", "text/csv"), ("?format=xlsx", "*/*") })
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/query" + format)
                    {
                        Content = new StringContent(pipeline, Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
                    using var response = await api.SendAsync(request, Ct);
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{key} {accept}{format}: {response.StatusCode} for {pipeline}");
                    Assert.Contains("cấp quyền", (await response.ReadProblemAsync()).Detail);
                }
                using var sql = await api.PostAsync("/api/v1/query/sql", new StringContent(pipeline, Encoding.UTF8, "application/json"), Ct);
                Assert.Equal(HttpStatusCode.Forbidden, sql.StatusCode);
            }
            using var rows = await api.GetAsync($"/api/v1/datasets/{key}/rows", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, rows.StatusCode);
            var preview = await queries.PreviewAsync(bAnalyst, Run(key), 100, Ct);
            Assert.Equal(ErrorKind.Forbidden, preview.Error?.Kind);
        }

        // A's private scenario: not listed anywhere for B, not runnable, not usable as a source.
        var scenarios = app.Services.GetRequiredService<ScenarioService>();
        Assert.DoesNotContain(await scenarios.ListMineAsync(bAnalyst, Ct), s => s.Key == aScenario);
        Assert.DoesNotContain(await scenarios.ListSharedWithMeAsync(bAnalyst, Ct), s => s.Scenario.Key == aScenario);
        Assert.DoesNotContain(await scenarios.ListUsableAsSourceAsync(bAnalyst, null, Ct), s => s.Key == aScenario);
        var refused = (await scenarios.GetAsync(bAnalyst, aScenario, Ct)).Error;
        Assert.NotNull(refused);
        Assert.DoesNotContain(AScenarioName, refused.Message);
        using var result = await api.GetAsync($"/api/v1/scenarios/{aScenario}/result", Ct);
        Assert.Contains(result.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.DoesNotContain("Huyện Lý Sơn", await result.Content.ReadAsStringAsync(Ct));
        using var asSource = await api.PostAsync("/api/v1/query",
            new StringContent($$"""{ "source": { "scenario": "{{aScenario}}" }, "steps": [] }""", Encoding.UTF8, "application/json"), Ct);
        Assert.Contains(asSource.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        Assert.DoesNotContain("Huyện Lý Sơn", await asSource.Content.ReadAsStringAsync(Ct));

        // B's administrator reads B's log only, whatever the filter asks for.
        var audit = app.Services.GetRequiredService<AuditQuery>();
        var all = (await audit.ReadPageAsync(bAdmin, new AuditFilter(), 0, 1000, Ct)).Value!;
        Assert.NotEmpty(all.Rows);
        Assert.All(all.Rows, row => Assert.Equal(bAdmin.AgencyId, row.AgencyId));
        var asked = await audit.ReadPageAsync(bAdmin, new AuditFilter(AgencyId: await app.AgencyIdAsync(AgencySeed.PlanningAndInvestment)), 0, 1000, Ct);
        Assert.True(asked.Error is not null || asked.Value!.Rows.Count == 0);
        Assert.Equal(0, (await audit.ReadPageAsync(bAdmin, new AuditFilter(User: "chuyenvien.skhdt"), 0, 1000, Ct)).Value!.Total);
    }

    [Fact]
    public async Task Agency_B_sees_none_of_agency_As_rows_scenarios_or_audit_entries_in_the_browser()
    {
        var (_, aScenario) = await AgencyAsThingsAsync();
        await using var browser = await BrowserSession.StartAsync();
        var analyst = await browser.NewPageAsync(app.ServerAddress);
        var admin = await browser.NewPageAsync(app.ServerAddress);
        await analyst.SignInAsync("chuyenvien.stc");
        await admin.SignInAsync("quantri.stc");

        // The dataset is in the catalog, its rows are not.
        await analyst.GoAsync("datasets/dan-so-theo-huyen");
        await analyst.GetByRole(AriaRole.Tab, new() { Name = "Dữ liệu" }).ClickAsync();
        await Assertions.Expect(analyst.GetByText("Bạn chưa được cấp quyền", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(analyst.GetByText("Huyện Lý Sơn")).ToHaveCountAsync(0);
        var download = await analyst.APIRequest.GetAsync("datasets/dan-so-theo-huyen/download.csv");
        Assert.Equal(403, download.Status);

        // A designer opened on it previews nothing.
        await analyst.GotoAsync("scenarios/new?dataset=dan-so-theo-huyen");
        await analyst.WaitUntilInteractiveAsync();
        await Assertions.Expect(analyst.GetByText("Huyện Lý Sơn")).ToHaveCountAsync(0);

        // A's scenario: not in B's lists, and its address shows no result.
        await analyst.GoAsync("scenarios");
        await Assertions.Expect(analyst.GetByText(AScenarioName)).ToHaveCountAsync(0);
        await analyst.GoAsync("scenarios/shared");
        await Assertions.Expect(analyst.GetByText(AScenarioName)).ToHaveCountAsync(0);
        await analyst.GoAsync($"scenarios/{aScenario}");
        await Assertions.Expect(analyst.GetByText("chưa được chia sẻ với bạn", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(analyst.GetByTestId("run-summary")).ToHaveCountAsync(0);
        await Assertions.Expect(analyst.GetByText(AScenarioName, new() { Exact = false })).ToHaveCountAsync(0);
        await Assertions.Expect(analyst.GetByText("Huyện Lý Sơn")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(analyst, "isolation-foreign-scenario");
        var scenarioDownload = await analyst.APIRequest.GetAsync($"scenarios/{aScenario}/download.csv");
        Assert.Contains(scenarioDownload.Status, new[] { 403, 404 });

        // B's administrator's log shows B's entries only.
        await admin.GoAsync("admin/audit");
        await Assertions.Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("Sở Tài chính");
        await Assertions.Expect(admin.GetByTestId("audit-table")).Not.ToContainTextAsync("Sở Kế hoạch và Đầu tư");
        await Assertions.Expect(admin.GetByTestId("audit-table")).Not.ToContainTextAsync("chuyenvien.skhdt");
        await BrowserSession.ScreenshotAsync(admin, "isolation-audit");
    }

    /// <summary>Agency A's datasets, and a private scenario of A's analyst that has run (so A's log has queries too).</summary>
    private async Task<(IReadOnlyList<string> Datasets, string Scenario)> AgencyAsThingsAsync()
    {
        var aId = await app.AgencyIdAsync(AgencySeed.PlanningAndInvestment);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var datasets = await db.Datasets.Where(d => d.OwnerAgencyId == aId).Select(d => d.Key).OrderBy(k => k).ToListAsync(Ct);
        Assert.NotEmpty(datasets);
        var aAnalyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var scenarios = app.Services.GetRequiredService<ScenarioService>();
        var existing = (await scenarios.ListMineAsync(aAnalyst, Ct)).FirstOrDefault(s => s.Name == AScenarioName);
        var key = existing?.Key ?? (await scenarios.CreateAsync(aAnalyst, AScenarioName, null, "dan-so-theo-huyen", Ct)).Value!.Key;
        Assert.Null((await app.Services.GetRequiredService<QueryService>().PreviewAsync(aAnalyst, Run("dan-so-theo-huyen"), 10, Ct)).Error);
        return (datasets, key);
    }

    private static PipelineRun Run(string key) =>
        new(new Pipeline(SourceReference.ForDataset(key), [], []), new Dictionary<string, JsonElement>());
}
