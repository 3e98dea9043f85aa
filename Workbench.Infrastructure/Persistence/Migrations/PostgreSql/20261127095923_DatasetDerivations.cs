using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workbench.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DatasetDerivations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DatasetDerivations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DatasetId = table.Column<int>(type: "integer", nullable: false),
                    ScenarioId = table.Column<int>(type: "integer", nullable: true),
                    ScenarioKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ScenarioName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ScenarioVersion = table.Column<int>(type: "integer", nullable: false),
                    ArgumentsJson = table.Column<string>(type: "text", nullable: false),
                    RefreshedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RefreshedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RefreshedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetDerivations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DatasetDerivations_AspNetUsers_RefreshedByUserId",
                        column: x => x.RefreshedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_DatasetDerivations_Datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "Datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DatasetDerivations_Scenarios_ScenarioId",
                        column: x => x.ScenarioId,
                        principalTable: "Scenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "DerivationSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DerivationId = table.Column<int>(type: "integer", nullable: false),
                    DatasetId = table.Column<int>(type: "integer", nullable: true),
                    DatasetKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DatasetName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AgencyName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DataVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DerivationSources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DerivationSources_DatasetDerivations_DerivationId",
                        column: x => x.DerivationId,
                        principalTable: "DatasetDerivations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DerivationSources_Datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "Datasets",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_DatasetDerivations_DatasetId",
                table: "DatasetDerivations",
                column: "DatasetId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DatasetDerivations_RefreshedByUserId",
                table: "DatasetDerivations",
                column: "RefreshedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_DatasetDerivations_ScenarioId",
                table: "DatasetDerivations",
                column: "ScenarioId");

            migrationBuilder.CreateIndex(
                name: "IX_DerivationSources_DatasetId",
                table: "DerivationSources",
                column: "DatasetId");

            migrationBuilder.CreateIndex(
                name: "IX_DerivationSources_DerivationId",
                table: "DerivationSources",
                column: "DerivationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DerivationSources");

            migrationBuilder.DropTable(
                name: "DatasetDerivations");
        }
    }
}
