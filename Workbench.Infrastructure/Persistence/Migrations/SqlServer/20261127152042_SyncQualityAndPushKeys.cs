using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SyncQualityAndPushKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "QualityReportJson",
                table: "SyncRuns",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QualityScore",
                table: "SyncRuns",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "QualityViolations",
                table: "SyncRuns",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConnectorId",
                table: "ApiKeys",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_ConnectorId",
                table: "ApiKeys",
                column: "ConnectorId");

            migrationBuilder.AddForeignKey(
                name: "FK_ApiKeys_Connectors_ConnectorId",
                table: "ApiKeys",
                column: "ConnectorId",
                principalTable: "Connectors",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ApiKeys_Connectors_ConnectorId",
                table: "ApiKeys");

            migrationBuilder.DropIndex(
                name: "IX_ApiKeys_ConnectorId",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "QualityReportJson",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "QualityScore",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "QualityViolations",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "ConnectorId",
                table: "ApiKeys");
        }
    }
}
