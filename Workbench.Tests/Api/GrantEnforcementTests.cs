using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Api;

/// <summary>
/// Grants enforced everywhere rows leave the engine: the designer's preview, the API's JSON, CSV and xlsx, joins,
/// unions and derived datasets; and revoking or expiry stops the next query, cached or not. Sở Kế hoạch và Đầu tư owns
/// the data; Sở Tài chính receives it; each test makes its own dataset so grants never cross tests.
/// </summary>
public sealed class GrantEnforcementTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GrantService Grants => factory.Services.GetRequiredService<GrantService>();

    private QueryService Queries => factory.Services.GetRequiredService<QueryService>();

    [Fact]
    public async Task Without_a_grant_another_agency_finds_the_dataset_in_the_catalog_but_reads_none_of_its_rows()
    {
        var key = await OwnDatasetAsync("khong-cap");
        var finance = await factory.Services.CallerAsync("chuyenvien.stc");
        var datasets = factory.Services.GetRequiredService<DatasetService>();
        using var api = await FinanceApiAsync();

        var entry = (await datasets.ListAsync(finance, Ct)).Single(e => e.Dataset.Key == key);
        var preview = await Queries.PreviewAsync(finance, Run(key), 100, Ct);
        using var rows = await api.GetAsync($"/api/v1/datasets/{key}/rows", Ct);
        using var query = await api.PostAsync("/api/v1/query", Json(PipelineText(key)), Ct);

        Assert.False(entry.CanQuery);
        Assert.Equal(ErrorKind.Forbidden, preview.Error!.Kind);
        Assert.Equal(HttpStatusCode.Forbidden, rows.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, query.StatusCode);
        Assert.Contains("cấp quyền", (await query.ReadProblemAsync()).Detail);
    }

    [Fact]
    public async Task A_row_filter_and_masks_hold_in_the_preview_and_the_api_json_csv_and_xlsx()
    {
        var key = await OwnDatasetAsync("loc-va-che");
        await GrantFinanceAsync(key, GrantRights.Query | GrantRights.Download, "[Năm] = 2023",
            new ColumnMask("Điện thoại", MaskKind.Partial), new ColumnMask("Dân số", MaskKind.Hidden));
        var finance = await factory.Services.CallerAsync("chuyenvien.stc");
        using var api = await FinanceApiAsync();

        var preview = (await Queries.PreviewAsync(finance, Run(key), 100, Ct)).Value!;
        var json = await (await api.PostAsync("/api/v1/query", Json(PipelineText(key)), Ct)).ReadJsonAsync();
        using var csvRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/query") { Content = Json(PipelineText(key)) };
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await (await api.SendAsync(csvRequest, Ct)).Content.ReadAsStringAsync(Ct);
        var xlsx = await (await api.PostAsync("/api/v1/query?format=xlsx", Json(PipelineText(key)), Ct)).Content.ReadAsByteArrayAsync(Ct);
        var sheet = (await LibreOffice.ReadSheetsAsync(xlsx, Ct))[XlsxExporter.DataSheet];

        object?[][] expected = [["Lý Sơn", 2023L, "0905***789", null], ["Tư Nghĩa", 2023L, "***", null]];
        Assert.Equal(expected, preview.Rows);
        Assert.Equal(2, preview.TotalRows);
        Assert.Equal(["Lý Sơn|2023|0905***789|", "Tư Nghĩa|2023|***|"], RowsOf(json));
        Assert.Equal(["Huyện,Năm,Điện thoại,Dân số", "Lý Sơn,2023,0905***789,", "Tư Nghĩa,2023,***,"],
            csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal([["Lý Sơn", "2,023", "0905***789", ""], ["Tư Nghĩa", "2,023", "***", ""]], sheet.Skip(1).Select(r => r.Take(4).ToArray()));
    }

    [Fact]
    public async Task Joins_unions_and_the_paged_rows_keep_the_row_filter()
    {
        var key = await OwnDatasetAsync("noi-gop");
        await GrantFinanceAsync(key, GrantRights.Query, "[Huyện] = 'Lý Sơn'");
        var finance = await factory.Services.CallerAsync("chuyenvien.stc");

        var union = await Queries.RunAsync(finance, Run(key, new UnionStep(key, null, true)), Ct);
        var join = await Queries.RunAsync(finance, Run(key,
            new JoinStep(key, null, JoinKind.Inner, [new JoinKey("Huyện", "Huyện")], ["Năm"], "phải ")), Ct);
        var page = await factory.Services.GetRequiredService<DatasetService>().ReadRowsAsync(finance, key, 0, 50, Ct);

        Assert.Equal(4, union.Value!.RowCount);
        Assert.All(union.Value.Rows, r => Assert.Equal("Lý Sơn", r[0]));
        Assert.Equal(4, join.Value!.RowCount);
        Assert.All(join.Value.Rows, r => Assert.Equal("Lý Sơn", r[0]));
        Assert.Equal((2, 2L), (page.Value!.Rows.Count, page.Value.TotalRows));
    }

    [Fact]
    public async Task A_dataset_derived_from_granted_rows_stays_filtered_and_masked_and_cannot_be_granted_further_than_its_source()
    {
        var key = await OwnDatasetAsync("nguon-dan-xuat");
        await GrantFinanceAsync(key, GrantRights.Query, "[Năm] = 2023", new ColumnMask("Điện thoại", MaskKind.Hidden));
        var finance = await factory.Services.CallerAsync("chuyenvien.stc");
        var financeAdmin = await factory.Services.CallerAsync("quantri.stc");
        var scenarios = factory.Services.GetRequiredService<ScenarioService>();
        var scenario = (await scenarios.CreateAsync(finance, "Dẫn xuất " + key, null, key, Ct)).Value!;

        var derived = await factory.Services.GetRequiredService<DerivedDatasets>().CreateAsync(
            finance, scenario.Key, new Dictionary<string, JsonElement>(), new DerivedDatasetRequest(key + "-stc", "Bản của Sở Tài chính", null), Ct);
        var rows = await Queries.RunAsync(finance, Run(derived.Value!.Key), Ct);
        var education = await factory.AgencyIdAsync(AgencySeed.EducationAndTraining);
        var tooFar = await Grants.CreateAsync(financeAdmin, Grant(derived.Value.Key, education, GrantRights.Query), Ct);
        var owner = await factory.Services.CallerAsync("quantri.skhdt");
        await Grants.CreateAsync(owner, Grant(key, education, GrantRights.Query), Ct);
        var allowed = await Grants.CreateAsync(financeAdmin, Grant(derived.Value.Key, education, GrantRights.Query), Ct);

        Assert.Equal([["Lý Sơn", 2023L, null, 22000L], ["Tư Nghĩa", 2023L, null, 180000L]], rows.Value!.Rows.OrderBy(r => (string)r[0]!));
        Assert.Contains(key, tooFar.Error!.Details!.Single(), StringComparison.Ordinal);
        Assert.Null(allowed.Error);
    }

    [Fact]
    public async Task Revoking_stops_the_next_query_even_one_whose_result_is_cached()
    {
        var key = await OwnDatasetAsync("thu-hoi");
        var grant = await GrantFinanceAsync(key, GrantRights.Query, null);
        var finance = await factory.Services.CallerAsync("chuyenvien.stc");
        var owner = await factory.Services.CallerAsync("quantri.skhdt");
        await Queries.RunAsync(finance, Run(key), Ct);
        var hits = Queries.CacheHits;
        var cached = await Queries.RunAsync(finance, Run(key), Ct);

        await Grants.RevokeAsync(owner, grant.Id, "Hết nhu cầu", Ct);
        var refused = await Queries.RunAsync(finance, Run(key), Ct);
        var listed = (await Grants.ForDatasetAsync(owner, key, Ct)).Value!.Single();

        Assert.True(cached.Value!.Cached);
        Assert.Equal(hits + 1, Queries.CacheHits);
        Assert.Equal(ErrorKind.Forbidden, refused.Error!.Kind);
        Assert.Equal(("Hết nhu cầu", owner.DisplayName), (listed.RevokeReason, listed.RevokedByName));
    }

    [Fact]
    public async Task A_grant_stops_working_the_day_after_its_last_day()
    {
        var key = await OwnDatasetAsync("het-han");
        var grant = await GrantFinanceAsync(key, GrantRights.Query, null);
        var finance = await factory.Services.CallerAsync("chuyenvien.stc");
        var working = await Queries.RunAsync(finance, Run(key), Ct);

        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct))
        {
            // The calendar moving on, without waiting a day: the last day becomes yesterday.
            await db.DatasetGrants.Where(g => g.Id == grant.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.ExpiresOn, Grants.Today.AddDays(-1)), Ct);
        }
        var expired = await Queries.RunAsync(finance, Run(key), Ct);

        Assert.Null(working.Error);
        Assert.Equal(ErrorKind.Forbidden, expired.Error!.Kind);
        Assert.Contains("hết hạn", expired.Error.Message);
    }

    [Fact]
    public async Task A_query_only_grant_refuses_files_and_says_which_right_is_missing()
    {
        var key = await OwnDatasetAsync("chi-xem");
        await GrantFinanceAsync(key, GrantRights.Query, null);
        using var api = await FinanceApiAsync();

        using var json = await api.PostAsync("/api/v1/query", Json(PipelineText(key)), Ct);
        using var xlsx = await api.PostAsync("/api/v1/query?format=xlsx", Json(PipelineText(key)), Ct);

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, xlsx.StatusCode);
        Assert.Contains("tải về", (await xlsx.ReadProblemAsync()).Errors.Single());
    }

    [Fact]
    public async Task Only_the_owner_agencys_administrators_grant_and_every_grant_names_its_legal_basis()
    {
        var key = await OwnDatasetAsync("ai-duoc-cap");
        var analyst = await factory.Services.CallerAsync("chuyenvien.skhdt");
        var owner = await factory.Services.CallerAsync("quantri.skhdt");
        var finance = await factory.AgencyIdAsync(AgencySeed.Finance);

        var byAnalyst = await Grants.CreateAsync(analyst, Grant(key, finance, GrantRights.Query), Ct);
        var withoutBasis = await Grants.CreateAsync(owner, Grant(key, finance, GrantRights.Query) with { LegalBasisNumber = "" }, Ct);

        Assert.Equal(ErrorKind.Forbidden, byAnalyst.Error!.Kind);
        Assert.Equal(ErrorKind.Invalid, withoutBasis.Error!.Kind);
        Assert.Contains(withoutBasis.Error.Details!, d => d.Contains("số văn bản"));
    }

    /// <summary>A dataset of Sở Kế hoạch và Đầu tư with four rows: two districts, two years, a phone number.</summary>
    private async Task<string> OwnDatasetAsync(string key)
    {
        var owner = await factory.Services.CallerAsync("quantri.skhdt");
        var datasets = factory.Services.GetRequiredService<DatasetService>();
        var created = await datasets.CreateAsync(owner, new NewDataset(key, "Hộ dân " + key, owner.AgencyId,
            [new NewColumn("Huyện", ColumnType.Text), new NewColumn("Năm", ColumnType.Integer),
             new NewColumn("Điện thoại", ColumnType.Text), new NewColumn("Dân số", ColumnType.Integer)]), Ct);
        Assert.Null(created.Error);
        await datasets.LoadAsync(owner, key, LoadMode.Append,
        [
            ["Lý Sơn", 2022L, "0905123788", 21000L],
            ["Lý Sơn", 2023L, "0905123789", 22000L],
            ["Tư Nghĩa", 2022L, "0912", 175000L],
            ["Tư Nghĩa", 2023L, "0913", 180000L],
        ], Ct);
        return key;
    }

    private async Task<DatasetGrant> GrantFinanceAsync(string key, GrantRights rights, string? rowFilter, params ColumnMask[] masks)
    {
        var owner = await factory.Services.CallerAsync("quantri.skhdt");
        var finance = await factory.AgencyIdAsync(AgencySeed.Finance);
        var created = await Grants.CreateAsync(owner, Grant(key, finance, rights, rowFilter, masks), Ct);
        Assert.Null(created.Error);
        return created.Value!;
    }

    private NewGrant Grant(string key, int agencyId, GrantRights rights, string? rowFilter = null, ColumnMask[]? masks = null) =>
        new(key, agencyId, null, rights, rowFilter, masks ?? [], null, "45/QĐ-UBND", Grants.Today.AddDays(-10), "UBND tỉnh Quảng Ngãi", "Kiểm thử");

    private async Task<HttpClient> FinanceApiAsync()
    {
        var key = await factory.CreateAgencyKeyAsync(AgencySeed.Finance, Roles.Analyst);
        return factory.CreateApiClient(key.Key);
    }

    private static PipelineRun Run(string key, params Step[] steps) =>
        new(new Pipeline(SourceReference.ForDataset(key), [], [.. steps, new SortStep([new SortKey("Huyện"), new SortKey("Năm")])]),
            new Dictionary<string, JsonElement>());

    private static string PipelineText(string key) =>
        $$"""{ "source": { "dataset": "{{key}}" }, "steps": [ { "type": "sort", "by": [ { "column": "Huyện" }, { "column": "Năm" } ] } ] }""";

    private static string[] RowsOf(JsonElement json) =>
        [.. json.GetProperty("rows").EnumerateArray().Select(r => string.Join("|", r.EnumerateArray().Select(c =>
            c.ValueKind switch { JsonValueKind.Null => "", JsonValueKind.String => c.GetString(), _ => c.GetRawText() })))];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
