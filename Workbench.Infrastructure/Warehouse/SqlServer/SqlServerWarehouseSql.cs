using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Warehouse.SqlServer;

/// <summary>
/// SQL Server differs in quoting, paging (TOP, OFFSET/FETCH), renaming (sp_rename), UPDATE ... FROM
/// with a join, and its tables carry a clustered columnstore index.
/// </summary>
public class SqlServerWarehouseSql : WarehouseSql
{
    protected override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Integer => "bigint",
        ColumnType.Number => "decimal(38,10)",
        // nvarchar(max) rather than nvarchar(4000): columnstore indexes accept max columns since 2017 and the
        // upsert matches keys by join, not by a b-tree index, so nothing needs the 900-byte key limit.
        ColumnType.Text => "nvarchar(max)",
        ColumnType.Boolean => "bit",
        ColumnType.Date => "date",
        ColumnType.DateTime => "datetime2",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    protected override string QuoteValidated(string identifier) => "[" + identifier + "]";

    protected override string CurrentSchema => "SCHEMA_NAME()";

    // Index names are scoped to their table, so one fixed name survives the staging table's rename.
    protected override string? TableExtras(string table) => "INDEX [cci] CLUSTERED COLUMNSTORE";

    protected override string LimitOffset(long offset, int limit, bool ordered) =>
        (ordered ? "" : " ORDER BY (SELECT NULL)") + $" OFFSET {offset} ROWS FETCH NEXT {limit} ROWS ONLY";

    protected override string Top(int count) => $"TOP ({count}) ";

    protected override string Limit(int count) => "";

    // Note: sp_rename takes names as strings, not identifiers; they are validated by Quote's guard all the same.
    protected override string RenameTable(string from, string to) =>
        $"EXEC sp_rename N'{SqlIdentifier.Validate(from)}', N'{SqlIdentifier.Validate(to)}', N'OBJECT'";

    protected override string UpdateFromStage(string stage, string table, IReadOnlyList<string> values, IReadOnlyList<string> keys) =>
        $"UPDATE t SET {string.Join(", ", values.Select(v => $"t.{Quote(v)} = s.{Quote(v)}"))} " +
        $"FROM {Quote(table)} AS t INNER JOIN {Quote(stage)} AS s ON {KeysMatch(keys)}";
}
