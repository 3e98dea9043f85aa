using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <summary>The audit log refuses UPDATE and DELETE in the database itself; the model does not change.</summary>
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Statement-level, so even an UPDATE or DELETE that matches no row is refused, and TRUNCATE too.
            migrationBuilder.Sql("""
                CREATE FUNCTION "AuditEntries_refuse_change"() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'AuditEntries is append-only: % is refused.', TG_OP;
                END;
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditEntries"
                FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntries_refuse_change"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEntries_append_only" ON "AuditEntries";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "AuditEntries_refuse_change"();""");
        }
    }
}
