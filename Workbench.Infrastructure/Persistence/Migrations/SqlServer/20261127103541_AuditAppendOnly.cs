using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <summary>The audit log refuses UPDATE and DELETE in the database itself; the model does not change.</summary>
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // INSTEAD OF: the statement never touches a row. EXEC because CREATE TRIGGER must open its batch, and the
            // generated script puts a migration's statements in one batch after BEGIN TRANSACTION.
            // Note: TRUNCATE TABLE fires no trigger on SQL Server; it needs ALTER on the table, which the app's login should not have.
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [AuditEntries_AppendOnly] ON [AuditEntries] INSTEAD OF UPDATE, DELETE
                AS
                BEGIN
                    SET NOCOUNT ON;
                    THROW 51000, N''AuditEntries is append-only: entries cannot be changed or deleted.'', 1;
                END');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditEntries_AppendOnly];");
        }
    }
}
