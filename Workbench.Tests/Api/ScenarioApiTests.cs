using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Api;

/// <summary><c>GET /api/v1/scenarios/{key}/result</c>: a saved scenario run with query-string arguments, in the formats of <c>/query</c>.</summary>
public sealed class ScenarioApiTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    private const string Pipeline = """
        { "source": { "dataset": "dan-so-theo-huyen" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2020 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "select", "columns": [ "Huyện", "Năm" ] } ] }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> ScenarioAsync(string name)
    {
        var scenarios = factory.Services.GetRequiredService<ScenarioService>();
        var analyst = await factory.Services.CallerAsync("chuyenvien.skhdt");
        var created = (await scenarios.CreateAsync(analyst, name, null, "dan-so-theo-huyen", Ct)).Value!;
        await scenarios.SaveAsync(analyst, created.Key, new ScenarioContent(name, null, Pipeline, [], []), 1, Ct);
        return created.Key;
    }

    [Fact]
    public async Task Query_string_values_fill_the_parameters_and_defaults_apply_otherwise()
    {
        var key = await ScenarioAsync("API theo năm");
        using var client = factory.CreateApiClient();

        var given = await (await client.GetAsync($"/api/v1/scenarios/{key}/result?nam=2023", Ct)).ReadJsonAsync();
        var defaulted = await (await client.GetAsync($"/api/v1/scenarios/{key}/result", Ct)).ReadJsonAsync();

        Assert.All(given.GetProperty("rows").EnumerateArray(), r => Assert.Equal(2023, r[1].GetInt64()));
        Assert.All(defaulted.GetProperty("rows").EnumerateArray(), r => Assert.Equal(2020, r[1].GetInt64()));
        Assert.True(given.GetProperty("rowCount").GetInt32() > 0);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_problem_naming_the_parameter()
    {
        var key = await ScenarioAsync("API sai kiểu");
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync($"/api/v1/scenarios/{key}/result?nam=hai", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("scenario.bad-argument", problem.Code);
        Assert.Contains("nam", problem.Detail);
    }

    [Fact]
    public async Task Format_xlsx_downloads_the_scenario_titled_in_its_provenance()
    {
        var key = await ScenarioAsync("API tải Excel");
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync($"/api/v1/scenarios/{key}/result?format=xlsx&nam=2023", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxExporter.ContentType, response.Content.Headers.ContentType?.MediaType);
        var sheets = await LibreOffice.ReadSheetsAsync(await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        Assert.Equal(["Huyện", "Năm"], sheets[XlsxExporter.DataSheet][0]);
        Assert.Contains(sheets[XlsxExporter.ProvenanceSheet], r => r[1] == "2023");
    }

    [Fact]
    public async Task A_download_is_named_after_the_scenario_and_its_provenance_marks_a_default_value()
    {
        var key = await ScenarioAsync("API mặc định");
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync($"/api/v1/scenarios/{key}/result?format=xlsx", Ct);

        Assert.StartsWith(key + "-", response.Content.Headers.ContentDisposition?.FileNameStar);
        var sheets = await LibreOffice.ReadSheetsAsync(await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        var provenance = sheets[XlsxExporter.ProvenanceSheet].ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("2020 (mặc định)", provenance["Tham số: nam"]);
        Assert.Equal("API mặc định", provenance["Tiêu đề"]);
    }

    [Fact]
    public async Task A_key_of_another_agency_may_not_run_the_scenario_and_an_unknown_one_is_404()
    {
        var key = await ScenarioAsync("API của sở");
        var admin = await factory.Services.CallerAsync("admin");
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var office = await db.Agencies.Where(a => a.Code == "VPUBND").Select(a => a.Id).SingleAsync(Ct);
        var other = (await factory.Services.GetRequiredService<ApiKeyService>().CreateAsync(admin, "Văn phòng", office, Roles.Analyst, null, Ct)).Value!;
        using var client = factory.CreateApiClient(other.Key);

        using var forbidden = await client.GetAsync($"/api/v1/scenarios/{key}/result", Ct);
        using var missing = await client.GetAsync("/api/v1/scenarios/khong-co/result", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_pipeline_posted_with_a_scenario_as_its_source_runs_it_with_the_outer_parameter_flowing_in()
    {
        var key = await ScenarioAsync("API làm nguồn");
        using var client = factory.CreateApiClient();
        var body = $$"""
            { "source": { "scenario": "{{key}}" },
              "parameters": [ { "name": "nam", "type": "integer", "default": 2020 } ],
              "steps": [ { "type": "compute", "column": "Nhãn", "expression": "[Huyện] + ' ' + ToText([Năm])" } ],
              "arguments": { "nam": 2023 } }
            """;

        using var run = await client.PostAsync("/api/v1/query", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        using var validate = await client.PostAsync("/api/v1/query/validate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var result = await run.ReadJsonAsync();
        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(2023, r[1].GetInt64()));
        Assert.All(rows, r => Assert.EndsWith(" 2023", r[2].GetString()));
        var schema = (await validate.ReadJsonAsync()).GetProperty("schema")[0].EnumerateArray()
            .Select(c => c.GetProperty("name").GetString() + ":" + c.GetProperty("type").GetString());
        Assert.Equal(["Huyện:text", "Năm:integer", "Nhãn:text"], schema);
    }

    [Fact]
    public async Task A_pipeline_posted_with_an_unknown_scenario_is_not_found()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/query",
            new StringContent("""{ "source": { "scenario": "khong-ton-tai" }, "steps": [] }""", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Contains("khong-ton-tai", problem.Detail);
    }
}
