using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Catalog;

/// <summary>
/// <see cref="DatasetService"/> over both stores; one subclass per warehouse that runs here for real.
/// The services live for the class, so every test uses dataset keys of its own.
/// </summary>
public abstract class DatasetServiceTests(WorkbenchServices fixture)
{
    private static readonly NewColumn[] Districts =
    [
        new("Mã huyện", ColumnType.Text, IsKey: true),
        new("Huyện", ColumnType.Text),
        new("Dân số", ColumnType.Integer),
        new("Ngày cập nhật", ColumnType.Date),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The warehouse behind the service; set by <see cref="ArrangeAsync"/>.</summary>
    private IWarehouse Warehouse { get; set; } = null!;

    [Fact]
    public async Task Create_makes_the_metadata_and_an_empty_warehouse_table()
    {
        var (datasets, admin) = await ArrangeAsync();

        var created = await datasets.CreateAsync(admin, NewDistricts("tao-bang", admin.AgencyId), Ct);

        Assert.Null(created.Error);
        var dataset = created.Value!;
        Assert.Equal(["Mã huyện", "Huyện", "Dân số", "Ngày cập nhật"], dataset.OrderedColumns.Select(c => c.Name));
        Assert.Equal(["c1", "c2", "c3", "c4"], dataset.OrderedColumns.Select(c => c.PhysicalName));
        Assert.Equal((0L, 0L), (dataset.RowCount, dataset.DataVersion));
        Assert.True(await Warehouse.TableExistsAsync(dataset.TableName, Ct));
    }

    [Fact]
    public async Task Create_with_an_invalid_definition_creates_nothing()
    {
        var (datasets, admin) = await ArrangeAsync();

        var created = await datasets.CreateAsync(admin, new NewDataset("Sai Mã", " ", admin.AgencyId,
            [new("Mã", ColumnType.Text), new(" mã ", ColumnType.Integer), new("", ColumnType.Text)]), Ct);

        var error = Assert.IsType<Error>(created.Error);
        Assert.Equal((ErrorKind.Invalid, "dataset.invalid"), (error.Kind, error.Code));
        Assert.Equal(4, error.Details!.Count);
        Assert.Null(await datasets.FindAsync("Sai Mã", Ct));
    }

    [Fact]
    public async Task Create_of_a_taken_key_is_a_conflict()
    {
        var (datasets, admin) = await ArrangeAsync();
        await CreateOrFailAsync(datasets, admin, "ma-trung");

        var again = await datasets.CreateAsync(admin, NewDistricts("ma-trung", admin.AgencyId), Ct);

        Assert.Equal(ErrorKind.Conflict, again.Error?.Kind);
    }

    [Fact]
    public async Task Load_bumps_the_data_version_and_records_the_row_count()
    {
        var (datasets, admin) = await ArrangeAsync();
        await CreateOrFailAsync(datasets, admin, "nap-hai-lan");

        var first = await datasets.LoadAsync(admin, "nap-hai-lan", LoadMode.Append, [District("522", 263_000), District("524", 175_000)], Ct);
        var second = await datasets.LoadAsync(admin, "nap-hai-lan", LoadMode.Append, [District("536", 21_000)], Ct);

        Assert.Equal(new LoadResult(2, 2, 1), first.Value);
        Assert.Equal(new LoadResult(1, 3, 2), second.Value);
        var dataset = (await datasets.FindAsync("nap-hai-lan", Ct))!;
        Assert.Equal((3L, 2L), (dataset.RowCount, dataset.DataVersion));
        Assert.NotNull(dataset.LastLoadedAt);
        Assert.Equal(3, await Warehouse.CountRowsAsync(dataset.TableName, Ct));
    }

    [Theory]
    [InlineData(LoadMode.Append)]
    [InlineData(LoadMode.Replace)]
    [InlineData(LoadMode.Upsert)]
    public async Task Load_whose_rows_fail_midway_leaves_rows_count_and_version_unchanged(LoadMode mode)
    {
        var (datasets, admin) = await ArrangeAsync();
        var key = "dut-giua-chung-" + mode.ToString().ToLowerInvariant();
        await CreateOrFailAsync(datasets, admin, key);
        await LoadOrFailAsync(datasets, admin, key, [District("522", 263_000), District("536", 21_000)]);
        var before = await SnapshotAsync(datasets, admin, key);

        var failure = await Assert.ThrowsAsync<IOException>(() =>
            datasets.LoadAsync(admin, key, mode, RowsThatFailAfter(3, District("522", 1), District("524", 2), District("527", 3)), Ct));

        Assert.Equal("nguồn dữ liệu bị ngắt", failure.Message);
        Assert.Equal(before, await SnapshotAsync(datasets, admin, key));
    }

    [Fact]
    public async Task Load_refused_by_the_warehouse_is_an_error_value_and_changes_nothing()
    {
        var (datasets, admin) = await ArrangeAsync();
        await CreateOrFailAsync(datasets, admin, "khoa-lap");
        await LoadOrFailAsync(datasets, admin, "khoa-lap", [District("522", 263_000)]);
        var before = await SnapshotAsync(datasets, admin, "khoa-lap");

        var loaded = await datasets.LoadAsync(admin, "khoa-lap", LoadMode.Upsert, [District("524", 1), District("524", 2)], Ct);

        Assert.Equal((ErrorKind.Invalid, "dataset.rows-rejected"), (loaded.Error?.Kind, loaded.Error?.Code));
        Assert.Equal(before, await SnapshotAsync(datasets, admin, "khoa-lap"));
    }

    [Fact]
    public async Task Redefine_replaces_columns_and_rows_together()
    {
        var (datasets, admin) = await ArrangeAsync();
        await CreateOrFailAsync(datasets, admin, "doi-cau-truc");
        await LoadOrFailAsync(datasets, admin, "doi-cau-truc", [District("522", 263_000)]);
        var oldTable = (await datasets.FindAsync("doi-cau-truc", Ct))!.TableName;

        var redefined = await datasets.RedefineAsync(admin, "doi-cau-truc",
            [new("Huyện", ColumnType.Text, IsKey: true), new("Diện tích (km²)", ColumnType.Number), new("Ven biển", ColumnType.Boolean)],
            [["Lý Sơn", 10.5, true], ["Ba Tơ", 1137.25, false]], Ct);

        Assert.Equal(new LoadResult(2, 2, 2), redefined.Value);
        var dataset = (await datasets.FindAsync("doi-cau-truc", Ct))!;
        Assert.Equal(["Huyện:text:key", "Diện tích (km²):number:", "Ven biển:boolean:"],
            dataset.OrderedColumns.Select(c => $"{c.Name}:{c.Type.ToContractName()}:{(c.IsKey ? "key" : "")}"));
        Assert.Equal(["Ba Tơ|1137.25|false", "Lý Sơn|10.5|true"], await RowTextsAsync(datasets, admin, "doi-cau-truc"));
        Assert.False(await Warehouse.TableExistsAsync(oldTable, Ct));
    }

    [Fact]
    public async Task Redefine_whose_rows_fail_keeps_the_old_columns_and_rows()
    {
        var (datasets, admin) = await ArrangeAsync();
        await CreateOrFailAsync(datasets, admin, "doi-cau-truc-hong");
        await LoadOrFailAsync(datasets, admin, "doi-cau-truc-hong", [District("522", 263_000)]);
        var before = await SnapshotAsync(datasets, admin, "doi-cau-truc-hong");
        var table = (await datasets.FindAsync("doi-cau-truc-hong", Ct))!.TableName;

        await Assert.ThrowsAsync<IOException>(() => datasets.RedefineAsync(admin, "doi-cau-truc-hong",
            [new("Huyện", ColumnType.Text)], RowsThatFailAfter(2, ["Lý Sơn"], ["Ba Tơ"]), Ct));

        Assert.Equal(before, await SnapshotAsync(datasets, admin, "doi-cau-truc-hong"));
        Assert.Equal(table, (await datasets.FindAsync("doi-cau-truc-hong", Ct))!.TableName);
        Assert.True(await Warehouse.TableExistsAsync(table, Ct));
    }

    [Fact]
    public async Task Load_that_waited_for_a_redefinition_goes_into_the_redefined_table()
    {
        var (datasets, admin) = await ArrangeAsync();
        await CreateOrFailAsync(datasets, admin, "cho-doi-cau-truc");
        await LoadOrFailAsync(datasets, admin, "cho-doi-cau-truc", [District("522", 263_000)]);
        var redefining = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        NewColumn[] renamed = [new("Mã", ColumnType.Text, IsKey: true), new("Tên", ColumnType.Text), new("Số dân", ColumnType.Integer), new("Ngày", ColumnType.Date)];
        var redefinition = Task.Run(() => datasets.RedefineAsync(admin, "cho-doi-cau-truc", renamed,
            RowsAfterGate(redefining, release, District("524", 175_000)), Ct), Ct);
        await redefining.Task;
        var load = datasets.LoadAsync(admin, "cho-doi-cau-truc", LoadMode.Append, [District("536", 21_000)], Ct);

        release.Set();
        var redefined = await redefinition;
        var loaded = await load;

        Assert.Null(redefined.Error);
        Assert.Null(loaded.Error);
        var dataset = (await datasets.FindAsync("cho-doi-cau-truc", Ct))!;
        Assert.Equal(["Mã", "Tên", "Số dân", "Ngày"], dataset.OrderedColumns.Select(c => c.Name));
        Assert.Equal((2L, 3L), (dataset.RowCount, dataset.DataVersion));
        Assert.Equal(["524|Huyện 524|175000|2024-01-01", "536|Huyện 536|21000|2024-01-01"], await RowTextsAsync(datasets, admin, "cho-doi-cau-truc"));
    }

    [Fact]
    public async Task Viewer_of_the_owner_agency_cannot_load()
    {
        var (datasets, admin) = await ArrangeAsync();
        await CreateOrFailAsync(datasets, admin, "nguoi-xem");
        var viewer = admin with { Role = Roles.Viewer };

        var loaded = await datasets.LoadAsync(viewer, "nguoi-xem", LoadMode.Append, [District("522", 1)], Ct);

        Assert.Equal((ErrorKind.Forbidden, "dataset.no-load-right"), (loaded.Error?.Kind, loaded.Error?.Code));
        Assert.Equal(0, (await datasets.FindAsync("nguoi-xem", Ct))!.RowCount);
    }

    [Fact]
    public async Task Analyst_of_the_owner_agency_may_load()
    {
        var (datasets, admin) = await ArrangeAsync();
        await CreateOrFailAsync(datasets, admin, "chuyen-vien-nap");
        var analyst = admin with { Role = Roles.Analyst };

        var loaded = await datasets.LoadAsync(analyst, "chuyen-vien-nap", LoadMode.Append, [District("522", 1)], Ct);

        Assert.Null(loaded.Error);
    }

    [Fact]
    public async Task Another_agency_cannot_read_rows_nor_load()
    {
        var (datasets, admin) = await ArrangeAsync();
        await CreateOrFailAsync(datasets, admin, "co-quan-khac");
        var otherAgency = new Caller(null, "Sở Tài chính", await AgencyIdAsync(AgencySeed.Finance), Roles.AgencyAdmin);

        var read = await datasets.ReadRowsAsync(otherAgency, "co-quan-khac", 0, 10, Ct);
        var loaded = await datasets.LoadAsync(otherAgency, "co-quan-khac", LoadMode.Append, [District("522", 1)], Ct);
        var listed = await datasets.ListQueryableAsync(otherAgency, Ct);

        Assert.Equal((ErrorKind.Forbidden, "dataset.no-query-right"), (read.Error?.Kind, read.Error?.Code));
        Assert.Equal(ErrorKind.Forbidden, loaded.Error?.Kind);
        Assert.DoesNotContain(listed, d => d.Key == "co-quan-khac");
    }

    [Fact]
    public async Task Reading_a_page_of_rows_goes_through_the_engine_and_is_audited_as_a_query()
    {
        var (datasets, admin) = await ArrangeAsync();
        await CreateOrFailAsync(datasets, admin, "doc-trang");
        await datasets.LoadAsync(admin, "doc-trang", LoadMode.Append, [District("522", 1), District("524", 2), District("525", 3)], Ct);

        var page = await datasets.ReadRowsAsync(admin, "doc-trang", 1, 1, Ct);

        Assert.Single(page.Value!.Rows);
        Assert.Equal(3, page.Value.TotalRows);
        var services = await fixture.ServicesAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var audit = await db.AuditEntries.Where(a => a.Target == "doc-trang").OrderByDescending(a => a.Id).FirstAsync(Ct);
        Assert.Equal("query.run", audit.Action);
    }

    [Fact]
    public async Task Analyst_cannot_create_for_another_agency()
    {
        var (datasets, admin) = await ArrangeAsync();
        var analyst = new Caller(null, "Chuyên viên", await AgencyIdAsync(AgencySeed.Finance), Roles.Analyst);

        var created = await datasets.CreateAsync(analyst, NewDistricts("cua-co-quan-khac", admin.AgencyId), Ct);

        Assert.Equal((ErrorKind.Forbidden, "dataset.no-create-right"), (created.Error?.Kind, created.Error?.Code));
        Assert.Null(await datasets.FindAsync("cua-co-quan-khac", Ct));
    }

    /// <summary>The service and an agency administrator of the Department of Planning and Investment.</summary>
    private async Task<(DatasetService Datasets, Caller Admin)> ArrangeAsync()
    {
        var services = await fixture.ServicesAsync();
        Warehouse = services.GetRequiredService<IWarehouse>();
        var agencyId = await AgencyIdAsync(AgencySeed.PlanningAndInvestment);
        return (services.GetRequiredService<DatasetService>(), new Caller(null, "Quản trị SKHĐT", agencyId, Roles.AgencyAdmin));
    }

    private async Task<int> AgencyIdAsync(string code)
    {
        var services = await fixture.ServicesAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync(Ct);
    }

    private static NewDataset NewDistricts(string key, int ownerAgencyId) => new(key, "Huyện " + key, ownerAgencyId, Districts);

    private static async Task CreateOrFailAsync(DatasetService datasets, Caller caller, string key)
    {
        var created = await datasets.CreateAsync(caller, NewDistricts(key, caller.AgencyId), Ct);
        Assert.Null(created.Error);
    }

    private static async Task LoadOrFailAsync(DatasetService datasets, Caller caller, string key, IEnumerable<object?[]> rows)
    {
        var loaded = await datasets.LoadAsync(caller, key, LoadMode.Append, rows, Ct);
        Assert.Null(loaded.Error);
    }

    private static object?[] District(string code, long population) =>
        [code, "Huyện " + code, population, new DateOnly(2024, 1, 1)];

    /// <summary>Yields the rows, then fails as a dropped connection to the source would.</summary>
    private static IEnumerable<object?[]> RowsThatFailAfter(int count, params object?[][] rows)
    {
        foreach (var row in rows.Take(count))
        {
            yield return row;
        }
        throw new IOException("nguồn dữ liệu bị ngắt");
    }

    /// <summary>
    /// Tells <paramref name="started"/> that the load is under way (and holds the dataset's lock), then blocks until
    /// <paramref name="release"/>, then yields the rows.
    /// </summary>
    private static IEnumerable<object?[]> RowsAfterGate(TaskCompletionSource started, ManualResetEventSlim release, params object?[][] rows)
    {
        started.TrySetResult();
        release.Wait(Ct);
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    /// <summary>What a reader can observe of a dataset: columns, row count, data version and every row.</summary>
    private static async Task<string> SnapshotAsync(DatasetService datasets, Caller caller, string key)
    {
        var dataset = (await datasets.FindAsync(key, Ct))!;
        var columns = string.Join(",", dataset.OrderedColumns.Select(c => $"{c.Name}:{c.Type.ToContractName()}"));
        return $"{columns} / {dataset.RowCount} rows / v{dataset.DataVersion} / {string.Join(" ; ", await RowTextsAsync(datasets, caller, key))}";
    }

    private static async Task<IReadOnlyList<string>> RowTextsAsync(DatasetService datasets, Caller caller, string key)
    {
        var page = await datasets.ReadRowsAsync(caller, key, 0, 1000, Ct);
        Assert.Null(page.Error);
        return [.. page.Value!.Rows
            .Select(row => string.Join("|", row.Select(Render)))
            .Order(StringComparer.Ordinal)];
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double or decimal or float => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

public sealed class DuckDbDatasetServiceTests(DuckDbWorkbenchServices fixture)
    : DatasetServiceTests(fixture), IClassFixture<DuckDbWorkbenchServices>;

public sealed class PostgreSqlDatasetServiceTests(PostgreSqlWorkbenchServices fixture)
    : DatasetServiceTests(fixture), IClassFixture<PostgreSqlWorkbenchServices>;
