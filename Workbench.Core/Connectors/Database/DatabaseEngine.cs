namespace Workbench.Core.Connectors.Database;

/// <summary>The database engines a connector can pull from (a source, not the warehouse: the roles are separate).</summary>
public enum DatabaseEngine
{
    SqlServer,
    PostgreSql,
    Sqlite,
    DuckDb,
}
