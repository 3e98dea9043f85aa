using Workbench.Infrastructure.Warehouse;
using Workbench.Infrastructure.Warehouse.PostgreSql;

namespace Workbench.Tests.Infrastructure.Warehouse;

/// <summary>The PostgreSQL text; PostgreSQL also runs it for real in <see cref="PostgreSqlWarehouseTests"/>.</summary>
public sealed class PostgreSqlWarehouseSqlTests : WarehouseSqlTests
{
    protected override WarehouseSql Sql { get; } = new PostgreSqlWarehouseSql();

    protected override string ExpectedCreateTable =>
        """CREATE TABLE "ds_7" ("c1" bigint NULL, "c2" numeric(38,10) NULL, "c3" text NULL, "c4" boolean NULL, "c5" date NULL, "c6" timestamp NULL)""";

    protected override string ExpectedTableExists =>
        """SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table""";

    protected override string ExpectedOrderedPage =>
        """SELECT "c3", "c1" FROM "ds_7" ORDER BY "c1", "c5" LIMIT 10 OFFSET 20""";

    protected override string ExpectedUnorderedPage =>
        """SELECT "c1" FROM "ds_7" LIMIT 100 OFFSET 0""";

    protected override string ExpectedSwapIn =>
        """
        DROP TABLE IF EXISTS "ds_7"
        ALTER TABLE "ds_7__stage_0123456789ab" RENAME TO "ds_7"
        """;

    protected override string ExpectedNullKeys =>
        """SELECT count(*) FROM "ds_7__stage_0123456789ab" WHERE "c1" IS NULL OR "c5" IS NULL""";

    protected override string ExpectedDuplicateKey =>
        """SELECT "c1", "c5", count(*) FROM "ds_7__stage_0123456789ab" GROUP BY "c1", "c5" HAVING count(*) > 1 LIMIT 1""";

    protected override string ExpectedUpsert =>
        """
        UPDATE "ds_7" AS t SET "c2" = s."c2", "c3" = s."c3", "c4" = s."c4", "c6" = s."c6" FROM "ds_7__stage_0123456789ab" AS s WHERE t."c1" = s."c1" AND t."c5" = s."c5"
        INSERT INTO "ds_7" ("c1", "c2", "c3", "c4", "c5", "c6") SELECT s."c1", s."c2", s."c3", s."c4", s."c5", s."c6" FROM "ds_7__stage_0123456789ab" AS s WHERE NOT EXISTS (SELECT 1 FROM "ds_7" AS t WHERE t."c1" = s."c1" AND t."c5" = s."c5")
        """;

    protected override string ExpectedUpsertOfKeysOnly =>
        """INSERT INTO "ds_7" ("c1") SELECT s."c1" FROM "ds_7__stage_0123456789ab" AS s WHERE NOT EXISTS (SELECT 1 FROM "ds_7" AS t WHERE t."c1" = s."c1")""";

    protected override string ExpectedReadCheckpoint =>
        """SELECT "value" FROM "wb_checkpoints" WHERE "name" = @name""";

    protected override string ExpectedWriteCheckpoint =>
        """
        DELETE FROM "wb_checkpoints" WHERE "name" = @name
        INSERT INTO "wb_checkpoints" ("name", "value") VALUES (@name, @value)
        """;
}
