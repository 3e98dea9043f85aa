using System.Net;
using Workbench.Core.Access;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Api;

/// <summary>What an API key may see and change, on the demo app's four sample datasets of three agencies.</summary>
public sealed class DatasetsApiAccessTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    private static readonly string[] PlanningDatasets = ["dan-so-theo-huyen", "doanh-nghiep-dang-ky"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_with_an_agency_key_shows_only_that_agency_s_datasets()
    {
        var key = await factory.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.Analyst);
        using var client = factory.CreateApiClient(key.Key);

        using var response = await client.GetAsync("/api/v1/datasets", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = (await response.ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(PlanningDatasets, list.Select(d => d.GetProperty("key").GetString()).Order(StringComparer.Ordinal));
        Assert.All(list, d => Assert.Equal(AgencySeed.PlanningAndInvestment, d.GetProperty("ownerAgency").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task List_entries_carry_columns_row_count_data_version_and_last_update()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync("/api/v1/datasets", Ct);

        var population = Assert.Single((await response.ReadJsonAsync()).EnumerateArray(), d => d.GetProperty("key").GetString() == "dan-so-theo-huyen");
        Assert.False(string.IsNullOrWhiteSpace(population.GetProperty("name").GetString()));
        Assert.Equal("Mã huyện", population.GetProperty("columns")[0].GetProperty("name").GetString());
        Assert.True(population.GetProperty("rowCount").GetInt64() > 0);
        Assert.True(population.GetProperty("dataVersion").GetInt64() >= 1);
        Assert.Equal(System.Text.Json.JsonValueKind.String, population.GetProperty("lastUpdated").ValueKind);
    }

    [Fact]
    public async Task List_with_the_bootstrap_key_shows_every_dataset()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync("/api/v1/datasets", Ct);

        var keys = (await response.ReadJsonAsync()).EnumerateArray().Select(d => d.GetProperty("key").GetString()).ToList();
        Assert.Superset(new HashSet<string?>(["dan-so-theo-huyen", "doanh-nghiep-dang-ky", "thu-ngan-sach", "truong-hoc-hoc-sinh"]), keys.ToHashSet());
    }

    [Fact]
    public async Task Get_of_another_agency_s_dataset_is_403_naming_the_owner_agency()
    {
        var key = await factory.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.AgencyAdmin);
        using var client = factory.CreateApiClient(key.Key);

        using var response = await client.GetAsync("/api/v1/datasets/thu-ngan-sach", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("dataset.no-query-right", problem.Code);
        Assert.Contains("Sở Tài chính", problem.Detail);
    }

    [Fact]
    public async Task Get_of_an_unknown_dataset_is_404()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync("/api/v1/datasets/khong-co-bo-nay", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("dataset.not-found", (await response.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task Rows_of_another_agency_s_dataset_are_403()
    {
        var key = await factory.CreateAgencyKeyAsync(AgencySeed.Finance, Roles.AgencyAdmin);
        using var client = factory.CreateApiClient(key.Key);

        using var response = await client.GetAsync("/api/v1/datasets/truong-hoc-hoc-sinh/rows", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Sở Giáo dục và Đào tạo", (await response.ReadProblemAsync()).Detail);
    }

    [Fact]
    public async Task Push_into_another_agency_s_dataset_is_403_and_loads_nothing()
    {
        var key = await factory.CreateAgencyKeyAsync(AgencySeed.Finance, Roles.AgencyAdmin);
        using var client = factory.CreateApiClient(key.Key);
        using var admin = factory.CreateApiClient();
        var before = await admin.GetCountsAsync("dan-so-theo-huyen");

        using var response = await client.PushAsync("dan-so-theo-huyen", """[{"Mã huyện": "999"}]""", "append");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("dataset.no-load-right", (await response.ReadProblemAsync()).Code);
        Assert.Equal(before, await admin.GetCountsAsync("dan-so-theo-huyen"));
    }

    [Fact]
    public async Task Push_with_a_viewer_key_of_the_owner_agency_is_403()
    {
        var key = await factory.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.Viewer);
        using var client = factory.CreateApiClient(key.Key);

        using var response = await client.PushAsync("dan-so-theo-huyen", """[{"Mã huyện": "999"}]""", "append");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("dataset.no-load-right", (await response.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task Rows_of_an_own_dataset_are_readable_with_an_analyst_key()
    {
        var key = await factory.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.Analyst);
        using var client = factory.CreateApiClient(key.Key);

        var rows = await client.GetRowTextsAsync("dan-so-theo-huyen", "?limit=5");

        Assert.Equal(5, rows.Count);
    }
}
