using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Warehouse.PostgreSql;

/// <summary>PostgreSQL speaks the common dialect; only its types differ.</summary>
public class PostgreSqlWarehouseSql : WarehouseSql
{
    protected override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Integer => "bigint",
        // numeric(38,10) as PIPELINE.md fixes for `number`: exact sums, 28 digits before the point.
        ColumnType.Number => "numeric(38,10)",
        ColumnType.Text => "text",
        ColumnType.Boolean => "boolean",
        ColumnType.Date => "date",
        ColumnType.DateTime => "timestamp",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
