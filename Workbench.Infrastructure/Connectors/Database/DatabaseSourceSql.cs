using Workbench.Core.Connectors.Database;

namespace Workbench.Infrastructure.Connectors.Database;

/// <summary>
/// The SQL a database source runs, in the common dialect of PostgreSQL, SQLite and DuckDB; SQL Server overrides the
/// quoting and the row limit. Source names (not synthetic like the warehouse's) pass <see cref="SourceIdentifier"/>,
/// which refuses quote and bracket characters, before they are quoted; values are always parameters.
/// </summary>
internal class DatabaseSourceSql
{
    public const string SinceParameter = "since";

    public static DatabaseSourceSql For(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.SqlServer => new SqlServerSourceSql(),
        DatabaseEngine.DuckDb => new DuckDbSourceSql(),
        DatabaseEngine.PostgreSql or DatabaseEngine.Sqlite => new DatabaseSourceSql(),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, null),
    };

    /// <summary>Validates and quotes one source name.</summary>
    public string Quote(string identifier) => QuoteValidated(SourceIdentifier.Validate(identifier));

    protected virtual string QuoteValidated(string identifier) => "\"" + identifier + "\"";

    /// <summary>A named parameter as the driver spells it.</summary>
    public virtual string Parameter(string name) => "@" + name;

    /// <summary>
    /// What the read selects from: the quoted table (each part of <c>schema.table</c> quoted), or the query as a
    /// subquery. The query sits on lines of its own so a trailing <c>--</c> comment cannot swallow the closing parenthesis.
    /// </summary>
    public string From(DatabaseSourceSettings settings)
    {
        if (settings.Table is { } table && !string.IsNullOrWhiteSpace(table))
        {
            var parts = SourceIdentifier.SplitTableName(table)
                ?? throw new ArgumentException($"'{table}' is not an allowed table name.", nameof(settings));
            return string.Join(".", parts.Select(Quote));
        }
        if (!ReadOnlyQuery.TryCheck(settings.Query, out var body, out var problem))
        {
            throw new ArgumentException(problem, nameof(settings));
        }
        return FromQuery(body);
    }

    /// <summary>The query as a subquery; internal so tests can bypass the text check and reach the engine's guard.</summary>
    internal static string FromQuery(string body) => "(\n" + body + "\n) AS src";

    /// <summary>
    /// The read: the named columns, from the watermark on when <paramref name="since"/> is set, ordered by the watermark
    /// when there is one so that each batch's watermark is safe to commit with its rows.
    /// </summary>
    public string Select(string from, IReadOnlyList<string> columns, string? watermark, bool since)
    {
        var sql = $"SELECT {string.Join(", ", columns.Select(Quote))} FROM {from}";
        if (watermark is not null)
        {
            if (since)
            {
                sql += $" WHERE {Quote(watermark)} > {Parameter(SinceParameter)}";
            }
            sql += $" ORDER BY {Quote(watermark)}";
        }
        return sql;
    }

    /// <summary>No rows, only the columns: how a read finds renamed and new source columns before it starts.</summary>
    public virtual string Columns(string from) => $"SELECT * FROM {from} WHERE 1 = 0";

    /// <summary>The first rows, every column, for a dry run.</summary>
    public virtual string Preview(string from, int rows) => $"SELECT * FROM {from} LIMIT {rows}";
}

internal sealed class DuckDbSourceSql : DatabaseSourceSql
{
    public override string Parameter(string name) => "$" + name;
}

internal sealed class SqlServerSourceSql : DatabaseSourceSql
{
    protected override string QuoteValidated(string identifier) => "[" + identifier + "]";

    public override string Preview(string from, int rows) => $"SELECT TOP ({rows}) * FROM {from}";
}
