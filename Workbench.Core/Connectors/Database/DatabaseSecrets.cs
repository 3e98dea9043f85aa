namespace Workbench.Core.Connectors.Database;

/// <summary>
/// The secret part of a database source, kept apart from <see cref="DatabaseSourceSettings"/> so the settings can be
/// shown and logged while this is stored encrypted and never shown again.
/// </summary>
/// <param name="ConnectionString">The engine's ADO.NET connection string (for SQLite and DuckDB, <c>Data Source=</c> a file path).</param>
public sealed record DatabaseSecrets(string ConnectionString)
{
    // A record prints its members; a connection string holds a password and must never reach a log.
    public override string ToString() => "DatabaseSecrets { ConnectionString = *** }";
}
