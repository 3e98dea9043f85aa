using Microsoft.AspNetCore.Hosting;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Workbench.Core.Access;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Api;

/// <summary><c>POST /datasets/{key}/upload</c>: multipart CSV into a new dataset (inferred types) or an existing one.</summary>
public sealed class DatasetsApiUploadTests(WorkbenchAppFactory factory) : IClassFixture<WorkbenchAppFactory>
{
    private const string Communes = """
        Mã xã,Tên xã,Ngày thành lập,Số hộ,Diện tích
        00001,Tịnh Kỳ,01/02/1990,1200,12.5
        00002,Nghĩa Hà,15/12/1985,950,8.25
        00103,Bình Châu,29/02/2000,3100,30
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_with_a_new_key_creates_the_dataset_with_inferred_types()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.UploadAsync("xa-moi", "xã.csv", Communes);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/datasets/xa-moi", response.Headers.Location?.OriginalString);
        var result = await response.ReadJsonAsync();
        Assert.True(result.GetProperty("created").GetBoolean());
        Assert.Equal(3, result.GetProperty("rowCount").GetInt64());
        var dataset = await client.GetDatasetJsonAsync("xa-moi");
        Assert.Equal(
            ["Mã xã:text", "Tên xã:text", "Ngày thành lập:date", "Số hộ:integer", "Diện tích:number"],
            dataset.GetProperty("columns").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("type").GetString()}"));
        Assert.Equal(
            ["00001|Tịnh Kỳ|1990-02-01|1200|12.5", "00002|Nghĩa Hà|1985-12-15|950|8.25", "00103|Bình Châu|2000-02-29|3100|30"],
            await client.GetRowTextsAsync("xa-moi"));
    }

    [Fact]
    public async Task Upload_into_an_existing_dataset_matches_columns_by_name()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("xa-co-san",
            new ApiColumn("Tên xã", "text"), new ApiColumn("Mã xã", "text", Key: true), new ApiColumn("Số hộ", "integer"),
            new ApiColumn("Ngày thành lập", "date"), new ApiColumn("Diện tích", "number"));
        await client.PushOrFailAsync("xa-co-san", """[{"Mã xã": "00009", "Tên xã": "Lý Hải", "Số hộ": 10}]""");

        using var response = await client.UploadAsync("xa-co-san", "xa.csv", Communes, "append");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadJsonAsync();
        Assert.False(result.GetProperty("created").GetBoolean());
        Assert.Equal(3, result.GetProperty("rowsLoaded").GetInt64());
        Assert.Equal((4, 2), await client.GetCountsAsync("xa-co-san"));
        Assert.Equal(
            ["Lý Hải|00009|10|null|null", "Tịnh Kỳ|00001|1200|1990-02-01|12.5", "Nghĩa Hà|00002|950|1985-12-15|8.25", "Bình Châu|00103|3100|2000-02-29|30"],
            await client.GetRowTextsAsync("xa-co-san"));
    }

    [Fact]
    public async Task Upload_replace_swaps_the_rows_and_keeps_the_dataset_s_columns()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("xa-thay-the",
            new ApiColumn("Số hộ", "integer"), new ApiColumn("Diện tích", "number"), new ApiColumn("Mã xã", "text"),
            new ApiColumn("Tên xã", "text"), new ApiColumn("Ngày thành lập", "date"));
        await client.PushOrFailAsync("xa-thay-the", """[{"Mã xã": "00009", "Số hộ": 10}]""");

        using var response = await client.UploadAsync("xa-thay-the", "xa.csv", Communes, "replace");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((3, 2), await client.GetCountsAsync("xa-thay-the"));
        Assert.Equal(
            ["1200|12.5|00001|Tịnh Kỳ|1990-02-01", "950|8.25|00002|Nghĩa Hà|1985-12-15", "3100|30|00103|Bình Châu|2000-02-29"],
            await client.GetRowTextsAsync("xa-thay-the"));
    }

    [Fact]
    public async Task Upload_append_with_other_columns_is_400_and_loads_nothing()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("xa-cot-khac", new ApiColumn("Mã xã", "text"), new ApiColumn("Số hộ", "integer"));

        using var response = await client.UploadAsync("xa-cot-khac", "xa.csv", Communes, "append");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("import.columns-differ", problem.Code);
        Assert.Contains(problem.Errors, e => e.Contains("«Tên xã»", StringComparison.Ordinal));
        Assert.Equal((0, 0), await client.GetCountsAsync("xa-cot-khac"));
    }

    [Fact]
    public async Task Upload_with_a_bad_date_on_row_5_loads_nothing()
    {
        using var client = factory.CreateApiClient();
        await client.CreateDatasetOrFailAsync("xa-ngay-sai",
            new ApiColumn("Mã xã", "text"), new ApiColumn("Tên xã", "text"), new ApiColumn("Ngày thành lập", "date"),
            new ApiColumn("Số hộ", "integer"), new ApiColumn("Diện tích", "number"));
        var before = await client.GetCountsAsync("xa-ngay-sai");
        var file = Communes + "\n00104,Bình Hải,31/02/2001,800,9\n00105,Bình Thạnh,01/01/2002,700,7\n";

        using var response = await client.UploadAsync("xa-ngay-sai", "xa.csv", file);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var error = Assert.Single(problem.Errors);
        Assert.StartsWith("Dòng 5, cột «Ngày thành lập»", error);
        Assert.Contains("31/02/2001", error);
        Assert.Equal(before, await client.GetCountsAsync("xa-ngay-sai"));
        Assert.Empty(await client.GetRowTextsAsync("xa-ngay-sai"));
    }

    [Fact]
    public async Task Upload_with_a_new_key_and_a_bad_file_creates_no_dataset()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.UploadAsync("xa-tep-hong", "xa.csv", "Mã,Tên\n1,\"Không đóng\n2,B\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadProblemAsync()).Errors);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/datasets/xa-tep-hong", Ct)).StatusCode);
    }

    [Fact]
    public async Task Upload_with_a_new_key_by_a_viewer_is_403_and_creates_nothing()
    {
        var viewer = await factory.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.Viewer);
        using var client = factory.CreateApiClient(viewer.Key);

        using var response = await client.UploadAsync("xa-nguoi-xem", "xa.csv", Communes);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("dataset.no-create-right", (await response.ReadProblemAsync()).Code);
        using var admin = factory.CreateApiClient();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/datasets/xa-nguoi-xem", Ct)).StatusCode);
    }

    [Fact]
    public async Task Upload_into_another_agency_s_dataset_is_403_and_loads_nothing()
    {
        using var admin = factory.CreateApiClient();
        await admin.CreateDatasetOrFailAsync("xa-cua-stttt",
            new ApiColumn("Mã xã", "text"), new ApiColumn("Tên xã", "text"), new ApiColumn("Ngày thành lập", "date"),
            new ApiColumn("Số hộ", "integer"), new ApiColumn("Diện tích", "number"));
        var other = await factory.CreateAgencyKeyAsync(AgencySeed.Finance, Roles.AgencyAdmin);
        using var client = factory.CreateApiClient(other.Key);

        using var response = await client.UploadAsync("xa-cua-stttt", "xa.csv", Communes);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("dataset.no-load-right", (await response.ReadProblemAsync()).Code);
        Assert.Equal((0, 0), await admin.GetCountsAsync("xa-cua-stttt"));
    }

    [Fact]
    public async Task Upload_without_the_file_field_is_400()
    {
        using var client = factory.CreateApiClient();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Communes)), "tep", "xa.csv" },
        };

        using var response = await client.PostAsync("/api/v1/datasets/xa-thieu-tep/upload", form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("upload.no-file", (await response.ReadProblemAsync()).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/datasets/xa-thieu-tep", Ct)).StatusCode);
    }

    [Fact]
    public async Task Upload_that_is_not_multipart_is_400()
    {
        using var client = factory.CreateApiClient();
        using var content = new StringContent(Communes, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await client.PostAsync("/api/v1/datasets/xa-khong-multipart/upload", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("upload.not-multipart", (await response.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused_with_the_limit_and_creates_nothing()
    {
        using var limited = factory.WithWebHostBuilder(builder => builder.UseSetting("Imports:Limits:MaxBytes", "2048"));
        using var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WorkbenchAppFactory.BootstrapKey);
        var big = "Mã,Tên\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"{i:D5},Xã số {i}\n"));

        using var response = await client.UploadAsync("qua-lon", "lon.csv", big);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("import.filetoolarge", problem.Code);
        Assert.Contains("KB", problem.Detail);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/datasets/qua-lon", Ct)).StatusCode);
    }
}
