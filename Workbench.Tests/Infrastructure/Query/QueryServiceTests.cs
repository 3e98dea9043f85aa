using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Query;

/// <summary>
/// <see cref="QueryService"/> over both stores: the two-phase pivot, the row cap, the cache and its invalidation by a
/// load, the timeout, access, validation and SQL. The services live for the class, so each test makes its own dataset.
/// </summary>
public abstract class QueryServiceTests(WorkbenchServices fixture)
{
    private static readonly NewColumn[] Population =
    [
        new("Huyện", ColumnType.Text),
        new("Năm", ColumnType.Integer),
        new("Dân số", ColumnType.Integer),
    ];

    private static readonly object?[][] PopulationRows =
    [
        ["Lý Sơn", 2022L, 22_000L],
        ["Lý Sơn", 2023L, 22_500L],
        ["Bình Sơn", 2022L, 180_000L],
        ["Bình Sơn", 2023L, 181_000L],
        ["Đức Phổ", 2022L, 150_000L],
        ["Đức Phổ", 2023L, 151_000L],
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Preview_shows_the_first_rows_in_order_and_the_total_of_the_whole_result()
    {
        var (queries, owner) = await ArrangeAsync("xem-truoc");

        var outcome = await queries.PreviewAsync(owner, Run("""
            { "source": { "dataset": "xem-truoc" },
              "steps": [ { "type": "filter", "expression": "[Dân số] > 20000" },
                         { "type": "sort", "by": [ { "column": "Dân số" } ] } ] }
            """), 2, Ct);

        Assert.Null(outcome.Error);
        var preview = outcome.Value!;
        Assert.Equal(6, preview.TotalRows);
        Assert.Equal([22_000L, 22_500L], preview.Rows.Select(r => (long)r[2]!));
        Assert.Equal(["Huyện", "Năm", "Dân số"], preview.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Preview_of_an_invalid_pipeline_is_its_errors()
    {
        var (queries, owner) = await ArrangeAsync("xem-loi");

        var outcome = await queries.PreviewAsync(owner, Run("""
            { "source": { "dataset": "xem-loi" }, "steps": [ { "type": "filter", "expression": "[Dan so] > 1" } ] }
            """), 100, Ct);

        Assert.Equal(0, Assert.Single(outcome.Error!.Errors).Step);
    }

    [Fact]
    public async Task Run_returns_the_columns_and_rows_of_the_pipeline()
    {
        var (queries, owner) = await ArrangeAsync("chay");

        var outcome = await queries.RunAsync(owner, Run("""
            { "source": { "dataset": "chay" },
              "parameters": [ { "name": "nam", "type": "integer", "default": 2022 } ],
              "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                         { "type": "sort", "by": [ { "column": "Dân số", "descending": true } ] },
                         { "type": "select", "columns": [ "Huyện", "Dân số" ] } ] }
            """, """{ "nam": 2023 }"""), Ct);

        Assert.Null(outcome.Error);
        var result = outcome.Value!;
        Assert.Equal([("Huyện", ColumnType.Text), ("Dân số", ColumnType.Integer)], result.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(["Bình Sơn", "Đức Phổ", "Lý Sơn"], result.Rows.Select(r => (string)r[0]!));
        Assert.Equal(181_000L, result.Rows[0][1]);
        Assert.Equal((3, false, false), (result.RowCount, result.Truncated, result.Cached));
    }

    [Fact]
    public async Task Rows_past_the_cap_are_cut_and_the_result_says_truncated()
    {
        var (queries, owner) = await ArrangeAsync("tran", new QueryOptions { MaxRows = 4 });

        var result = (await queries.RunAsync(owner, Run("""{ "source": { "dataset": "tran" }, "steps": [] }"""), Ct)).Value!;

        Assert.Equal((4, 4, true), (result.Rows.Count, result.RowCount, result.Truncated));
    }

    [Fact]
    public async Task A_second_identical_run_is_served_from_the_cache_until_the_dataset_is_loaded()
    {
        var (queries, owner) = await ArrangeAsync("dem");
        const string pipeline = """
            { "source": { "dataset": "dem" },
              "steps": [ { "type": "aggregate", "groupBy": [], "measures": [ { "function": "sum", "column": "Dân số", "as": "Tổng" } ] } ] }
            """;

        var first = (await queries.RunAsync(owner, Run(pipeline), Ct)).Value!;
        var second = (await queries.RunAsync(owner, Run(pipeline), Ct)).Value!;
        var secondAudit = await LastAuditAsync("query.run");
        var loaded = await (await Services()).GetRequiredService<DatasetService>()
            .LoadAsync(owner, "dem", LoadMode.Append, [["Sơn Tịnh", 2023L, 1_000L]], Ct);
        var third = (await queries.RunAsync(owner, Run(pipeline), Ct)).Value!;

        Assert.Null(loaded.Error);
        Assert.Equal((false, true, false), (first.Cached, second.Cached, third.Cached));
        Assert.Equal(first.Rows[0][0], second.Rows[0][0]);
        Assert.Equal(706_500L + 1_000L, third.Rows[0][0]);
        Assert.Contains("\"cached\":true", secondAudit.Details);
        Assert.Contains("\"pipelineHash\":\"", secondAudit.Details);
        Assert.Equal("dem", secondAudit.Target);
    }

    [Fact]
    public async Task Callers_whose_access_compiles_to_the_same_sql_share_a_cached_result()
    {
        var (queries, owner) = await ArrangeAsync("chung");
        var admin = new Caller(null, "Quản trị hệ thống", await AgencyIdAsync(AgencySeed.Finance), Roles.SystemAdmin);
        const string pipeline = """{ "source": { "dataset": "chung" }, "steps": [ { "type": "distinct" } ] }""";

        var first = (await queries.RunAsync(owner, Run(pipeline), Ct)).Value!;
        var second = (await queries.RunAsync(admin, Run(pipeline), Ct)).Value!;

        Assert.Equal((false, true), (first.Cached, second.Cached));
        Assert.Equal(1, queries.CacheHits);
    }

    [Fact]
    public async Task A_pivot_without_values_reads_them_first()
    {
        var (queries, owner) = await ArrangeAsync("xoay");

        var outcome = await queries.RunAsync(owner, Run("""
            { "source": { "dataset": "xoay" },
              "steps": [ { "type": "compute", "column": "Năm chữ", "expression": "ToText([Năm])" },
                         { "type": "pivot", "rows": [ "Huyện" ], "column": "Năm chữ", "value": "Dân số", "function": "sum" },
                         { "type": "sort", "by": [ { "column": "Huyện" } ] } ] }
            """), Ct);

        Assert.Null(outcome.Error);
        var result = outcome.Value!;
        Assert.Equal(["Huyện", "2022", "2023"], result.Columns.Select(c => c.Name));
        Assert.Equal<object?>(["Bình Sơn", 180_000L, 181_000L], result.Rows[0]);
    }

    [Fact]
    public async Task A_query_past_the_timeout_gives_a_clear_message()
    {
        var (queries, owner) = await ArrangeAsync("lau", new QueryOptions { TimeoutSeconds = 0.5 });
        var big = Enumerable.Range(0, 3_000).Select(i => new object?[] { "x", 1L, (long)i }).ToList();
        await (await Services()).GetRequiredService<DatasetService>().LoadAsync(owner, "lau", LoadMode.Replace, big, Ct);

        var outcome = await queries.RunAsync(owner, Run("""
            { "source": { "dataset": "lau" },
              "steps": [ { "type": "join", "dataset": "lau", "kind": "inner", "on": [ { "left": "Năm", "right": "Năm" } ], "prefix": "b " },
                         { "type": "join", "dataset": "lau", "kind": "inner", "on": [ { "left": "Năm", "right": "Năm" } ], "prefix": "c " },
                         { "type": "aggregate", "groupBy": [], "measures": [ { "function": "sum", "column": "Dân số", "as": "S" } ] } ] }
            """), Ct);

        var error = Assert.IsType<QueryError>(outcome.Error);
        Assert.Equal(QueryError.TimeoutCode, error.Code);
        Assert.StartsWith("Truy vấn chạy quá 0.5 giây", error.Message.Replace(',', '.'));
    }

    [Fact]
    public async Task A_caller_of_another_agency_is_refused_with_the_owner_named()
    {
        var (queries, _) = await ArrangeAsync("cam");
        var stranger = new Caller(null, "Chuyên viên STC", await AgencyIdAsync(AgencySeed.Finance), Roles.Analyst);

        var outcome = await queries.RunAsync(stranger, Run("""{ "source": { "dataset": "cam" }, "steps": [] }"""), Ct);

        var error = Assert.IsType<QueryError>(outcome.Error);
        Assert.Equal(ErrorKind.Forbidden, error.Kind);
        Assert.Contains("Sở Kế hoạch và Đầu tư", error.Message);
    }

    [Fact]
    public async Task Validate_gives_each_step_schema_and_errors_with_suggestions()
    {
        var (queries, owner) = await ArrangeAsync("kiem");

        var valid = (await queries.ValidateAsync(owner, Run("""
            { "source": { "dataset": "kiem" }, "steps": [ { "type": "compute", "column": "Gấp đôi", "expression": "[Dân số] * 2" } ] }
            """), Ct)).Value!;
        var invalid = (await queries.ValidateAsync(owner, Run("""
            { "source": { "dataset": "kiem" }, "steps": [ { "type": "filter", "expression": "[Dan so] > 1" } ] }
            """), Ct)).Value!;

        Assert.True(valid.Valid);
        Assert.Equal(["Huyện", "Năm", "Dân số", "Gấp đôi"], valid.Schema[0].Select(c => c.Name));
        Assert.False(invalid.Valid);
        var error = Assert.Single(invalid.Errors);
        Assert.Equal((0, "expression"), (error.Step, error.Field));
        Assert.Contains("Dân số", error.Message);
    }

    [Fact]
    public async Task Sql_shows_the_statement_for_the_configured_warehouse_with_its_parameters()
    {
        var (queries, owner) = await ArrangeAsync("sql");

        var sql = (await queries.SqlAsync(owner, Run("""
            { "source": { "dataset": "sql" }, "steps": [ { "type": "filter", "expression": "[Huyện] = 'Lý Sơn'" } ] }
            """), Ct)).Value!;

        Assert.Equal((await Services()).GetRequiredService<IWarehouse>().Dialect.Name, sql.Dialect);
        Assert.StartsWith("WITH", sql.Sql.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(sql.Parameters, p => Equals(p.Value, "Lý Sơn"));
    }

    [Fact]
    public async Task A_scenario_source_is_cached_until_a_dataset_inside_it_is_loaded_and_its_datasets_are_reported()
    {
        var (queries, owner) = await ArrangeAsync("ben-trong");
        var analyst = await AnalystAsync(owner.AgencyId);
        var scenario = await ScenarioAsync(analyst, "ben-trong", """
            { "source": { "dataset": "ben-trong" },
              "parameters": [ { "name": "nam", "type": "integer", "default": 2022 } ],
              "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" }, { "type": "select", "columns": [ "Huyện", "Dân số" ] } ] }
            """);
        var pipeline = $$"""
            { "source": { "scenario": "{{scenario}}" },
              "steps": [ { "type": "aggregate", "groupBy": [], "measures": [ { "function": "sum", "column": "Dân số", "as": "Tổng" } ] } ] }
            """;

        var first = (await queries.RunAsync(analyst, Run(pipeline), Ct)).Value!;
        var second = (await queries.RunAsync(analyst, Run(pipeline), Ct)).Value!;
        var audit = await LastAuditAsync("query.run");
        await (await Services()).GetRequiredService<DatasetService>()
            .LoadAsync(owner, "ben-trong", LoadMode.Append, [["Sơn Tịnh", 2022L, 1_000L]], Ct);
        var third = (await queries.RunAsync(analyst, Run(pipeline), Ct)).Value!;
        var stream = (await queries.StreamAsync(analyst, Run(pipeline), Ct)).Value!;

        Assert.Equal((false, true, false), (first.Cached, second.Cached, third.Cached));
        Assert.Equal(352_000L, first.Rows[0][0]);
        Assert.Equal(353_000L, third.Rows[0][0]);
        Assert.Equal("ben-trong", audit.Target);
        Assert.Contains("\"key\":\"ben-trong\"", audit.Details);
        Assert.Equal(["ben-trong"], stream.Sources.Select(s => s.Key));
    }

    [Fact]
    public async Task A_scenario_source_the_caller_may_not_view_is_refused_without_running()
    {
        var (queries, owner) = await ArrangeAsync("kin");
        var analyst = await AnalystAsync(owner.AgencyId);
        var scenario = await ScenarioAsync(analyst, "kin", """{ "source": { "dataset": "kin" }, "steps": [] }""");
        var colleague = new Caller(null, "Chuyên viên khác", owner.AgencyId, Roles.Analyst);

        var outcome = await queries.RunAsync(colleague, Run($$"""{ "source": { "scenario": "{{scenario}}" }, "steps": [] }"""), Ct);

        var error = Assert.IsType<QueryError>(outcome.Error);
        Assert.Equal(ErrorKind.Forbidden, error.Kind);
        Assert.Contains(scenario, error.Message);
    }

    private async Task<Caller> AnalystAsync(int agencyId)
    {
        await using var db = await (await Services()).GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var user = new WorkbenchUser { UserName = "cv-" + Guid.NewGuid().ToString("N"), FullName = "Chuyên viên", AgencyId = agencyId };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return new Caller(user.Id, user.FullName, agencyId, Roles.Analyst);
    }

    /// <summary>A saved scenario of <paramref name="analyst"/> holding <paramref name="pipeline"/>; its key.</summary>
    private async Task<string> ScenarioAsync(Caller analyst, string dataset, string pipeline)
    {
        var scenarios = (await Services()).GetRequiredService<ScenarioService>();
        var created = await scenarios.CreateAsync(analyst, "Kịch bản " + dataset, null, dataset, Ct);
        Assert.Null(created.Error);
        var saved = await scenarios.SaveAsync(analyst, created.Value!.Key, new ScenarioContent(created.Value.Name, null, pipeline, [], []), 1, Ct);
        Assert.Null(saved.Error);
        return created.Value.Key;
    }

    private static PipelineRun Run(string json, string? arguments = null)
    {
        var body = arguments is null ? json : json.TrimEnd().TrimEnd('}') + ", \"arguments\": " + arguments + " }";
        var parsed = PipelineJson.Parse(body);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        return new PipelineRun(parsed.Pipeline!, parsed.Arguments);
    }

    private Task<IServiceProvider> Services() => fixture.ServicesAsync();

    private async Task<(QueryService Queries, Caller Owner)> ArrangeAsync(string key, QueryOptions? options = null)
    {
        var services = await Services();
        var owner = new Caller(null, "Quản trị SKHĐT", await AgencyIdAsync(AgencySeed.PlanningAndInvestment), Roles.AgencyAdmin);
        var datasets = services.GetRequiredService<DatasetService>();
        var created = await datasets.CreateAsync(owner, new NewDataset(key, "Dân số " + key, owner.AgencyId, Population), Ct);
        Assert.Null(created.Error);
        var loaded = await datasets.LoadAsync(owner, key, LoadMode.Append, PopulationRows, Ct);
        Assert.Null(loaded.Error);
        var queries = new QueryService(
            services.GetRequiredService<IWarehouse>(),
            services.GetRequiredService<ISourceCatalog>(),
            services.GetRequiredService<Workbench.Infrastructure.Access.GrantService>(),
            services.GetRequiredService<AuditLog>(),
            Options.Create(options ?? new QueryOptions()),
            NullLogger<QueryService>.Instance);
        return (queries, owner);
    }

    private async Task<int> AgencyIdAsync(string code)
    {
        await using var db = await (await Services()).GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync(Ct);
    }

    private async Task<Workbench.Core.Audit.AuditEntry> LastAuditAsync(string action)
    {
        await using var db = await (await Services()).GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.AuditEntries.Where(a => a.Action == action).OrderByDescending(a => a.Id).FirstAsync(Ct);
    }
}

public sealed class DuckDbQueryServiceTests(DuckDbWorkbenchServices fixture)
    : QueryServiceTests(fixture), IClassFixture<DuckDbWorkbenchServices>;

public sealed class PostgreSqlQueryServiceTests(PostgreSqlWorkbenchServices fixture)
    : QueryServiceTests(fixture), IClassFixture<PostgreSqlWorkbenchServices>;
