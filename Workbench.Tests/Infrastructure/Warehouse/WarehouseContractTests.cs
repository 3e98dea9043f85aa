using Workbench.Core.Abstractions;
using Workbench.Core.Catalog;

namespace Workbench.Tests.Infrastructure.Warehouse;

/// <summary>What every warehouse engine must do; one subclass per engine that can run here.</summary>
public abstract class WarehouseContractTests
{
    private static int s_nextTable = 1000;

    private static readonly IReadOnlyList<WarehouseColumn> EveryType =
    [
        new("c1", ColumnType.Integer),
        new("c2", ColumnType.Number),
        new("c3", ColumnType.Text),
        new("c4", ColumnType.Boolean),
        new("c5", ColumnType.Date),
        new("c6", ColumnType.DateTime),
    ];

    private static readonly IReadOnlyList<WarehouseColumn> KeyedColumns =
    [
        new("c1", ColumnType.Text),
        new("c2", ColumnType.Integer),
        new("c3", ColumnType.Number),
    ];

    protected abstract IWarehouse Warehouse { get; }

    /// <summary>Every table name in the warehouse, read behind the port's back to find leftover staging tables.</summary>
    protected abstract Task<IReadOnlyList<string>> TableNamesAsync();

    /// <summary>How close two numbers must be: exact on DuckDB's DOUBLE, 10 decimals on numeric(38,10).</summary>
    protected virtual double NumberTolerance => 0;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string NewTable() => DatasetKey.TableNameFor(Interlocked.Increment(ref s_nextTable));

    private async Task<string> CreateAsync(IReadOnlyList<WarehouseColumn> columns)
    {
        var table = NewTable();
        await Warehouse.CreateTableAsync(table, columns, Cancel);
        return table;
    }

    private Task<long> LoadAsync(string table, IReadOnlyList<WarehouseColumn> columns, LoadMode mode, IEnumerable<object?[]> rows, params string[] keys) =>
        Warehouse.LoadAsync(new WarehouseLoad(table, columns, mode, keys), rows, Cancel);

    private async Task<List<object?[]>> AllRowsAsync(string table, IReadOnlyList<WarehouseColumn> columns) =>
        [.. await Warehouse.ReadRowsAsync(table, columns, 0, int.MaxValue, [columns[0].Name], Cancel)];

    private static object?[] Row(long id, string text) =>
        [id, id * 1.5, text, id % 2 == 0, new DateOnly(2024, 1, 1).AddDays((int)(id % 300)), new DateTime(2024, 5, 6, 7, 8, 9).AddMinutes(id)];

    private static IEnumerable<object?[]> Rows(int count, string text = "x", int first = 1) =>
        Enumerable.Range(first, count).Select(i => Row(i, text));

    private static IEnumerable<object?[]> ThrowingAfter(IEnumerable<object?[]> rows, int count)
    {
        var yielded = 0;
        foreach (var row in rows)
        {
            if (yielded++ == count)
            {
                throw new InvalidOperationException("The source failed mid-way.");
            }
            yield return row;
        }
    }

    [Fact]
    public async Task Create_makes_an_empty_table_that_exists()
    {
        var table = await CreateAsync(EveryType);

        Assert.True(await Warehouse.TableExistsAsync(table, Cancel));
        Assert.False(await Warehouse.TableExistsAsync(NewTable(), Cancel));
        Assert.Equal(0, await Warehouse.CountRowsAsync(table, Cancel));
    }

    [Fact]
    public async Task Append_adds_rows_to_those_already_there()
    {
        var table = await CreateAsync(EveryType);

        var first = await LoadAsync(table, EveryType, LoadMode.Append, Rows(3));
        var second = await LoadAsync(table, EveryType, LoadMode.Append, Rows(2, first: 4));

        Assert.Equal(3, first);
        Assert.Equal(5, second);
        var rows = await AllRowsAsync(table, EveryType);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], rows.Select(r => (long)r[0]!));
        AssertRow(Row(4, "x"), rows[3]);
    }

    [Fact]
    public async Task Replace_swaps_in_the_new_rows()
    {
        var table = await CreateAsync(EveryType);
        await LoadAsync(table, EveryType, LoadMode.Append, Rows(5, "old"));

        var count = await LoadAsync(table, EveryType, LoadMode.Replace, Rows(2, "new", first: 10));

        Assert.Equal(2, count);
        var rows = await AllRowsAsync(table, EveryType);
        Assert.All(rows, r => Assert.Equal("new", r[2]));
        Assert.DoesNotContain(await TableNamesAsync(), name => name.Contains("stage"));
    }

    [Fact]
    public async Task Replace_is_atomic_for_a_concurrent_reader()
    {
        var columns = new WarehouseColumn[] { new("c1", ColumnType.Integer), new("c2", ColumnType.Text) };
        var table = await CreateAsync(columns);
        IEnumerable<object?[]> Generation(string tag, int count) => Enumerable.Range(1, count).Select(i => new object?[] { (long)i, tag });
        await LoadAsync(table, columns, LoadMode.Replace, Generation("a", 3000));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var observations = new List<string>();
        // Released after every complete read, so the writer can wait for a read that began after its load:
        // both generations are then observed however the threads are scheduled.
        using var readDone = new SemaphoreSlim(0);

        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // One statement, so the reader sees one snapshot; its count and its contents must agree.
                var tags = new Dictionary<string, int>();
                await foreach (var row in Warehouse.StreamRowsAsync(table, columns, CancellationToken.None))
                {
                    var tag = (string)row[1]!;
                    tags[tag] = tags.GetValueOrDefault(tag) + 1;
                }
                lock (observations)
                {
                    observations.Add(string.Join(",", tags.OrderBy(t => t.Key).Select(t => $"{t.Key}:{t.Value}")));
                }
                readDone.Release();
            }
        }, CancellationToken.None);
        for (var i = 0; i < 8; i++)
        {
            await LoadAsync(table, columns, LoadMode.Replace, i % 2 == 0 ? Generation("b", 5000) : Generation("a", 3000));
            if (i < 2)
            {
                // The read in flight may have started before the load; the one after it cannot have.
                while (readDone.CurrentCount > 0) await readDone.WaitAsync(Cancel);
                await readDone.WaitAsync(Cancel);
                await readDone.WaitAsync(Cancel);
            }
        }
        await stop.CancelAsync();
        await reader;

        Assert.Contains("a:3000", observations);
        Assert.Contains("b:5000", observations);
        Assert.All(observations, seen => Assert.Contains(seen, new[] { "a:3000", "b:5000" }));
        Assert.DoesNotContain(await TableNamesAsync(), name => name.Contains("stage"));
    }

    [Theory]
    [InlineData(LoadMode.Append)]
    [InlineData(LoadMode.Replace)]
    [InlineData(LoadMode.Upsert)]
    public async Task A_checkpoint_is_committed_with_the_rows_and_the_next_one_replaces_it(LoadMode mode)
    {
        var table = await CreateAsync(EveryType);
        var name = "connector:" + table;
        Assert.Null(await Warehouse.ReadCheckpointAsync(name, Cancel));

        await Warehouse.LoadAsync(new WarehouseLoad(table, EveryType, mode, ["c1"], new WarehouseCheckpoint(name, "2026-11-01T00:00:00")), Rows(3), Cancel);
        await Warehouse.LoadAsync(new WarehouseLoad(table, EveryType, mode, ["c1"], new WarehouseCheckpoint(name, "2026-11-02T08:30:00")), Rows(2, first: 4), Cancel);

        Assert.Equal("2026-11-02T08:30:00", await Warehouse.ReadCheckpointAsync(name, Cancel));
        Assert.Equal(mode == LoadMode.Replace ? 2 : 5, (await AllRowsAsync(table, EveryType)).Count);
        Assert.Null(await Warehouse.ReadCheckpointAsync("connector:someone-else", Cancel));
    }

    [Theory]
    [InlineData(LoadMode.Append)]
    [InlineData(LoadMode.Replace)]
    [InlineData(LoadMode.Upsert)]
    public async Task A_load_that_fails_half_way_leaves_its_checkpoint_as_it_was(LoadMode mode)
    {
        var table = await CreateAsync(EveryType);
        var name = "connector:" + table;
        await Warehouse.LoadAsync(new WarehouseLoad(table, EveryType, mode, ["c1"], new WarehouseCheckpoint(name, "first")), Rows(3), Cancel);

        await Assert.ThrowsAnyAsync<Exception>(() => Warehouse.LoadAsync(
            new WarehouseLoad(table, EveryType, mode, ["c1"], new WarehouseCheckpoint(name, "second")), ThrowingAfter(Rows(50, first: 10), 20), Cancel));

        Assert.Equal("first", await Warehouse.ReadCheckpointAsync(name, Cancel));
        Assert.Equal(3, (await AllRowsAsync(table, EveryType)).Count);
    }

    [Fact]
    public async Task Upsert_updates_rows_with_matching_keys_and_inserts_the_rest()
    {
        var table = await CreateAsync(KeyedColumns);
        await LoadAsync(table, KeyedColumns, LoadMode.Append,
        [
            ["Lý Sơn", 2023L, 1.0],
            ["Lý Sơn", 2024L, 2.0],
            ["Đức Phổ", 2024L, 3.0],
        ]);

        var count = await LoadAsync(table, KeyedColumns, LoadMode.Upsert,
        [
            ["Lý Sơn", 2024L, 20.0],
            ["Đức Phổ", 2023L, 30.0],
        ], "c1", "c2");

        Assert.Equal(4, count);
        var rows = await Warehouse.ReadRowsAsync(table, KeyedColumns, 0, 10, ["c1", "c2"], Cancel);
        Assert.Equal(
            new[] { "Lý Sơn/2023/1", "Lý Sơn/2024/20", "Đức Phổ/2023/30", "Đức Phổ/2024/3" }.Order(StringComparer.Ordinal),
            rows.Select(r => $"{r[0]}/{r[1]}/{r[2]}").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await TableNamesAsync(), name => name.Contains("stage"));
    }

    [Fact]
    public async Task Upsert_with_duplicate_keys_in_the_batch_fails_and_loads_nothing()
    {
        var table = await CreateAsync(KeyedColumns);
        await LoadAsync(table, KeyedColumns, LoadMode.Append, [["Lý Sơn", 2023L, 1.0]]);

        var error = await Assert.ThrowsAsync<WarehouseLoadException>(() => LoadAsync(table, KeyedColumns, LoadMode.Upsert,
        [
            ["Lý Sơn", 2023L, 5.0],
            ["Đức Phổ", 2024L, 6.0],
            ["Đức Phổ", 2024L, 7.0],
        ], "c1", "c2"));

        Assert.Contains("Đức Phổ", error.Message);
        var rows = await AllRowsAsync(table, KeyedColumns);
        Assert.Equal(["Lý Sơn/2023/1"], rows.Select(r => $"{r[0]}/{r[1]}/{r[2]}"));
        Assert.DoesNotContain(await TableNamesAsync(), name => name.Contains("stage"));
    }

    [Fact]
    public async Task Upsert_with_a_null_key_fails_and_loads_nothing()
    {
        var table = await CreateAsync(KeyedColumns);

        await Assert.ThrowsAsync<WarehouseLoadException>(() => LoadAsync(table, KeyedColumns, LoadMode.Upsert,
            [["Lý Sơn", null, 5.0]], "c1", "c2"));

        Assert.Equal(0, await Warehouse.CountRowsAsync(table, Cancel));
    }

    [Fact]
    public async Task Drop_removes_the_table_and_dropping_a_missing_table_does_nothing()
    {
        var table = await CreateAsync(EveryType);

        await Warehouse.DropTableAsync(table, Cancel);
        await Warehouse.DropTableAsync(table, Cancel);

        Assert.False(await Warehouse.TableExistsAsync(table, Cancel));
    }

    [Fact]
    public async Task Vietnamese_text_and_emoji_round_trip()
    {
        var columns = new WarehouseColumn[] { new("c1", ColumnType.Integer), new("c2", ColumnType.Text) };
        var table = await CreateAsync(columns);
        string[] texts = ["Thành phố Quảng Ngãi", "Lý Sơn", "Đức Phổ", "Nghĩa Hành 🌾🏝️", "", "  spaced  ", "ĂÂĐÊÔƠƯ ăâđêôơư ỹỸ"];

        await LoadAsync(table, columns, LoadMode.Append, texts.Select((t, i) => new object?[] { (long)i, t }));

        var rows = await AllRowsAsync(table, columns);
        Assert.Equal(texts, rows.Select(r => (string)r[1]!));
    }

    [Fact]
    public async Task Nulls_of_every_type_round_trip()
    {
        var table = await CreateAsync(EveryType);

        await LoadAsync(table, EveryType, LoadMode.Append, [[1L, null, null, null, null, null], [null, null, null, null, null, null]]);

        var rows = await Warehouse.ReadRowsAsync(table, EveryType, 0, 10, null, Cancel);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.All(r.Skip(1), Assert.Null));
        Assert.Single(rows, r => r[0] is null);
    }

    [Fact]
    public async Task Extreme_values_round_trip()
    {
        var table = await CreateAsync(EveryType);
        object?[][] rows =
        [
            [long.MaxValue, 123456789012.125, "a", true, new DateOnly(1, 1, 1), new DateTime(1900, 1, 1, 0, 0, 0)],
            [long.MinValue, -98765.4321, "b", false, new DateOnly(9999, 12, 31), new DateTime(9999, 12, 31, 23, 59, 59)],
            [0L, 0.0, "c", true, new DateOnly(1970, 1, 1), new DateTime(2024, 2, 29, 12, 34, 56)],
            [-1L, -1e-6, "d", false, new DateOnly(2000, 2, 29), new DateTime(1, 1, 1, 0, 0, 1)],
        ];

        await LoadAsync(table, EveryType, LoadMode.Append, rows);

        var read = await Warehouse.ReadRowsAsync(table, EveryType, 0, 10, ["c3"], Cancel);
        Assert.Equal(rows.Length, read.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            AssertRow(rows[i], read[i]);
        }
        Assert.All(read, r => Assert.Equal(DateTimeKind.Unspecified, ((DateTime)r[5]!).Kind));
    }

    [Theory]
    [InlineData(LoadMode.Append)]
    [InlineData(LoadMode.Replace)]
    [InlineData(LoadMode.Upsert)]
    public async Task A_rows_enumerator_that_throws_mid_way_leaves_the_table_as_it_was(LoadMode mode)
    {
        var table = await CreateAsync(EveryType);
        await LoadAsync(table, EveryType, LoadMode.Append, Rows(10, "before"));
        var before = await AllRowsAsync(table, EveryType);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LoadAsync(table, EveryType, mode, ThrowingAfter(Rows(5000, "after", first: 5), 1000), "c1"));

        var after = await AllRowsAsync(table, EveryType);
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            AssertRow(before[i], after[i]);
        }
        Assert.DoesNotContain(await TableNamesAsync(), name => name.Contains("stage"));
    }

    [Theory]
    [InlineData(LoadMode.Append)]
    [InlineData(LoadMode.Replace)]
    [InlineData(LoadMode.Upsert)]
    public async Task A_load_cancelled_mid_way_leaves_the_table_as_it_was(LoadMode mode)
    {
        var table = await CreateAsync(EveryType);
        await LoadAsync(table, EveryType, LoadMode.Append, Rows(10, "before"));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var rows = Rows(100_000, "after", first: 5).Select((row, i) =>
        {
            if (i == 1000)
            {
                cancellation.Cancel();
            }
            return row;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Warehouse.LoadAsync(new WarehouseLoad(table, EveryType, mode, ["c1"]), rows, cancellation.Token));

        var after = await AllRowsAsync(table, EveryType);
        Assert.Equal(10, after.Count);
        Assert.All(after, r => Assert.Equal("before", r[2]));
        Assert.DoesNotContain(await TableNamesAsync(), name => name.Contains("stage"));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_fails_naming_its_row_and_column_and_loads_nothing()
    {
        var table = await CreateAsync(EveryType);
        var rows = Rows(3).Append([4L, 1.0, "x", true, "2024-01-01", null]);

        var error = await Assert.ThrowsAsync<WarehouseLoadException>(() => LoadAsync(table, EveryType, LoadMode.Append, rows));

        Assert.Contains("Row 4", error.Message);
        Assert.Contains("c5", error.Message);
        Assert.Equal(0, await Warehouse.CountRowsAsync(table, Cancel));
    }

    [Fact]
    public async Task Stream_rows_returns_every_row()
    {
        var table = await CreateAsync(EveryType);
        await LoadAsync(table, EveryType, LoadMode.Append, Rows(12_345));

        var ids = new HashSet<long>();
        await foreach (var row in Warehouse.StreamRowsAsync(table, EveryType, Cancel))
        {
            ids.Add((long)row[0]!);
        }

        Assert.Equal(12_345, ids.Count);
        Assert.Equal(Enumerable.Range(1, 12_345).Select(i => (long)i), ids.Order());
    }

    [Fact]
    public async Task Read_rows_returns_the_requested_page_in_order()
    {
        var table = await CreateAsync(EveryType);
        await LoadAsync(table, EveryType, LoadMode.Append, Rows(50).Reverse());

        var page = await Warehouse.ReadRowsAsync(table, [EveryType[2], EveryType[0]], 10, 5, ["c1"], Cancel);

        Assert.Equal([11L, 12L, 13L, 14L, 15L], page.Select(r => (long)r[1]!));
        Assert.All(page, r => Assert.Equal("x", r[0]));
    }

    [Theory]
    [InlineData("ds_1; DROP TABLE ds_2")]
    [InlineData("DS_1")]
    [InlineData("\"ds_1\"")]
    [InlineData("1ds")]
    [InlineData("dân_số")]
    [InlineData("ds-1")]
    [InlineData("")]
    public async Task Identifiers_that_are_not_synthetic_are_rejected(string name)
    {
        var table = await CreateAsync(EveryType);

        await Assert.ThrowsAsync<ArgumentException>(() => Warehouse.CreateTableAsync(name, EveryType, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => Warehouse.DropTableAsync(name, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => Warehouse.CountRowsAsync(name, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => Warehouse.CreateTableAsync(NewTable(), [new(name, ColumnType.Text)], Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => Warehouse.ReadRowsAsync(table, EveryType, 0, 1, [name], Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => LoadAsync(table, EveryType, LoadMode.Upsert, Rows(1), name));
    }

    [Fact]
    public async Task Health_check_succeeds_when_the_warehouse_is_reachable()
    {
        await Warehouse.CheckHealthAsync(Cancel);
    }

    private void AssertRow(object?[] expected, object?[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] is double number)
            {
                Assert.IsType<double>(actual[i]);
                Assert.Equal(number, (double)actual[i]!, NumberTolerance);
            }
            else
            {
                Assert.Equal(expected[i], actual[i]);
            }
        }
    }
}
