using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Api;

/// <summary>
/// <c>POST /datasets</c>, push ingest and <c>GET rows</c> on one app; every test works on a dataset key of its own,
/// so the tests do not see each other's rows.
/// </summary>
public sealed class DatasetsApiTests(WorkbenchAppFactory factory) : IClassFixture<WorkbenchAppFactory>
{
    private static readonly ApiColumn[] Districts =
    [
        new("Mã huyện", "text", Key: true),
        new("Huyện", "text"),
        new("Dân số", "integer"),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_returns_201_with_location_and_the_new_dataset()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.CreateDatasetAsync("tao-moi", Districts);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/datasets/tao-moi", response.Headers.Location?.OriginalString);
        var body = await response.ReadJsonAsync();
        Assert.Equal("tao-moi", body.GetProperty("key").GetString());
        Assert.Equal(["Mã huyện", "Huyện", "Dân số"], body.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["text", "text", "integer"], body.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        Assert.True(body.GetProperty("columns")[0].GetProperty("key").GetBoolean());
        Assert.Equal(0, body.GetProperty("rowCount").GetInt64());
        Assert.Equal(0, body.GetProperty("dataVersion").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/datasets/tao-moi", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("Dân-Số")]
    [InlineData("dan so")]
    [InlineData("-dan-so")]
    [InlineData("")]
    public async Task Create_with_invalid_key_is_400_with_errors(string key)
    {
        using var client = factory.CreateApiClient();

        using var response = await client.CreateDatasetAsync(key, Districts);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("dataset.invalid", problem.Code);
        Assert.Contains(problem.Errors, e => e.Contains($"«{key}»", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_with_unknown_column_type_is_400_naming_the_column()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.CreateDatasetAsync("kieu-la", new ApiColumn("Mã", "text"), new ApiColumn("Số tiền", "money"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var error = Assert.Single(problem.Errors);
        Assert.Contains("«Số tiền»", error);
        Assert.Contains("«money»", error);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/datasets/kieu-la", Ct)).StatusCode);
    }

    [Fact]
    public async Task Create_with_duplicate_column_names_is_400_naming_both_positions()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.CreateDatasetAsync("cot-trung",
            new ApiColumn("Mã", "text"), new ApiColumn("Tên", "text"), new ApiColumn("mã", "integer"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("dataset.invalid", problem.Code);
        var error = Assert.Single(problem.Errors);
        Assert.Contains("(cột thứ 1 và 3)", error);
    }

    [Fact]
    public async Task Create_without_columns_is_400()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.CreateDatasetAsync("khong-cot");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadProblemAsync()).Errors);
    }

    [Fact]
    public async Task Create_with_malformed_json_is_400_problem_details()
    {
        using var client = factory.CreateApiClient();
        using var body = new StringContent("""{"key": "json-hong", "columns": [""", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/v1/datasets", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.ReadProblemAsync()).Status);
    }

    [Fact]
    public async Task Create_with_a_taken_key_is_409()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("da-co", Districts);

        using var response = await client.CreateDatasetAsync("da-co", Districts);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("dataset.key-taken", (await response.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task Create_for_an_unknown_owner_agency_is_400()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsJsonAsync("/api/v1/datasets", new
        {
            key = "co-quan-la",
            name = "Cơ quan lạ",
            ownerAgency = "KHONG-CO",
            columns = new[] { new { name = "Mã", type = "text" } },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("agency.not-found", (await response.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task Create_with_an_analyst_key_is_403()
    {
        var analyst = await factory.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.Analyst);
        using var client = factory.CreateApiClient(analyst.Key);

        using var response = await client.CreateDatasetAsync("cua-chuyen-vien", Districts);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("dataset.create-needs-admin", (await response.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task Create_with_an_agency_admin_key_makes_a_dataset_of_that_agency()
    {
        var admin = await factory.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.AgencyAdmin);
        using var client = factory.CreateApiClient(admin.Key);

        using var response = await client.CreateDatasetAsync("cua-quan-tri-co-quan", Districts);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(AgencySeed.PlanningAndInvestment, (await response.ReadJsonAsync()).GetProperty("ownerAgency").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Append_adds_rows_after_the_existing_ones()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("nap-them", Districts);
        await client.PushOrFailAsync("nap-them", """[{"Mã huyện": "522", "Huyện": "Thành phố Quảng Ngãi", "Dân số": 263000}]""");

        using var response = await client.PushAsync("nap-them", """[{"Mã huyện": "536", "Huyện": "Lý Sơn", "Dân số": 21000}]""", "append");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadJsonAsync();
        Assert.Equal("append", result.GetProperty("mode").GetString());
        Assert.Equal(1, result.GetProperty("rowsLoaded").GetInt64());
        Assert.Equal(2, result.GetProperty("rowCount").GetInt64());
        Assert.Equal(["522|Thành phố Quảng Ngãi|263000", "536|Lý Sơn|21000"], await client.GetRowTextsAsync("nap-them"));
    }

    [Fact]
    public async Task Replace_leaves_only_the_pushed_rows()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("thay-the", Districts);
        await client.PushOrFailAsync("thay-the", """
            [{"Mã huyện": "522", "Huyện": "Thành phố Quảng Ngãi", "Dân số": 263000},
             {"Mã huyện": "536", "Huyện": "Lý Sơn", "Dân số": 21000}]
            """);

        using var response = await client.PushAsync("thay-the", """[{"Mã huyện": "524", "Huyện": "Bình Sơn", "Dân số": 175000}]""", "replace");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.ReadJsonAsync()).GetProperty("rowCount").GetInt64());
        Assert.Equal(["524|Bình Sơn|175000"], await client.GetRowTextsAsync("thay-the"));
    }

    [Fact]
    public async Task Upsert_updates_rows_with_matching_keys_and_adds_the_others()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("cap-nhat", Districts);
        await client.PushOrFailAsync("cap-nhat", """
            [{"Mã huyện": "522", "Huyện": "Thành phố Quảng Ngãi", "Dân số": 263000},
             {"Mã huyện": "536", "Huyện": "Lý Sơn", "Dân số": 21000}]
            """);

        using var response = await client.PushAsync("cap-nhat", """
            [{"Mã huyện": "536", "Huyện": "Huyện Lý Sơn", "Dân số": 22500},
             {"Mã huyện": "524", "Huyện": "Bình Sơn", "Dân số": 175000}]
            """, "upsert");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.ReadJsonAsync()).GetProperty("rowCount").GetInt64());
        Assert.Equal(
            ["522|Thành phố Quảng Ngãi|263000", "524|Bình Sơn|175000", "536|Huyện Lý Sơn|22500"],
            (await client.GetRowTextsAsync("cap-nhat")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Push_with_one_bad_value_loads_nothing()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("gia-tri-sai", Districts);
        await client.PushOrFailAsync("gia-tri-sai", """[{"Mã huyện": "522", "Huyện": "Thành phố Quảng Ngãi", "Dân số": 263000}]""");
        var before = await client.GetCountsAsync("gia-tri-sai");

        using var response = await client.PushAsync("gia-tri-sai", """
            [{"Mã huyện": "524", "Huyện": "Bình Sơn", "Dân số": 175000},
             {"Mã huyện": "527", "Huyện": "Sơn Tịnh", "Dân số": 95000},
             {"Mã huyện": "528", "Huyện": "Tư Nghĩa", "Dân số": "một trăm sáu mươi nghìn"},
             {"Mã huyện": "536", "Huyện": "Lý Sơn", "Dân số": 21000}]
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("push.invalid-rows", problem.Code);
        var error = Assert.Single(problem.Errors);
        Assert.StartsWith("Dòng 3, cột «Dân số»", error);
        Assert.Equal(before, await client.GetCountsAsync("gia-tri-sai"));
        Assert.Equal(["522|Thành phố Quảng Ngãi|263000"], await client.GetRowTextsAsync("gia-tri-sai"));
    }

    [Fact]
    public async Task Push_with_an_unknown_property_is_400_naming_it()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("cot-la", Districts);

        using var response = await client.PushAsync("cot-la", """[{"Mã huyện": "524", "Huyện": "Bình Sơn", "Diện tích": 467}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.ReadProblemAsync()).Errors);
        Assert.Contains("Dòng 1", error);
        Assert.Contains("«Diện tích»", error);
        Assert.Equal((0, 0), await client.GetCountsAsync("cot-la"));
    }

    [Fact]
    public async Task Upsert_into_a_dataset_without_key_columns_is_400()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("khong-khoa", new ApiColumn("Huyện", "text"), new ApiColumn("Dân số", "integer"));

        using var response = await client.PushAsync("khong-khoa", """[{"Huyện": "Bình Sơn", "Dân số": 175000}]""", "upsert");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("dataset.no-key", (await response.ReadProblemAsync()).Code);
        Assert.Equal((0, 0), await client.GetCountsAsync("khong-khoa"));
    }

    [Fact]
    public async Task Upsert_with_a_key_twice_in_the_batch_loads_nothing()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("khoa-trung", Districts);
        await client.PushOrFailAsync("khoa-trung", """[{"Mã huyện": "522", "Huyện": "Thành phố Quảng Ngãi", "Dân số": 263000}]""");
        var before = await client.GetCountsAsync("khoa-trung");

        using var response = await client.PushAsync("khoa-trung", """
            [{"Mã huyện": "522", "Huyện": "Quảng Ngãi", "Dân số": 1},
             {"Mã huyện": "524", "Huyện": "Bình Sơn", "Dân số": 175000},
             {"Mã huyện": "524", "Huyện": "Bình Sơn (2)", "Dân số": 175001}]
            """, "upsert");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadProblemAsync()).Errors);
        Assert.Equal(before, await client.GetCountsAsync("khoa-trung"));
        Assert.Equal(["522|Thành phố Quảng Ngãi|263000"], await client.GetRowTextsAsync("khoa-trung"));
    }

    [Theory]
    [InlineData("che-do-merge", "merge")]
    [InlineData("che-do-hai", "append,replace")]
    public async Task Push_with_an_invalid_mode_is_400(string key, string mode)
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync(key, Districts);

        using var response = await client.PushAsync(key, """[{"Mã huyện": "524"}]""", mode);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("load.bad-mode", (await response.ReadProblemAsync()).Code);
        Assert.Equal((0, 0), await client.GetCountsAsync(key));
    }

    [Theory]
    [InlineData("than-doi-tuong", """{"Mã huyện": "524"}""", "push.invalid-rows")]
    [InlineData("than-so", "42", "push.invalid-rows")]
    [InlineData("than-mang-lan", """[{"Mã huyện": "524"}, 7]""", "push.invalid-rows")]
    [InlineData("than-hong", "[{\"Mã huyện\": \"524\"", "push.bad-json")]
    public async Task Push_of_anything_but_an_array_of_objects_is_400(string key, string body, string code)
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync(key, Districts);

        using var response = await client.PushAsync(key, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.ReadProblemAsync()).Code);
        Assert.Equal((0, 0), await client.GetCountsAsync(key));
    }

    [Fact]
    public async Task Push_into_an_unknown_dataset_is_404()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PushAsync("khong-ton-tai", """[{"Mã huyện": "524"}]""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("dataset.not-found", (await response.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task Each_successful_load_bumps_the_data_version_by_one()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("phien-ban", Districts);
        var versions = new List<long> { (await client.GetCountsAsync("phien-ban")).DataVersion };

        foreach (var (body, mode) in new[]
        {
            ("""[{"Mã huyện": "522", "Dân số": 1}]""", "append"),
            ("""[{"Mã huyện": "524", "Dân số": 2}]""", "append"),
            ("""[{"Mã huyện": "524", "Dân số": "x"}]""", "append"),
            ("""[{"Mã huyện": "522", "Dân số": 3}]""", "upsert"),
            ("""[{"Mã huyện": "536", "Dân số": 4}]""", "replace"),
        })
        {
            using var response = await client.PushAsync("phien-ban", body, mode);
            versions.Add((await client.GetCountsAsync("phien-ban")).DataVersion);
        }

        Assert.Equal([0L, 1, 2, 2, 3, 4], versions);
    }

    [Fact]
    public async Task Successful_push_is_audited_under_the_key_s_name()
    {
        var key = await factory.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.AgencyAdmin);
        using var client = factory.CreateApiClient(key.Key);
        await client.CreateDatasetOrFailAsync("nhat-ky", Districts);

        await client.PushOrFailAsync("nhat-ky", """[{"Mã huyện": "522", "Dân số": 1}, {"Mã huyện": "524", "Dân số": 2}]""");

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.DatasetLoaded && e.Target == "nhat-ky", Ct);
        Assert.Equal(key.Record.Name, entry.UserName);
        Assert.Equal(key.Record.AgencyId, entry.AgencyId);
        using var details = JsonDocument.Parse(entry.Details!);
        Assert.Equal(2, details.RootElement.GetProperty("rows").GetInt64());
        Assert.Equal("append", details.RootElement.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Rows_are_paged_by_limit_and_offset()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("phan-trang", new ApiColumn("Số", "integer"));
        await client.PushOrFailAsync("phan-trang", "[" + string.Join(",", Enumerable.Range(1, 7).Select(i => $$"""{"Số": {{i}}}""")) + "]");

        using var response = await client.GetAsync("/api/v1/datasets/phan-trang/rows?limit=3&offset=2", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonAsync();
        Assert.Equal([3, 4, 5], page.GetProperty("rows").EnumerateArray().Select(r => r[0].GetInt32()));
        Assert.Equal(7, page.GetProperty("rowCount").GetInt64());
        Assert.Equal(2, page.GetProperty("offset").GetInt64());
        Assert.Equal(3, page.GetProperty("limit").GetInt32());
        Assert.Equal(["6", "7"], await client.GetRowTextsAsync("phan-trang", "?limit=3&offset=5"));
        Assert.Empty(await client.GetRowTextsAsync("phan-trang", "?offset=7"));
    }

    [Fact]
    public async Task Rows_carry_json_numbers_booleans_iso_dates_and_null()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("kieu-json",
            new ApiColumn("Số nguyên", "integer"), new ApiColumn("Số thực", "number"), new ApiColumn("Chữ", "text"),
            new ApiColumn("Đúng sai", "boolean"), new ApiColumn("Ngày", "date"), new ApiColumn("Thời điểm", "datetime"));
        await client.PushOrFailAsync("kieu-json", """
            [{"Số nguyên": 9007199254740993, "Số thực": 2.5, "Chữ": "Lý Sơn", "Đúng sai": true,
              "Ngày": "2024-02-29", "Thời điểm": "2024-01-15T08:30:00"},
             {"Số nguyên": null, "Số thực": -0.125, "Chữ": null, "Đúng sai": false}]
            """);

        var rows = await client.GetRowsJsonAsync("kieu-json");

        var first = rows[0];
        Assert.Equal(JsonValueKind.Number, first[0].ValueKind);
        Assert.Equal(9007199254740993L, first[0].GetInt64());
        Assert.Equal(JsonValueKind.Number, first[1].ValueKind);
        Assert.Equal(2.5, first[1].GetDouble(), 9);
        Assert.Equal("Lý Sơn", first[2].GetString());
        Assert.Equal(JsonValueKind.True, first[3].ValueKind);
        Assert.Equal("2024-02-29", first[4].GetString());
        Assert.Equal(new DateTime(2024, 1, 15, 8, 30, 0), DateTime.Parse(first[5].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("2024-01-15T08:30:00", first[5].GetString());
        var second = rows[1];
        Assert.Equal(
            [JsonValueKind.Null, JsonValueKind.Number, JsonValueKind.Null, JsonValueKind.False, JsonValueKind.Null, JsonValueKind.Null],
            second.EnumerateArray().Select(v => v.ValueKind));
        Assert.Equal(-0.125, second[1].GetDouble(), 9);
    }

    [Fact]
    public async Task Rows_with_a_limit_that_is_not_a_number_is_400_problem_details()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("gioi-han-chu", Districts);

        using var response = await client.GetAsync("/api/v1/datasets/gioi-han-chu/rows?limit=muoi", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.ReadProblemAsync()).Status);
    }

    [Fact]
    public async Task Rows_of_an_unknown_dataset_are_404()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync("/api/v1/datasets/khong-co-dau/rows", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("dataset.not-found", (await response.ReadProblemAsync()).Code);
    }
}
