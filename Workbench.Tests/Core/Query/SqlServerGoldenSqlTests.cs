using Workbench.Core.Query.Dialects;

namespace Workbench.Tests.Core.Query;

/// <summary>SQL Server runs nowhere in this build: these strings are its whole coverage. Review a change to them line by line.</summary>
public sealed class SqlServerGoldenSqlTests : GoldenSqlTests
{
    protected override SqlDialect Dialect { get; } = new SqlServerDialect();

    protected override string ContractExampleSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [src1] AS (
        SELECT [c1], [c2], [c3]
        FROM [ds_2] AS [t]
        ),
        [s1] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [src0] AS [t]
        WHERE (([c3] = @p0) AND ([c2] <> @p1 COLLATE Latin1_General_100_BIN2))
        ),
        [s2] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], (CAST([c4] AS decimal(38,10)) / NULLIF([c5], 0)) AS [x1]
        FROM [s1] AS [t]
        ),
        [s3] AS (
        SELECT [t].[c1], [t].[c2], [t].[c3], [t].[c4], [t].[c5], [t].[c6], [t].[c7], [t].[x1], [j].[c2] AS [x2]
        FROM [s2] AS [t]
        LEFT JOIN [src1] AS [j] ON ([t].[c1] = [j].[c1] COLLATE Latin1_General_100_BIN2)
        ),
        [s4] AS (
        SELECT [x2], CAST(SUM([c4]) AS bigint) AS [x3], COUNT_BIG(*) AS [x4]
        FROM [s3] AS [t]
        GROUP BY [x2]
        ),
        [s6] AS (
        SELECT TOP (10) [x2], [x3], [x4]
        FROM [s4] AS [t]
        ORDER BY CASE WHEN [x3] IS NULL THEN 1 ELSE 0 END, [x3] DESC
        )
        SELECT [x2], [x3], [x4]
        FROM [s6] AS [t]
        ORDER BY CASE WHEN [x3] IS NULL THEN 1 ELSE 0 END, [x3] DESC
        """;

    protected override string TextFunctionsSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [s1] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [src0] AS [t]
        WHERE ((((CHARINDEX(LOWER(@p0), LOWER([c2])) > 0) OR (CAST(LEN(@p0 + N'.') - 1 AS bigint) = 0 AND [c2] IS NOT NULL)) OR (left(LOWER([c2]), CAST(LEN(@p1 + N'.') - 1 AS bigint)) = LOWER(@p1))) OR LOWER([c2]) LIKE LOWER(@p2))
        ),
        [s2] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], CONCAT(UPPER(left([c2], @p3)), CAST(CAST(LEN([c2] + N'.') - 1 AS bigint) AS nvarchar(max)), SUBSTRING([c2], @p4, CASE WHEN ([c3] < 0) THEN 0 ELSE [c3] END)) AS [x1]
        FROM [s1] AS [t]
        )
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1]
        FROM [s2] AS [t]
        """;

    protected override string NumbersAndDatesSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [s1] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], ((ROUND([c5], CAST(@p0 AS int)) + ([c4] % NULLIF(@p1, 0))) + CASE WHEN (([c3] IS NULL) OR (@p2 IS NULL)) THEN CAST(NULL AS bigint) WHEN ([c3] <= @p2) THEN [c3] ELSE @p2 END) AS [x1]
        FROM [src0] AS [t]
        ),
        [s2] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1], CAST(DATEDIFF(month, [c6], DATEADD(month, CAST(-(@p3) AS int), CAST(GETDATE() AS date))) AS bigint) AS [x2]
        FROM [s1] AS [t]
        ),
        [s3] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1], [x2], ((TRY_CAST(FORMAT([c5], 'G29', 'en-US') AS bigint) + TRY_CAST(@p4 AS decimal(38,10))) + CAST(DATEPART(year, CASE WHEN @p5 LIKE '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN TRY_CONVERT(date, @p5, 23) END) AS bigint)) AS [x3]
        FROM [s2] AS [t]
        )
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1], [x2], [x3]
        FROM [s3] AS [t]
        """;

    protected override string BooleansSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [s1] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], CASE WHEN (([c7] = 1) AND ([c4] > @p0)) THEN CAST(1 AS bit) WHEN NOT ((([c7] = 1) AND ([c4] > @p0))) THEN CAST(0 AS bit) END AS [x1]
        FROM [src0] AS [t]
        ),
        [s2] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1]
        FROM [s1] AS [t]
        WHERE (([x1] = 1) OR NOT (([c6] IS NULL)))
        )
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1]
        FROM [s2] AS [t]
        """;

    protected override string WindowThenFilterSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [s1] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], CAST(RANK() OVER (PARTITION BY [c3] ORDER BY CASE WHEN [c4] IS NULL THEN 1 ELSE 0 END, [c4] DESC) AS bigint) AS [x1]
        FROM [src0] AS [t]
        ),
        [s2] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1], ((CAST([c4] AS decimal(38,10)) * 100) / NULLIF(SUM(CAST([c4] AS decimal(38,10))) OVER (PARTITION BY [c3]), 0)) AS [x2]
        FROM [s1] AS [t]
        ),
        [s3] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1], [x2], LAG([c4], 1) OVER (ORDER BY (SELECT NULL)) AS [x3]
        FROM [s2] AS [t]
        ),
        [s4] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1], [x2], [x3]
        FROM [s3] AS [t]
        WHERE ([x1] <= @p0)
        )
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1], [x2], [x3]
        FROM [s4] AS [t]
        """;

    protected override string PivotValuesSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [pivot_values] AS (
        SELECT DISTINCT [c2] AS [v]
        FROM [src0] AS [t]
        WHERE ([c2] IS NOT NULL)
        )
        SELECT TOP (101) [v]
        FROM [pivot_values] AS [t]
        ORDER BY CASE WHEN [v] IS NULL THEN 1 ELSE 0 END, [v] COLLATE Vietnamese_CI_AS ASC
        """;

    protected override string PivotSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [s1] AS (
        SELECT [c3], CAST(SUM(CASE WHEN ([c2] = @p0 COLLATE Latin1_General_100_BIN2) THEN [c4] END) AS bigint) AS [x1], CAST(SUM(CASE WHEN ([c2] = @p1 COLLATE Latin1_General_100_BIN2) THEN [c4] END) AS bigint) AS [x2]
        FROM [src0] AS [t]
        GROUP BY [c3]
        )
        SELECT [c3], [x1], [x2]
        FROM [s1] AS [t]
        """;

    protected override string PivotOnIntegerSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [s1] AS (
        SELECT [c1], CAST(SUM(CASE WHEN ([c3] = @p0) THEN [c4] END) AS bigint) AS [x1], CAST(SUM(CASE WHEN (CAST([c3] AS nvarchar(max)) = @p1 COLLATE Latin1_General_100_BIN2) THEN [c4] END) AS bigint) AS [x2]
        FROM [src0] AS [t]
        GROUP BY [c1]
        )
        SELECT [c1], [x1], [x2]
        FROM [s1] AS [t]
        """;

    protected override string AveragesSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [s1] AS (
        SELECT [c3], AVG(CAST([c4] AS decimal(38,10))) AS [x1], AVG([c5]) AS [x2]
        FROM [src0] AS [t]
        GROUP BY [c3]
        )
        SELECT [c3], [x1], [x2]
        FROM [s1] AS [t]
        """;

    protected override string UnionDistinctLimitSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [src1] AS (
        SELECT [c1], [c2], [c3]
        FROM [ds_3] AS [t]
        ),
        [s1] AS (
        SELECT [c1], [c4]
        FROM [src0] AS [t]
        ),
        [s2] AS (
        SELECT [c1], CAST([c4] AS decimal(38,10)) AS [x1], CAST(NULL AS nvarchar(max)) AS [x2]
        FROM [s1] AS [t]
        UNION
        SELECT [c1], [c2] AS [x1], [c3] AS [x2]
        FROM [src1] AS [t]
        ),
        [s3] AS (
        SELECT DISTINCT [c1], [x1], [x2]
        FROM [s2] AS [t]
        ),
        [s5] AS (
        SELECT [c1], [x1], [x2]
        FROM [s3] AS [t]
        ORDER BY CASE WHEN [c1] IS NULL THEN 1 ELSE 0 END, [c1] COLLATE Vietnamese_CI_AS ASC, CASE WHEN [x1] IS NULL THEN 1 ELSE 0 END, [x1] DESC
        OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY
        )
        SELECT [c1], [x1], [x2]
        FROM [s5] AS [t]
        ORDER BY CASE WHEN [c1] IS NULL THEN 1 ELSE 0 END, [c1] COLLATE Vietnamese_CI_AS ASC, CASE WHEN [x1] IS NULL THEN 1 ELSE 0 END, [x1] DESC
        """;

    protected override string SortLimitSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3]
        FROM [ds_2] AS [t]
        ),
        [s2] AS (
        SELECT TOP (2) [c1], [c2], [c3]
        FROM [src0] AS [t]
        ORDER BY CASE WHEN [c3] IS NULL THEN 1 ELSE 0 END, [c3] COLLATE Vietnamese_CI_AS ASC
        )
        SELECT [c1], [c2], [c3]
        FROM [s2] AS [t]
        ORDER BY CASE WHEN [c3] IS NULL THEN 1 ELSE 0 END, [c3] COLLATE Vietnamese_CI_AS ASC
        """;

    protected override string InListsAndUnorderedRankSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [s1] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [src0] AS [t]
        WHERE (([c2] COLLATE Latin1_General_100_BIN2 IN (@p0, @p1)) AND [c3] NOT IN (@p2, @p3))
        ),
        [s2] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], CAST(RANK() OVER (ORDER BY (SELECT NULL)) AS bigint) AS [x1]
        FROM [s1] AS [t]
        )
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1]
        FROM [s2] AS [t]
        """;

    protected override string ScenarioSourceSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [sc1_s1] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [src0] AS [t]
        WHERE ([c3] = @p0)
        ),
        [sc1_s2] AS (
        SELECT [c1], [c2], [c4]
        FROM [sc1_s1] AS [t]
        ),
        [s1] AS (
        SELECT CAST(SUM([c4]) AS bigint) AS [x1]
        FROM [sc1_s2] AS [t]
        )
        SELECT [x1]
        FROM [s1] AS [t]
        """;

    protected override string JoinWithScenarioSql => """
        WITH [src0] AS (
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7]
        FROM [ds_1] AS [t]
        ),
        [src1] AS (
        SELECT [c1], [c2], [c3]
        FROM [ds_2] AS [t]
        ),
        [sc1_s1] AS (
        SELECT [c1], [c2], [c3]
        FROM [src1] AS [t]
        WHERE ([c2] <> @p0 COLLATE Latin1_General_100_BIN2)
        ),
        [sc1_s2] AS (
        SELECT [c1], [c2]
        FROM [sc1_s1] AS [t]
        ),
        [s1] AS (
        SELECT [t].[c1], [t].[c2], [t].[c3], [t].[c4], [t].[c5], [t].[c6], [t].[c7], [j].[c2] AS [x1]
        FROM [src0] AS [t]
        LEFT JOIN [sc1_s2] AS [j] ON ([t].[c1] = [j].[c1] COLLATE Latin1_General_100_BIN2)
        )
        SELECT [c1], [c2], [c3], [c4], [c5], [c6], [c7], [x1]
        FROM [s1] AS [t]
        ORDER BY CASE WHEN [x1] IS NULL THEN 1 ELSE 0 END, [x1] COLLATE Vietnamese_CI_AS ASC
        """;
}
