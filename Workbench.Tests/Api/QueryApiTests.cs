using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Query;
using Workbench.Core.Query.Dialects;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Api;

/// <summary><c>POST /api/v1/query</c>, <c>/query/validate</c> and <c>/query/sql</c> on the demo app's sample datasets.</summary>
public sealed class QueryApiTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    private const string Population = """
        { "source": { "dataset": "dan-so-theo-huyen" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2020 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "compute", "column": "Ngày", "expression": "Date(2024, 1, 5)" },
                     { "type": "sort", "by": [ { "column": "Mã huyện" } ] },
                     { "type": "select", "columns": [ "Mã huyện", "Huyện", "Năm", "Dân số", "Ngày" ] } ],
          "arguments": { "nam": 2023 } }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_answers_columns_rows_row_count_truncated_and_elapsed_time()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/query", Json(Population), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal(
            ["Mã huyện:text", "Huyện:text", "Năm:integer", "Dân số:integer", "Ngày:date"],
            json.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString() + ":" + c.GetProperty("type").GetString()));
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(2023, r[2].GetInt64()));
        Assert.Equal(JsonValueKind.Number, rows[0][3].ValueKind);
        Assert.Equal("2024-01-05", rows[0][4].GetString());
        Assert.Equal(rows.Count, json.GetProperty("rowCount").GetInt32());
        Assert.False(json.GetProperty("truncated").GetBoolean());
        Assert.True(json.GetProperty("elapsedMs").GetInt64() >= 0);
    }

    [Fact]
    public async Task Accept_text_csv_streams_every_row_as_csv_with_a_bom_and_audits_its_hash()
    {
        using var client = factory.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/query") { Content = Json(Population) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await client.SendAsync(request, Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Mã huyện,Huyện,Năm,Dân số,Ngày", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.Contains(",2023,", line));
        Assert.EndsWith(",2024-01-05", lines[1]);
        var audit = await LastAuditAsync("query.download");
        Assert.Contains($"\"sha256\":\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"", audit.Details);
        Assert.Contains($"\"rows\":{lines.Length - 1}", audit.Details);
    }

    [Fact]
    public async Task Format_xlsx_downloads_a_workbook_that_libreoffice_reads_with_its_provenance_sheet()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/query?format=xlsx", Json(Population), Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxExporter.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        var sheets = await LibreOffice.ReadSheetsAsync(bytes, Ct);
        var data = sheets[XlsxExporter.DataSheet];
        Assert.Equal(["Mã huyện", "Huyện", "Năm", "Dân số", "Ngày"], data[0]);
        Assert.True(data.Count > 1);
        Assert.All(data.Skip(1), row => Assert.Equal("2,023", row[2]));
        Assert.All(data.Skip(1), row => Assert.Equal("05/01/2024", row[4]));
        var provenance = sheets[XlsxExporter.ProvenanceSheet].ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("dan-so-theo-huyen", provenance["Nguồn 1: mã"]);
        Assert.Equal("2023", provenance["Tham số: nam"]);
        Assert.Equal((data.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), provenance["Số dòng dữ liệu"]);
        var audit = await LastAuditAsync("query.download");
        Assert.Contains("\"format\":\"xlsx\"", audit.Details);
        Assert.Contains($"\"sha256\":\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"", audit.Details);
    }

    [Fact]
    public async Task Xlsx_past_the_sheet_limit_is_a_problem_suggesting_csv_and_writes_no_file()
    {
        using var small = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(
            services => services.AddSingleton(new XlsxRowLimits(formattedMaxRows: 1, maxRows: 2))));
        using var client = small.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WorkbenchAppFactory.BootstrapKey);

        using var response = await client.PostAsync("/api/v1/query?format=xlsx", Json(Population), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("query.xlsx-too-large", problem.Code);
        Assert.Contains("CSV", problem.Detail);
    }

    [Fact]
    public async Task An_unknown_format_is_a_problem_naming_the_formats()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/query?format=pdf", Json(Population), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("query.bad-format", problem.Code);
        Assert.Contains("xlsx", problem.Detail);
    }

    [Fact]
    public async Task Validate_answers_each_step_schema()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/query/validate", Json(Population), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Empty(json.GetProperty("errors").EnumerateArray());
        var schema = json.GetProperty("schema").EnumerateArray().ToList();
        Assert.Equal(4, schema.Count);
        Assert.Equal("Ngày", schema[1].EnumerateArray().Last().GetProperty("name").GetString());
        Assert.Equal("date", schema[1].EnumerateArray().Last().GetProperty("type").GetString());
    }

    [Fact]
    public async Task Validate_of_an_unknown_column_is_200_with_the_error_its_position_and_a_suggestion()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/query/validate", Json("""
            { "source": { "dataset": "dan-so-theo-huyen" }, "steps": [ { "type": "filter", "expression": "[Nam] > 2020" } ] }
            """), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.False(json.GetProperty("valid").GetBoolean());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal(0, error.GetProperty("step").GetInt32());
        Assert.Equal("expression", error.GetProperty("field").GetString());
        Assert.Contains("Năm", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Number, error.GetProperty("position").ValueKind);
    }

    [Fact]
    public async Task Run_of_an_unknown_column_is_400_with_step_field_message_and_position()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/query", Json("""
            { "source": { "dataset": "dan-so-theo-huyen" }, "steps": [ { "type": "filter", "expression": "[Nam] > 2020" } ] }
            """), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.ReadJsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal((0, "expression"), (error.GetProperty("step").GetInt32(), error.GetProperty("field").GetString()));
        Assert.Contains("Năm", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Sql_answers_the_statement_for_the_configured_warehouse_and_its_parameters()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/query/sql", Json(Population), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal("DuckDb", json.GetProperty("dialect").GetString());
        Assert.Contains("SELECT", json.GetProperty("sql").GetString());
        var parameter = Assert.Single(json.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("value").GetRawText() == "2023");
        Assert.Equal("integer", parameter.GetProperty("type").GetString());
        Assert.Contains("$" + parameter.GetProperty("name").GetString(), json.GetProperty("sql").GetString());
    }

    [Fact]
    public async Task Invalid_json_is_a_400_problem_with_the_position()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/query", Json("""{ "source": { "dataset": "x" }, """), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("query.bad-json", problem.Code);
        Assert.Single(problem.Errors);
    }

    [Fact]
    public async Task An_unknown_step_type_is_a_400_problem_naming_the_step()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/query", Json("""
            { "source": { "dataset": "dan-so-theo-huyen" }, "steps": [ { "type": "explode" } ] }
            """), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.ReadJsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal(0, error.GetProperty("step").GetInt32());
        Assert.Contains("explode", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_dataset_of_another_agency_is_403_naming_the_owner_agency()
    {
        var key = await factory.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.Analyst);
        using var client = factory.CreateApiClient(key.Key);

        using var response = await client.PostAsync("/api/v1/query", Json("""{ "source": { "dataset": "thu-ngan-sach" }, "steps": [] }"""), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Sở Tài chính", (await response.ReadProblemAsync()).Detail);
    }

    [Fact]
    public async Task Validate_of_another_agency_s_dataset_is_403_too()
    {
        var key = await factory.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.Analyst);
        using var client = factory.CreateApiClient(key.Key);

        using var response = await client.PostAsync("/api/v1/query/validate", Json("""{ "source": { "dataset": "thu-ngan-sach" }, "steps": [] }"""), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("query.forbidden", (await response.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task An_unknown_dataset_is_404()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/query", Json("""{ "source": { "dataset": "khong-co" }, "steps": [] }"""), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("khong-co", (await response.ReadProblemAsync()).Detail);
    }

    [Theory]
    [InlineData("/api/v1/query")]
    [InlineData("/api/v1/query/validate")]
    [InlineData("/api/v1/query/sql")]
    public async Task Without_an_api_key_every_query_endpoint_is_401(string path)
    {
        using var client = factory.CreateApiClient(key: null);

        using var response = await client.PostAsync(path, Json(Population), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<Workbench.Core.Audit.AuditEntry> LastAuditAsync(string action)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.AuditEntries.Where(a => a.Action == action).OrderByDescending(a => a.Id).FirstAsync(Ct);
    }
}

/// <summary>The row cap and request cancellation, on an app whose warehouse reports how each query ended.</summary>
public sealed class QueryApiExecutionTests(WatchedWarehouseAppFactory factory) : IClassFixture<WatchedWarehouseAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rows_past_the_configured_cap_are_cut_and_truncated_is_true()
    {
        using var client = factory.CreateApiClient();
        await EnsureBigDatasetAsync(client);

        using var response = await client.PostAsync("/api/v1/query", Json("""{ "source": { "dataset": "lon" }, "steps": [] }"""), Ct);

        var json = await response.ReadJsonAsync();
        Assert.Equal(WatchedWarehouseAppFactory.MaxRows, json.GetProperty("rows").GetArrayLength());
        Assert.Equal(WatchedWarehouseAppFactory.MaxRows, json.GetProperty("rowCount").GetInt32());
        Assert.True(json.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task A_dropped_request_cancels_the_database_query()
    {
        using var client = factory.CreateApiClient();
        await EnsureBigDatasetAsync(client);
        var warehouse = factory.Services.GetRequiredService<WatchedWarehouse>();
        using var drop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        drop.CancelAfter(TimeSpan.FromSeconds(1.5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PostAsync("/api/v1/query", Json("""
            { "source": { "dataset": "lon" },
              "steps": [ { "type": "join", "dataset": "lon", "kind": "inner", "on": [ { "left": "k", "right": "k" } ], "prefix": "b " },
                         { "type": "join", "dataset": "lon", "kind": "inner", "on": [ { "left": "k", "right": "k" } ], "prefix": "c " },
                         { "type": "aggregate", "groupBy": [], "measures": [ { "function": "sum", "column": "v", "as": "S" } ] } ] }
            """), drop.Token));

        var ended = await warehouse.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.True(ended);
    }

    private static async Task EnsureBigDatasetAsync(HttpClient client)
    {
        using (var exists = await client.GetAsync("/api/v1/datasets/lon", Ct))
        {
            if (exists.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
        }
        await client.CreateDatasetOrFailAsync("lon", new ApiColumn("k", "integer"), new ApiColumn("v", "integer"));
        var rows = string.Join(",", Enumerable.Range(0, 3_000).Select(i => $$"""{ "k": 1, "v": {{i}} }"""));
        await client.PushOrFailAsync("lon", "[" + rows + "]");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

/// <summary>The app with a small row cap and a warehouse that reports when a query ends by cancellation.</summary>
public sealed class WatchedWarehouseAppFactory : WorkbenchAppFactory
{
    public const int MaxRows = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Query:MaxRows", MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(WatchedWarehouse.Wrap);
    }
}

/// <summary>The demo app whose warehouse loads can be made to fail half-way (<see cref="WatchedWarehouse.FailLoadsAfterRows"/>).</summary>
public sealed class WatchedDemoAppFactory() : WorkbenchAppFactory(demo: true, kestrel: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(WatchedWarehouse.Wrap);
    }
}

/// <summary>
/// Passes everything through; <see cref="Cancelled"/> completes when a query stops on cancellation, and a load fails
/// half-way once <see cref="FailLoadsAfterRows"/> is set, as a dying connection would.
/// </summary>
public sealed class WatchedWarehouse(IWarehouse inner) : IWarehouse, IDisposable
{
    public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, every load throws after passing this many rows on to the engine.</summary>
    public int? FailLoadsAfterRows { get; set; }

    /// <summary>Puts a <see cref="WatchedWarehouse"/> around the app's warehouse.</summary>
    public static void Wrap(IServiceCollection services)
    {
        var original = services.Single(d => d.ServiceType == typeof(IWarehouse));
        services.Remove(original);
        services.AddSingleton(provider => new WatchedWarehouse((IWarehouse)original.ImplementationFactory!(provider)));
        services.AddSingleton<IWarehouse>(provider => provider.GetRequiredService<WatchedWarehouse>());
    }

    public string Provider => inner.Provider;

    public SqlDialect Dialect => inner.Dialect;

    public async IAsyncEnumerable<object?[]> QueryAsync(
        CompiledQuery query, TimeSpan timeout, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var rows = inner.QueryAsync(query, timeout, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await rows.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult(true);
                throw;
            }
            yield return rows.Current;
        }
    }

    public Task CreateTableAsync(string table, IReadOnlyList<WarehouseColumn> columns, CancellationToken cancellationToken) =>
        inner.CreateTableAsync(table, columns, cancellationToken);

    public Task DropTableAsync(string table, CancellationToken cancellationToken) => inner.DropTableAsync(table, cancellationToken);

    public Task<bool> TableExistsAsync(string table, CancellationToken cancellationToken) => inner.TableExistsAsync(table, cancellationToken);

    public Task<long> LoadAsync(WarehouseLoad load, IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        inner.LoadAsync(load, FailLoadsAfterRows is { } count ? FailingAfter(rows, count) : rows, cancellationToken);

    private static IEnumerable<object?[]> FailingAfter(IEnumerable<object?[]> rows, int count)
    {
        var passed = 0;
        foreach (var row in rows)
        {
            if (passed++ == count)
            {
                throw new IOException("The connection to the warehouse was lost.");
            }
            yield return row;
        }
    }

    public Task<string?> ReadCheckpointAsync(string name, CancellationToken cancellationToken) => inner.ReadCheckpointAsync(name, cancellationToken);

    public Task<long> CountRowsAsync(string table, CancellationToken cancellationToken) => inner.CountRowsAsync(table, cancellationToken);

    public Task<IReadOnlyList<object?[]>> ReadRowsAsync(
        string table, IReadOnlyList<WarehouseColumn> columns, long offset, int limit, IReadOnlyList<string>? orderBy, CancellationToken cancellationToken) =>
        inner.ReadRowsAsync(table, columns, offset, limit, orderBy, cancellationToken);

    public IAsyncEnumerable<object?[]> StreamRowsAsync(string table, IReadOnlyList<WarehouseColumn> columns, CancellationToken cancellationToken) =>
        inner.StreamRowsAsync(table, columns, cancellationToken);

    public Task CheckHealthAsync(CancellationToken cancellationToken) => inner.CheckHealthAsync(cancellationToken);

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
