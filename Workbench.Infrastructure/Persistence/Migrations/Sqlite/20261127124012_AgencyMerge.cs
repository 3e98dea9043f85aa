using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgencyMerge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Agencies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_MergedIntoId",
                table: "Agencies",
                column: "MergedIntoId");

            migrationBuilder.AddForeignKey(
                name: "FK_Agencies_Agencies_MergedIntoId",
                table: "Agencies",
                column: "MergedIntoId",
                principalTable: "Agencies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Agencies_Agencies_MergedIntoId",
                table: "Agencies");

            migrationBuilder.DropIndex(
                name: "IX_Agencies_MergedIntoId",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Agencies");
        }
    }
}
