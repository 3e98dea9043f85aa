using Workbench.Core.Query.Dialects;

namespace Workbench.Tests.Core.Query;

public sealed class PostgreSqlGoldenSqlTests : GoldenSqlTests
{
    protected override SqlDialect Dialect { get; } = new PostgreSqlDialect();

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
        WHERE (("c3" = @p0) AND ("c2" <> @p1))
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", (CAST("c4" AS numeric) / NULLIF("c5", 0)) AS "x1"
        FROM "s1" AS "t"
        ),
        "s3" AS (
        SELECT "t"."c1", "t"."c2", "t"."c3", "t"."c4", "t"."c5", "t"."c6", "t"."c7", "t"."x1", "j"."c2" AS "x2"
        FROM "s2" AS "t"
        LEFT JOIN "src1" AS "j" ON ("t"."c1" = "j"."c1")
        ),
        "s4" AS (
        SELECT "x2", CAST(SUM("c4") AS bigint) AS "x3", COUNT(*) AS "x4"
        FROM "s3" AS "t"
        GROUP BY "x2"
        ),
        "s6" AS (
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
        WHERE (((strpos(lower("c2" COLLATE "vi-x-icu"), lower(@p0 COLLATE "vi-x-icu")) > 0) OR (left(lower("c2" COLLATE "vi-x-icu"), length(@p1)) = lower(@p1 COLLATE "vi-x-icu"))) OR lower("c2" COLLATE "vi-x-icu") LIKE lower(@p2 COLLATE "vi-x-icu"))
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", concat(upper(left("c2", CAST(@p3 AS integer)) COLLATE "vi-x-icu"), CAST(length("c2") AS text), substr("c2", CAST(@p4 AS integer), CAST(CASE WHEN ("c3" < 0) THEN 0 ELSE "c3" END AS integer))) AS "x1"
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
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", ((round(CAST("c5" AS numeric), CAST(@p0 AS integer)) + ("c4" % NULLIF(@p1, 0))) + CASE WHEN (("c3" IS NULL) OR (@p2 IS NULL)) THEN CAST(NULL AS bigint) WHEN ("c3" <= @p2) THEN "c3" ELSE @p2 END) AS "x1"
        FROM "src0" AS "t"
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", CAST(((EXTRACT(YEAR FROM CAST(CURRENT_DATE + make_interval(months => CAST(-(@p3) AS integer)) AS date)) - EXTRACT(YEAR FROM "c6")) * 12 + EXTRACT(MONTH FROM CAST(CURRENT_DATE + make_interval(months => CAST(-(@p3) AS integer)) AS date)) - EXTRACT(MONTH FROM "c6")) AS bigint) AS "x2"
        FROM "s1" AS "t"
        ),
        "s3" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", "x2", ((CASE WHEN CAST(trim_scale(CAST("c5" AS numeric)) AS text) ~ '^\s*[-+]?[0-9]{1,18}\s*$' THEN CAST(trim(CAST(trim_scale(CAST("c5" AS numeric)) AS text)) AS bigint) END + CASE WHEN @p4 ~ '^\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(trim(@p4) AS numeric) END) + CAST(EXTRACT(YEAR FROM CASE WHEN @p5 ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN CASE WHEN CAST(substr(@p5, 9, 2) AS integer) <= EXTRACT(DAY FROM date_trunc('month', make_date(CAST(substr(@p5, 1, 4) AS integer), CAST(substr(@p5, 6, 2) AS integer), 1)) + interval '1 month - 1 day') THEN CAST(@p5 AS date) END END) AS bigint)) AS "x3"
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
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", ("c7" AND ("c4" > @p0)) AS "x1"
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
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", CAST(RANK() OVER (PARTITION BY "c3" ORDER BY "c4" DESC NULLS LAST) AS bigint) AS "x1"
        FROM "src0" AS "t"
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", ((CAST("c4" AS numeric) * 100) / NULLIF(SUM(CAST("c4" AS numeric)) OVER (PARTITION BY "c3"), 0)) AS "x2"
        FROM "s1" AS "t"
        ),
        "s3" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", "x2", LAG("c4", 1) OVER () AS "x3"
        FROM "s2" AS "t"
        ),
        "s4" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", "x1", "x2", "x3"
        FROM "s3" AS "t"
        WHERE ("x1" <= @p0)
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
        ORDER BY "v" COLLATE "vi-x-icu" ASC NULLS LAST
        LIMIT 101
        """;

    protected override string PivotSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "s1" AS (
        SELECT "c3", CAST(SUM("c4") FILTER (WHERE ("c2" = @p0)) AS bigint) AS "x1", CAST(SUM("c4") FILTER (WHERE ("c2" = @p1)) AS bigint) AS "x2"
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
        SELECT "c1", CAST(SUM("c4") FILTER (WHERE ("c3" = @p0)) AS bigint) AS "x1", CAST(SUM("c4") FILTER (WHERE (CAST("c3" AS text) = @p1)) AS bigint) AS "x2"
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
        SELECT "c1", CAST("c4" AS numeric) AS "x1", CAST(NULL AS text) AS "x2"
        FROM "s1" AS "t"
        UNION
        SELECT "c1", "c2" AS "x1", "c3" AS "x2"
        FROM "src1" AS "t"
        ),
        "s3" AS (
        SELECT DISTINCT "c1", "x1", "x2"
        FROM "s2" AS "t"
        ),
        "s5" AS (
        SELECT "c1", "x1", "x2"
        FROM "s3" AS "t"
        ORDER BY "c1" COLLATE "vi-x-icu" ASC NULLS LAST, "x1" DESC NULLS LAST
        LIMIT 10 OFFSET 20
        )
        SELECT "c1", "x1", "x2"
        FROM "s5" AS "t"
        ORDER BY "c1" COLLATE "vi-x-icu" ASC NULLS LAST, "x1" DESC NULLS LAST
        """;

    protected override string SortLimitSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3"
        FROM "ds_2" AS "t"
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3"
        FROM "src0" AS "t"
        ORDER BY "c3" COLLATE "vi-x-icu" ASC NULLS LAST
        LIMIT 2
        )
        SELECT "c1", "c2", "c3"
        FROM "s2" AS "t"
        ORDER BY "c3" COLLATE "vi-x-icu" ASC NULLS LAST
        """;

    protected override string InListsAndUnorderedRankSql => """
        WITH "src0" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "ds_1" AS "t"
        ),
        "s1" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7"
        FROM "src0" AS "t"
        WHERE ("c2" IN (@p0, @p1) AND "c3" NOT IN (@p2, @p3))
        ),
        "s2" AS (
        SELECT "c1", "c2", "c3", "c4", "c5", "c6", "c7", CAST(RANK() OVER () AS bigint) AS "x1"
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
        WHERE ("c3" = @p0)
        ),
        "sc1_s2" AS (
        SELECT "c1", "c2", "c4"
        FROM "sc1_s1" AS "t"
        ),
        "s1" AS (
        SELECT CAST(SUM("c4") AS bigint) AS "x1"
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
        WHERE ("c2" <> @p0)
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
        ORDER BY "x1" COLLATE "vi-x-icu" ASC NULLS LAST
        """;
}
