using Workbench.Core.Query.Dialects;

namespace Workbench.Tests.Core.Query;

public sealed class DuckDbGoldenSqlTests : GoldenSqlTests
{
    protected override SqlDialect Dialect { get; } = new DuckDbDialect();

    protected override string ContractExampleSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "src1" AS (
        SELECT "c1", "c2", "c3"
        FROM "ds_2" AS "t"
        ),
        "s1" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "src0" AS "t"
        WHERE (("c3" = CAST($p0 AS BIGINT)) AND ("c2" <> CAST($p1 AS VARCHAR)))
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", (CAST("c4" AS DOUBLE) / NULLIF("c5", 0)) AS "x1"
        FROM "s1" AS "t"
        ),
        "s3" AS (
        SELECT "t"."c1", "t"."c2", "t"."c3", "t"."c4", "t"."c5", "t"."c6", "t"."c7", "t"."x1", "j"."c2" AS "x2"
        FROM "s2" AS "t"
        LEFT JOIN "src1" AS "j" ON ("t"."c1" = "j"."c1")
        ),
        "s4" AS (
        SELECT "x2", CAST(SUM("c4") AS BIGINT) AS "x3", COUNT(*) AS "x4"
        FROM "s3" AS "t"
        GROUP BY "x2"
        ),
        "s6" AS MATERIALIZED (
        SELECT "x2", "x3", "x4"
        FROM "s4" AS "t"
        ORDER BY "x3" DESC NULLS LAST
        LIMIT 10
        )
        SELECT "x2", "x3", "x4"
        FROM "s6" AS "t"
        ORDER BY "x3" DESC NULLS LAST
        """;

    protected override string TextFunctionsSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "s1" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "src0" AS "t"
        WHERE (((strpos(lower("c2"), lower(CAST($p0 AS VARCHAR))) > 0) OR (left(lower("c2"), length(CAST($p1 AS VARCHAR))) = lower(CAST($p1 AS VARCHAR)))) OR lower("c2") LIKE lower(CAST($p2 AS VARCHAR)))
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", concat(upper(left("c2", CAST($p3 AS BIGINT))), CAST(length("c2") AS VARCHAR), substr("c2", CASE WHEN (CAST($p4 AS BIGINT) < 1) THEN 1 ELSE CAST($p4 AS BIGINT) END, CASE WHEN (CAST($p4 AS BIGINT) >= 1) THEN CASE WHEN ("c3" < 0) THEN 0 ELSE "c3" END WHEN (CAST($p4 AS BIGINT) + CASE WHEN ("c3" < 0) THEN 0 ELSE "c3" END > 1) THEN CAST($p4 AS BIGINT) + CASE WHEN ("c3" < 0) THEN 0 ELSE "c3" END - 1 ELSE 0 END)) AS "x1"
        FROM "s1" AS "t"
        )
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1"
        FROM "s2" AS "t"
        """;

    protected override string NumbersAndDatesSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "s1" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", ((round("c5", CAST(CAST($p0 AS BIGINT) AS INTEGER)) + ("c4" % NULLIF(CAST($p1 AS BIGINT), 0))) + CASE WHEN (("c3" IS NULL) OR (CAST($p2 AS BIGINT) IS NULL)) THEN CAST(NULL AS BIGINT) WHEN ("c3" <= CAST($p2 AS BIGINT)) THEN "c3" ELSE CAST($p2 AS BIGINT) END) AS "x1"
        FROM "src0" AS "t"
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", date_diff('month', CAST("c6" AS DATE), CAST(CAST(CURRENT_DATE + to_months(CAST(-(CAST($p3 AS BIGINT)) AS INTEGER)) AS DATE) AS DATE)) AS "x2"
        FROM "s1" AS "t"
        ),
        "s3" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", "x2", ((CASE WHEN regexp_full_match(CASE WHEN "c5" = trunc("c5") AND abs("c5") < 1e15 THEN CAST(CAST("c5" AS BIGINT) AS VARCHAR) ELSE CAST("c5" AS VARCHAR) END, '^\s*[-+]?[0-9]{1,18}\s*$') THEN TRY_CAST(trim(CASE WHEN "c5" = trunc("c5") AND abs("c5") < 1e15 THEN CAST(CAST("c5" AS BIGINT) AS VARCHAR) ELSE CAST("c5" AS VARCHAR) END) AS BIGINT) END + CASE WHEN regexp_full_match(CAST($p4 AS VARCHAR), '^\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$') THEN TRY_CAST(trim(CAST($p4 AS VARCHAR)) AS DOUBLE) END) + CAST(EXTRACT(YEAR FROM CASE WHEN regexp_full_match(CAST($p5 AS VARCHAR), '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$') THEN TRY_CAST(trim(CAST($p5 AS VARCHAR)) AS DATE) END) AS BIGINT)) AS "x3"
        FROM "s2" AS "t"
        )
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", "x2", "x3"
        FROM "s3" AS "t"
        """;

    protected override string BooleansSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "s1" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", ("c7" AND ("c4" > CAST($p0 AS BIGINT))) AS "x1"
        FROM "src0" AS "t"
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1"
        FROM "s1" AS "t"
        WHERE ("x1" OR NOT (("c6" IS NULL)))
        )
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1"
        FROM "s2" AS "t"
        """;

    protected override string WindowThenFilterSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "s1" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", CAST(RANK() OVER (PARTITION BY "c3" ORDER BY "c4" DESC NULLS LAST) AS BIGINT) AS "x1"
        FROM "src0" AS "t"
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", ((CAST("c4" AS DOUBLE) * 100) / NULLIF(SUM(CAST("c4" AS DOUBLE)) OVER (PARTITION BY "c3"), 0)) AS "x2"
        FROM "s1" AS "t"
        ),
        "s3" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", "x2", LAG("c4", 1) OVER () AS "x3"
        FROM "s2" AS "t"
        ),
        "s4" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", "x2", "x3"
        FROM "s3" AS "t"
        WHERE ("x1" <= CAST($p0 AS BIGINT))
        )
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", "x2", "x3"
        FROM "s4" AS "t"
        """;

    protected override string PivotValuesSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "pivot_values" AS (
        SELECT DISTINCT "c2" AS "v"
        FROM "src0" AS "t"
        WHERE ("c2" IS NOT NULL)
        )
        SELECT "v"
        FROM "pivot_values" AS "t"
        ORDER BY "v" COLLATE vi ASC NULLS LAST
        LIMIT 101
        """;

    protected override string PivotSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "s1" AS (
        SELECT "c3", CAST(SUM("c4") FILTER (WHERE ("c2" = CAST($p0 AS VARCHAR))) AS BIGINT) AS "x1", CAST(SUM("c4") FILTER (WHERE ("c2" = CAST($p1 AS VARCHAR))) AS BIGINT) AS "x2"
        FROM "src0" AS "t"
        GROUP BY "c3"
        )
        SELECT "c3", "x1", "x2"
        FROM "s1" AS "t"
        """;

    protected override string PivotOnIntegerSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "s1" AS (
        SELECT "c1", CAST(SUM("c4") FILTER (WHERE ("c3" = CAST($p0 AS BIGINT))) AS BIGINT) AS "x1", CAST(SUM("c4") FILTER (WHERE (CAST("c3" AS VARCHAR) = CAST($p1 AS VARCHAR))) AS BIGINT) AS "x2"
        FROM "src0" AS "t"
        GROUP BY "c1"
        )
        SELECT "c1", "x1", "x2"
        FROM "s1" AS "t"
        """;

    protected override string AveragesSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "s1" AS (
        SELECT "c3", AVG("c4") AS "x1", AVG("c5") AS "x2"
        FROM "src0" AS "t"
        GROUP BY "c3"
        )
        SELECT "c3", "x1", "x2"
        FROM "s1" AS "t"
        """;

    protected override string UnionDistinctLimitSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "src1" AS (
        SELECT "c1", "c2", "c3"
        FROM "ds_3" AS "t"
        ),
        "s1" AS (
        SELECT "c1", "c4"
        FROM "src0" AS "t"
        ),
        "s2" AS (
        SELECT "c1", CAST("c4" AS DOUBLE) AS "x1", CAST(NULL AS VARCHAR) AS "x2"
        FROM "s1" AS "t"
        UNION
        SELECT "c1", "c2" AS "x1", "c3" AS "x2"
        FROM "src1" AS "t"
        ),
        "s3" AS (
        SELECT DISTINCT "c1", "x1", "x2"
        FROM "s2" AS "t"
        ),
        "s5" AS MATERIALIZED (
        SELECT "c1", "x1", "x2"
        FROM "s3" AS "t"
        ORDER BY "c1" COLLATE vi ASC NULLS LAST, "x1" DESC NULLS LAST
        LIMIT 10 OFFSET 20
        )
        SELECT "c1", "x1", "x2"
        FROM "s5" AS "t"
        ORDER BY "c1" COLLATE vi ASC NULLS LAST, "x1" DESC NULLS LAST
        """;

    protected override string SortLimitSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3"
        FROM "ds_2" AS "t"
        ),
        "s2" AS MATERIALIZED (
        SELECT "c1", "c2", "c3"
        FROM "src0" AS "t"
        ORDER BY "c3" COLLATE vi ASC NULLS LAST
        LIMIT 2
        )
        SELECT "c1", "c2", "c3"
        FROM "s2" AS "t"
        ORDER BY "c3" COLLATE vi ASC NULLS LAST
        """;

    protected override string InListsAndUnorderedRankSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "s1" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "src0" AS "t"
        WHERE ("c2" IN (CAST($p0 AS VARCHAR), CAST($p1 AS VARCHAR)) AND "c3" NOT IN (CAST($p2 AS BIGINT), CAST($p3 AS BIGINT)))
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", CAST(RANK() OVER () AS BIGINT) AS "x1"
        FROM "s1" AS "t"
        )
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1"
        FROM "s2" AS "t"
        """;

    protected override string ScenarioSourceSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "sc1_s1" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "src0" AS "t"
        WHERE ("c3" = CAST($p0 AS BIGINT))
        ),
        "sc1_s2" AS (
        SELECT "c1", "c2", "c4"
        FROM "sc1_s1" AS "t"
        ),
        "s1" AS (
        SELECT CAST(SUM("c4") AS BIGINT) AS "x1"
        FROM "sc1_s2" AS "t"
        )
        SELECT "x1"
        FROM "s1" AS "t"
        """;

    protected override string JoinWithScenarioSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "src1" AS (
        SELECT "c1", "c2", "c3"
        FROM "ds_2" AS "t"
        ),
        "sc1_s1" AS (
        SELECT "c1", "c2", "c3"
        FROM "src1" AS "t"
        WHERE ("c2" <> CAST($p0 AS VARCHAR))
        ),
        "sc1_s2" AS (
        SELECT "c1", "c2"
        FROM "sc1_s1" AS "t"
        ),
        "s1" AS (
        SELECT "t"."c1", "t"."c2", "t"."c3", "t"."c4", "t"."c5", "t"."c6", "t"."c7", "j"."c2" AS "x1"
        FROM "src0" AS "t"
        LEFT JOIN "sc1_s2" AS "j" ON ("t"."c1" = "j"."c1")
        )
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1"
        FROM "s1" AS "t"
        ORDER BY "x1" COLLATE vi ASC NULLS LAST
        """;
}
