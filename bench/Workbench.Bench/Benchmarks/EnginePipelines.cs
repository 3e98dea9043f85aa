using Workbench.Core.Catalog;

namespace Workbench.Bench.Benchmarks;

/// <summary>The physical tables and columns of the benchmark's datasets, for hand-written SQL.</summary>
public sealed class PhysicalNames(Dataset fact, Dataset dimension)
{
    public string Fact => fact.TableName;

    public string Dimension => dimension.TableName;

    /// <summary>The physical column of the household dataset with this logical name.</summary>
    public string F(string name) => fact.Columns.Single(c => c.Name == name).PhysicalName;

    /// <summary>The physical column of the district dataset with this logical name.</summary>
    public string D(string name) => dimension.Columns.Single(c => c.Name == name).PhysicalName;

    /// <summary>Every household column, in order, as a select list (with a table alias when given).</summary>
    public string AllFact(string? alias = null) =>
        string.Join(", ", fact.OrderedColumns.Select(c => alias is null ? c.PhysicalName : $"{alias}.{c.PhysicalName}"));
}

/// <summary>
/// One question asked twice: as a pipeline (PIPELINE.md) and as the SQL a database expert would write by hand for each
/// engine, over the same physical tables and with the same answer (null handling, Vietnamese collation). An expert writes
/// literals, no CTE chain, and the engine's own idioms (FILTER, QUALIFY).
/// </summary>
/// <param name="Ordered">Whether the rows' order is part of the answer (a sort); otherwise rows are compared as a set.</param>
public sealed record EnginePipeline(
    string Name,
    string Json,
    bool Ordered,
    Func<PhysicalNames, string> DuckDb,
    Func<PhysicalNames, string> PostgreSql)
{
    public string Hand(string provider, PhysicalNames names) => provider == "DuckDb" ? DuckDb(names) : PostgreSql(names);

    private const string Source = $$"""{ "dataset": "{{HouseholdData.FactKey}}" }""";

    private static readonly int[] PivotYears = [2020, 2021, 2022, 2023, 2024];

    public static IReadOnlyList<EnginePipeline> All { get; } =
    [
        new("filter + aggregate",
            $$"""
            { "source": {{Source}}, "steps": [
              { "type": "filter", "expression": "[Năm] >= 2020 and [Đang hoạt động]" },
              { "type": "aggregate", "groupBy": [ "Mã huyện", "Ngành" ],
                "measures": [ { "function": "sum", "column": "Doanh thu", "as": "Tổng doanh thu" },
                              { "function": "count", "as": "Số hộ" },
                              { "function": "avg", "column": "Số lao động", "as": "Lao động bình quân" } ] } ] }
            """,
            Ordered: false,
            n => $"""
                SELECT {n.F("Mã huyện")}, {n.F("Ngành")}, sum({n.F("Doanh thu")}), count(*), avg({n.F("Số lao động")})
                FROM {n.Fact}
                WHERE {n.F("Năm")} >= 2020 AND {n.F("Đang hoạt động")}
                GROUP BY {n.F("Mã huyện")}, {n.F("Ngành")}
                """,
            n => $"""
                SELECT {n.F("Mã huyện")}, {n.F("Ngành")}, sum({n.F("Doanh thu")}), count(*), avg({n.F("Số lao động")})
                FROM {n.Fact}
                WHERE {n.F("Năm")} >= 2020 AND {n.F("Đang hoạt động")}
                GROUP BY {n.F("Mã huyện")}, {n.F("Ngành")}
                """),

        new("join + aggregate",
            $$"""
            { "source": {{Source}}, "steps": [
              { "type": "join", "dataset": "{{HouseholdData.DimensionKey}}", "kind": "inner",
                "on": [ { "left": "Mã huyện", "right": "Mã" } ], "columns": [ "Vùng" ] },
              { "type": "aggregate", "groupBy": [ "Vùng", "Năm" ],
                "measures": [ { "function": "sum", "column": "Doanh thu", "as": "Tổng doanh thu" },
                              { "function": "count", "as": "Số hộ" },
                              { "function": "sum", "column": "Số lao động", "as": "Tổng lao động" } ] },
              { "type": "sort", "by": [ { "column": "Vùng" }, { "column": "Năm" } ] } ] }
            """,
            Ordered: true,
            n => $"""
                SELECT d.{n.D("Vùng")}, f.{n.F("Năm")}, sum(f.{n.F("Doanh thu")}), count(*), sum(f.{n.F("Số lao động")})
                FROM {n.Fact} f JOIN {n.Dimension} d ON f.{n.F("Mã huyện")} = d.{n.D("Mã")}
                GROUP BY d.{n.D("Vùng")}, f.{n.F("Năm")}
                ORDER BY d.{n.D("Vùng")} COLLATE vi, f.{n.F("Năm")}
                """,
            n => $"""
                SELECT d.{n.D("Vùng")}, f.{n.F("Năm")}, sum(f.{n.F("Doanh thu")}), count(*), sum(f.{n.F("Số lao động")})
                FROM {n.Fact} f JOIN {n.Dimension} d ON f.{n.F("Mã huyện")} = d.{n.D("Mã")}
                GROUP BY d.{n.D("Vùng")}, f.{n.F("Năm")}
                ORDER BY d.{n.D("Vùng")} COLLATE "vi-x-icu", f.{n.F("Năm")}
                """),

        new("pivot",
            $$"""
            { "source": {{Source}}, "steps": [
              { "type": "pivot", "rows": [ "Mã huyện" ], "column": "Năm", "value": "Doanh thu", "function": "sum",
                "values": [ "2020", "2021", "2022", "2023", "2024" ] } ] }
            """,
            Ordered: false,
            n => $"""
                SELECT {n.F("Mã huyện")}, {string.Join(", ", PivotYears.Select(y => $"sum({n.F("Doanh thu")}) FILTER (WHERE {n.F("Năm")} = {y})"))}
                FROM {n.Fact}
                GROUP BY {n.F("Mã huyện")}
                """,
            n => $"""
                SELECT {n.F("Mã huyện")}, {string.Join(", ", PivotYears.Select(y => $"sum({n.F("Doanh thu")}) FILTER (WHERE {n.F("Năm")} = {y})"))}
                FROM {n.Fact}
                GROUP BY {n.F("Mã huyện")}
                """),

        new("window rank + filter",
            $$"""
            { "source": {{Source}}, "steps": [
              { "type": "filter", "expression": "[Năm] = 2024" },
              { "type": "window", "column": "Hạng", "function": "rank", "partitionBy": [ "Mã huyện", "Ngành" ],
                "orderBy": [ { "column": "Doanh thu", "descending": true } ] },
              { "type": "filter", "expression": "[Hạng] <= 3" } ] }
            """,
            Ordered: false,
            // DuckDB sorts nulls last in both directions; PostgreSQL puts them first when descending, so it is said.
            n => $"""
                SELECT {n.AllFact()}, rank() OVER (PARTITION BY {n.F("Mã huyện")}, {n.F("Ngành")} ORDER BY {n.F("Doanh thu")} DESC) AS hang
                FROM {n.Fact}
                WHERE {n.F("Năm")} = 2024
                QUALIFY hang <= 3
                """,
            n => $"""
                SELECT * FROM (
                  SELECT {n.AllFact()}, rank() OVER (PARTITION BY {n.F("Mã huyện")}, {n.F("Ngành")} ORDER BY {n.F("Doanh thu")} DESC NULLS LAST) AS hang
                  FROM {n.Fact}
                  WHERE {n.F("Năm")} = 2024
                ) ranked
                WHERE hang <= 3
                """),

        new("compute + sort + limit",
            $$"""
            { "source": {{Source}}, "steps": [
              { "type": "compute", "column": "Doanh thu mỗi lao động", "expression": "[Doanh thu] / [Số lao động]" },
              { "type": "sort", "by": [ { "column": "Doanh thu mỗi lao động", "descending": true }, { "column": "Doanh thu", "descending": true } ] },
              { "type": "limit", "count": 100 } ] }
            """,
            Ordered: true,
            n => $"""
                SELECT {n.AllFact()}, {n.F("Doanh thu")} / NULLIF({n.F("Số lao động")}, 0) AS per_worker
                FROM {n.Fact}
                ORDER BY per_worker DESC, {n.F("Doanh thu")} DESC
                LIMIT 100
                """,
            n => $"""
                SELECT {n.AllFact()}, {n.F("Doanh thu")} / NULLIF({n.F("Số lao động")}, 0) AS per_worker
                FROM {n.Fact}
                ORDER BY per_worker DESC NULLS LAST, {n.F("Doanh thu")} DESC NULLS LAST
                LIMIT 100
                """),
    ];
}
