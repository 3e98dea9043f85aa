using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Grants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DatasetGrants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DatasetId = table.Column<int>(type: "int", nullable: false),
                    GranteeAgencyId = table.Column<int>(type: "int", nullable: true),
                    GranteeUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    GranteeUserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Rights = table.Column<int>(type: "int", nullable: false),
                    RowFilter = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    MaskedColumns = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LegalBasisNumber = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    LegalBasisDate = table.Column<DateOnly>(type: "date", nullable: false),
                    LegalBasisIssuer = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    CreatedByName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RevokedByName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    RevokeReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DatasetGrants_Agencies_GranteeAgencyId",
                        column: x => x.GranteeAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DatasetGrants_AspNetUsers_GranteeUserId",
                        column: x => x.GranteeUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DatasetGrants_Datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "Datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DatasetGrants_DatasetId",
                table: "DatasetGrants",
                column: "DatasetId");

            migrationBuilder.CreateIndex(
                name: "IX_DatasetGrants_GranteeAgencyId_RevokedAt",
                table: "DatasetGrants",
                columns: new[] { "GranteeAgencyId", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DatasetGrants_GranteeUserId_RevokedAt",
                table: "DatasetGrants",
                columns: new[] { "GranteeUserId", "RevokedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DatasetGrants");
        }
    }
}
