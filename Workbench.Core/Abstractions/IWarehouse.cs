using Workbench.Core.Catalog;
using Workbench.Core.Query;
using Workbench.Core.Query.Dialects;

namespace Workbench.Core.Abstractions;

/// <summary>A warehouse column: a physical (synthetic) name and its type.</summary>
public sealed record WarehouseColumn(string Name, ColumnType Type);

/// <summary>
/// What to load where: the table, its columns in the order of each row's values, the mode, and for upserts the key
/// columns. A <see cref="Checkpoint"/> is written in the same transaction that makes the rows visible, so a sync's
/// watermark never runs ahead of (or behind) the data it describes.
/// </summary>
public sealed record WarehouseLoad(
    string Table,
    IReadOnlyList<WarehouseColumn> Columns,
    LoadMode Mode,
    IReadOnlyList<string> KeyColumns,
    WarehouseCheckpoint? Checkpoint = null);

/// <summary>A named value kept in the warehouse with the rows it describes, e.g. a connector's watermark.</summary>
public sealed record WarehouseCheckpoint(string Name, string Value);

/// <summary>
/// The warehouse: one table per dataset. Implementations use the engine's bulk path and
/// make every load all or nothing.
/// </summary>
public interface IWarehouse
{
    /// <summary>The provider name, e.g. <c>DuckDb</c>.</summary>
    string Provider { get; }

    Task CreateTableAsync(string table, IReadOnlyList<WarehouseColumn> columns, CancellationToken cancellationToken);

    /// <summary>Drops the table; nothing happens when it does not exist.</summary>
    Task DropTableAsync(string table, CancellationToken cancellationToken);

    Task<bool> TableExistsAsync(string table, CancellationToken cancellationToken);

    /// <summary>
    /// Loads the rows (values in <see cref="WarehouseLoad.Columns"/> order, CLR types as <see cref="ColumnType"/> says).
    /// If enumerating <paramref name="rows"/> throws, or the database refuses a row, nothing is loaded and the exception propagates.
    /// Replace swaps in the new rows in one transaction; the table then has exactly <see cref="WarehouseLoad.Columns"/>.
    /// Upsert matches on <see cref="WarehouseLoad.KeyColumns"/>, which must be present and unique within the rows.
    /// Rows that cannot be loaded as given (a value of the wrong type, a null or repeated upsert key) throw
    /// <see cref="WarehouseLoadException"/>. Returns the table's row count afterwards.
    /// </summary>
    Task<long> LoadAsync(WarehouseLoad load, IEnumerable<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>The value last committed under <paramref name="name"/> by a load's checkpoint, or null.</summary>
    Task<string?> ReadCheckpointAsync(string name, CancellationToken cancellationToken);

    Task<long> CountRowsAsync(string table, CancellationToken cancellationToken);

    /// <summary>A page of rows in the order of <paramref name="columns"/>, ordered by <paramref name="orderBy"/> when given (else by the table's natural order).</summary>
    Task<IReadOnlyList<object?[]>> ReadRowsAsync(
        string table,
        IReadOnlyList<WarehouseColumn> columns,
        long offset,
        int limit,
        IReadOnlyList<string>? orderBy,
        CancellationToken cancellationToken);

    /// <summary>Every row, streamed; memory stays flat whatever the table's size.</summary>
    IAsyncEnumerable<object?[]> StreamRowsAsync(string table, IReadOnlyList<WarehouseColumn> columns, CancellationToken cancellationToken);

    /// <summary>The SQL dialect pipelines compile to for this warehouse.</summary>
    SqlDialect Dialect { get; }

    /// <summary>
    /// Runs a compiled query and streams its rows, values in <see cref="CompiledQuery.Columns"/> order and in the CLR
    /// convention of <see cref="ColumnType"/> (long, double, string, bool, DateOnly, DateTime, or null). Parameters are
    /// bound with the provider type of their <see cref="ColumnType"/>. Cancelling <paramref name="cancellationToken"/>
    /// stops the statement in the database; past <paramref name="timeout"/> (infinite: none) the statement is stopped
    /// and <see cref="QueryTimeoutException"/> is thrown.
    /// </summary>
    IAsyncEnumerable<object?[]> QueryAsync(CompiledQuery query, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Throws when the warehouse cannot be reached.</summary>
    Task CheckHealthAsync(CancellationToken cancellationToken);
}
