using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Warehouse.DuckDb;

/// <summary>DuckDB speaks the common dialect; only its types and parameter marker differ.</summary>
public class DuckDbWarehouseSql : WarehouseSql
{
    protected override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Integer => "BIGINT",
        ColumnType.Number => "DOUBLE",
        ColumnType.Text => "VARCHAR",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Date => "DATE",
        ColumnType.DateTime => "TIMESTAMP",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public override string Parameter(string name) => "$" + name;
}
