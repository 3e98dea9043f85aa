using Workbench.Core.Abstractions;
using Workbench.Core.Catalog;
using Workbench.Infrastructure.Warehouse;

namespace Workbench.Tests.Infrastructure.Warehouse;

/// <summary>The warehouse's SQL scenarios; each engine's subclass asserts the exact text it generates.</summary>
public abstract class WarehouseSqlTests
{
    protected const string Stage = "ds_7__stage_0123456789ab";

    private static readonly IReadOnlyList<WarehouseColumn> Columns =
    [
        new("c1", ColumnType.Integer),
        new("c2", ColumnType.Number),
        new("c3", ColumnType.Text),
        new("c4", ColumnType.Boolean),
        new("c5", ColumnType.Date),
        new("c6", ColumnType.DateTime),
    ];

    protected abstract WarehouseSql Sql { get; }

    protected abstract string ExpectedCreateTable { get; }

    protected abstract string ExpectedTableExists { get; }

    protected abstract string ExpectedOrderedPage { get; }

    protected abstract string ExpectedUnorderedPage { get; }

    protected abstract string ExpectedSwapIn { get; }

    protected abstract string ExpectedNullKeys { get; }

    protected abstract string ExpectedDuplicateKey { get; }

    protected abstract string ExpectedUpsert { get; }

    protected abstract string ExpectedUpsertOfKeysOnly { get; }

    protected abstract string ExpectedReadCheckpoint { get; }

    protected abstract string ExpectedWriteCheckpoint { get; }

    [Fact]
    public void Create_table_maps_every_column_type() =>
        Assert.Equal(ExpectedCreateTable, Sql.CreateTable("ds_7", Columns));

    [Fact]
    public void Table_exists_binds_the_name_as_a_parameter() =>
        Assert.Equal(ExpectedTableExists, Sql.TableExists());

    [Fact]
    public void Page_with_an_order_skips_and_takes() =>
        Assert.Equal(ExpectedOrderedPage, Sql.SelectPage("ds_7", [Columns[2], Columns[0]], 20, 10, ["c1", "c5"]));

    [Fact]
    public void Page_without_an_order_takes() =>
        Assert.Equal(ExpectedUnorderedPage, Sql.SelectPage("ds_7", [Columns[0]], 0, 100, null));

    [Fact]
    public void Swap_drops_the_old_table_and_renames_the_stage() =>
        Assert.Equal(ExpectedSwapIn, string.Join("\n", Sql.SwapIn(Stage, "ds_7")));

    [Fact]
    public void Null_keys_are_counted_in_the_stage() =>
        Assert.Equal(ExpectedNullKeys, Sql.CountNullKeys(Stage, ["c1", "c5"]));

    [Fact]
    public void Duplicate_keys_are_found_in_the_stage() =>
        Assert.Equal(ExpectedDuplicateKey, Sql.FirstDuplicateKey(Stage, ["c1", "c5"]));

    [Fact]
    public void Upsert_updates_matching_rows_then_inserts_missing_ones() =>
        Assert.Equal(ExpectedUpsert, string.Join("\n", Sql.Upsert(Stage, "ds_7", Columns, ["c1", "c5"])));

    [Fact]
    public void Upsert_of_key_columns_only_just_inserts() =>
        Assert.Equal(ExpectedUpsertOfKeysOnly, string.Join("\n", Sql.Upsert(Stage, "ds_7", [Columns[0]], ["c1"])));

    [Fact]
    public void A_checkpoint_is_read_by_its_name_as_a_parameter() =>
        Assert.Equal(ExpectedReadCheckpoint, Sql.ReadCheckpoint("wb_checkpoints"));

    [Fact]
    public void A_checkpoint_is_replaced_by_delete_then_insert_with_parameters() =>
        Assert.Equal(ExpectedWriteCheckpoint, string.Join("\n", Sql.WriteCheckpoint("wb_checkpoints")));

    [Theory]
    [InlineData("ds_7]; DROP TABLE x; --")]
    [InlineData("ds_7\"")]
    [InlineData("Ds_7")]
    public void Names_that_are_not_synthetic_never_reach_the_sql(string name)
    {
        Assert.Throws<ArgumentException>(() => Sql.CreateTable(name, Columns));
        Assert.Throws<ArgumentException>(() => Sql.SwapIn(name, "ds_7"));
        Assert.Throws<ArgumentException>(() => Sql.Upsert(Stage, "ds_7", Columns, [name]));
    }
}
