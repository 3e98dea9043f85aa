using Workbench.Core.Catalog;
using Workbench.Core.Abstractions;

namespace Workbench.Infrastructure.Warehouse;

/// <summary>
/// The SQL a warehouse runs, written once in the common dialect of DuckDB and PostgreSQL; each engine
/// overrides only the hooks that differ. Every identifier goes through <see cref="Quote"/>, which
/// validates it, so no unchecked name can reach a statement.
/// </summary>
public abstract class WarehouseSql
{
    /// <summary>The engine's type for a column type.</summary>
    protected abstract string TypeName(ColumnType type);

    /// <summary>Validates and quotes an identifier.</summary>
    public string Quote(string identifier) => QuoteValidated(SqlIdentifier.Validate(identifier));

    protected virtual string QuoteValidated(string identifier) => "\"" + identifier + "\"";

    /// <summary>A named parameter as the driver spells it.</summary>
    public virtual string Parameter(string name) => "@" + name;

    protected virtual string CurrentSchema => "current_schema()";

    /// <summary>Text after the column list, e.g. SQL Server's columnstore index.</summary>
    protected virtual string? TableExtras(string table) => null;

    public virtual string CreateTable(string table, IReadOnlyList<WarehouseColumn> columns)
    {
        var definitions = columns.Select(c => $"{Quote(c.Name)} {TypeName(c.Type)} NULL").ToList();
        if (TableExtras(table) is { } extras)
        {
            definitions.Add(extras);
        }
        return $"CREATE TABLE {Quote(table)} ({string.Join(", ", definitions)})";
    }

    public virtual string DropTableIfExists(string table) => $"DROP TABLE IF EXISTS {Quote(table)}";

    /// <summary>Counts tables named by the <c>table</c> parameter in the current schema (0 or 1).</summary>
    public virtual string TableExists() =>
        $"SELECT count(*) FROM information_schema.tables WHERE table_schema = {CurrentSchema} AND table_name = {Parameter("table")}";

    public virtual string CountRows(string table) => $"SELECT count(*) FROM {Quote(table)}";

    public virtual string SelectAll(string table, IReadOnlyList<WarehouseColumn> columns) =>
        $"SELECT {ColumnList(columns.Select(c => c.Name))} FROM {Quote(table)}";

    public virtual string SelectPage(string table, IReadOnlyList<WarehouseColumn> columns, long offset, int limit, IReadOnlyList<string>? orderBy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var order = orderBy is { Count: > 0 } ? $" ORDER BY {ColumnList(orderBy)}" : "";
        return $"{SelectAll(table, columns)}{order}{LimitOffset(offset, limit, order.Length > 0)}";
    }

    /// <summary>The paging clause; <paramref name="ordered"/> says whether an ORDER BY precedes it.</summary>
    protected virtual string LimitOffset(long offset, int limit, bool ordered) => $" LIMIT {limit} OFFSET {offset}";

    /// <summary>The statements that swap a loaded staging table in for <paramref name="table"/>, run in one transaction.</summary>
    public virtual IReadOnlyList<string> SwapIn(string stage, string table) =>
    [
        DropTableIfExists(table),
        RenameTable(stage, table),
    ];

    protected virtual string RenameTable(string from, string to) => $"ALTER TABLE {Quote(from)} RENAME TO {Quote(to)}";

    /// <summary>Counts staged rows with a null in any key column.</summary>
    public virtual string CountNullKeys(string stage, IReadOnlyList<string> keys) =>
        $"SELECT count(*) FROM {Quote(stage)} WHERE {string.Join(" OR ", keys.Select(k => $"{Quote(k)} IS NULL"))}";

    /// <summary>One key that occurs more than once among the staged rows, or no row.</summary>
    public virtual string FirstDuplicateKey(string stage, IReadOnlyList<string> keys) =>
        $"SELECT {Top(1)}{ColumnList(keys)}, count(*) FROM {Quote(stage)} GROUP BY {ColumnList(keys)} HAVING count(*) > 1{Limit(1)}";

    protected virtual string Top(int count) => "";

    protected virtual string Limit(int count) => $" LIMIT {count}";

    /// <summary>
    /// The statements of an upsert from a staging table whose keys are unique and not null, run in one
    /// transaction: update the rows whose keys match, then insert the rest. Plain <c>=</c> on keys keeps
    /// hash joins possible, which is why null keys are refused before this runs.
    /// </summary>
    public virtual IReadOnlyList<string> Upsert(string stage, string table, IReadOnlyList<WarehouseColumn> columns, IReadOnlyList<string> keys)
    {
        var statements = new List<string>(2);
        var values = columns.Where(c => !keys.Contains(c.Name)).Select(c => c.Name).ToList();
        if (values.Count > 0)
        {
            statements.Add(UpdateFromStage(stage, table, values, keys));
        }
        statements.Add(InsertMissingFromStage(stage, table, columns, keys));
        return statements;
    }

    protected virtual string UpdateFromStage(string stage, string table, IReadOnlyList<string> values, IReadOnlyList<string> keys) =>
        $"UPDATE {Quote(table)} AS t SET {string.Join(", ", values.Select(v => $"{Quote(v)} = s.{Quote(v)}"))} " +
        $"FROM {Quote(stage)} AS s WHERE {KeysMatch(keys)}";

    protected virtual string InsertMissingFromStage(string stage, string table, IReadOnlyList<WarehouseColumn> columns, IReadOnlyList<string> keys) =>
        $"INSERT INTO {Quote(table)} ({ColumnList(columns.Select(c => c.Name))}) " +
        $"SELECT {string.Join(", ", columns.Select(c => "s." + Quote(c.Name)))} FROM {Quote(stage)} AS s " +
        $"WHERE NOT EXISTS (SELECT 1 FROM {Quote(table)} AS t WHERE {KeysMatch(keys)})";

    protected string KeysMatch(IReadOnlyList<string> keys) =>
        string.Join(" AND ", keys.Select(k => $"t.{Quote(k)} = s.{Quote(k)}"));

    public virtual string HealthCheck() => "SELECT 1";

    /// <summary>The value of the checkpoint named by the <c>name</c> parameter.</summary>
    public virtual string ReadCheckpoint(string table) =>
        $"SELECT {Quote("value")} FROM {Quote(table)} WHERE {Quote("name")} = {Parameter("name")}";

    /// <summary>Replaces the checkpoint named by the <c>name</c> parameter with the <c>value</c> parameter (inside a load's transaction).</summary>
    public virtual IReadOnlyList<string> WriteCheckpoint(string table) =>
    [
        $"DELETE FROM {Quote(table)} WHERE {Quote("name")} = {Parameter("name")}",
        $"INSERT INTO {Quote(table)} ({Quote("name")}, {Quote("value")}) VALUES ({Parameter("name")}, {Parameter("value")})",
    ];

    protected string ColumnList(IEnumerable<string> names) => string.Join(", ", names.Select(Quote));
}
