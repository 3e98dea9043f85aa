using Workbench.Core.Catalog;
using Workbench.Core.Connectors.Database;
using Workbench.Infrastructure.Connectors.Database;

namespace Workbench.Tests.Infrastructure.Connectors.Database;

/// <summary>
/// The exact SQL a database source runs, one subclass per engine. SQL Server cannot run on the build machines: its
/// strings here are its only coverage (checked against SQL Server 2016+ syntax).
/// </summary>
public abstract class DatabaseSourceSqlTests
{
    protected abstract DatabaseEngine Engine { get; }

    private DatabaseSourceSql Sql => DatabaseSourceSql.For(Engine);

    private DatabaseSourceSettings Settings(string? table = null, string? query = null) => new()
    {
        Engine = Engine,
        Table = table,
        Query = query,
        Mappings = [new("Mã", ColumnType.Integer, "id")],
    };

    private static void AssertSql(string expected, string actual) => Assert.Equal(expected.ReplaceLineEndings("\n"), actual);

    protected abstract string ExpectedIncrementalTable { get; }

    [Fact]
    public void An_incremental_table_read_filters_and_orders_by_the_watermark()
    {
        var from = Sql.From(Settings(table: "dkkd.Đăng ký kinh doanh"));

        AssertSql(ExpectedIncrementalTable, Sql.Select(from, ["id", "Tên doanh nghiệp", "cap_nhat_luc"], "cap_nhat_luc", since: true));
    }

    protected abstract string ExpectedFullTable { get; }

    [Fact]
    public void A_full_table_read_with_a_watermark_is_still_ordered_by_it()
    {
        var from = Sql.From(Settings(table: "dang_ky"));

        AssertSql(ExpectedFullTable, Sql.Select(from, ["id"], "id", since: false));
    }

    protected abstract string ExpectedQuery { get; }

    [Fact]
    public void A_query_is_wrapped_as_a_subquery_on_lines_of_its_own()
    {
        var from = Sql.From(Settings(query: "SELECT id, ten FROM dang_ky -- chỉ đọc\n;"));

        AssertSql(ExpectedQuery, Sql.Select(from, ["id", "ten"], null, since: false));
    }

    protected abstract string ExpectedColumns { get; }

    protected abstract string ExpectedPreview { get; }

    [Fact]
    public void Columns_and_preview_read_no_rows_and_the_first_rows()
    {
        var from = Sql.From(Settings(table: "dang_ky"));

        AssertSql(ExpectedColumns, Sql.Columns(from));
        AssertSql(ExpectedPreview, Sql.Preview(from, 20));
    }

    [Theory]
    [InlineData("a\"b")]
    [InlineData("a]b")]
    [InlineData("a`b")]
    [InlineData("")]
    [InlineData(" id")]
    [InlineData("id\n")]
    public void A_name_that_could_end_its_quoting_is_refused_not_escaped(string name) =>
        Assert.Throws<ArgumentException>(() => Sql.Quote(name));
}

public sealed class SqlServerDatabaseSourceSqlTests : DatabaseSourceSqlTests
{
    protected override DatabaseEngine Engine => DatabaseEngine.SqlServer;

    protected override string ExpectedIncrementalTable =>
        """SELECT [id], [Tên doanh nghiệp], [cap_nhat_luc] FROM [dkkd].[Đăng ký kinh doanh] WHERE [cap_nhat_luc] > @since ORDER BY [cap_nhat_luc]""";

    protected override string ExpectedFullTable => """SELECT [id] FROM [dang_ky] ORDER BY [id]""";

    protected override string ExpectedQuery =>
        """
        SELECT [id], [ten] FROM (
        SELECT id, ten FROM dang_ky -- chỉ đọc
        ) AS src
        """;

    protected override string ExpectedColumns => """SELECT * FROM [dang_ky] WHERE 1 = 0""";

    protected override string ExpectedPreview => """SELECT TOP (20) * FROM [dang_ky]""";
}

public sealed class PostgreSqlDatabaseSourceSqlTests : DatabaseSourceSqlTests
{
    protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;

    protected override string ExpectedIncrementalTable =>
        """SELECT "id", "Tên doanh nghiệp", "cap_nhat_luc" FROM "dkkd"."Đăng ký kinh doanh" WHERE "cap_nhat_luc" > @since ORDER BY "cap_nhat_luc" """.TrimEnd();

    protected override string ExpectedFullTable => """SELECT "id" FROM "dang_ky" ORDER BY "id" """.TrimEnd();

    protected override string ExpectedQuery =>
        """
        SELECT "id", "ten" FROM (
        SELECT id, ten FROM dang_ky -- chỉ đọc
        ) AS src
        """;

    protected override string ExpectedColumns => """SELECT * FROM "dang_ky" WHERE 1 = 0""";

    protected override string ExpectedPreview => """SELECT * FROM "dang_ky" LIMIT 20""";
}

public sealed class DuckDbDatabaseSourceSqlTests : DatabaseSourceSqlTests
{
    protected override DatabaseEngine Engine => DatabaseEngine.DuckDb;

    protected override string ExpectedIncrementalTable =>
        """SELECT "id", "Tên doanh nghiệp", "cap_nhat_luc" FROM "dkkd"."Đăng ký kinh doanh" WHERE "cap_nhat_luc" > $since ORDER BY "cap_nhat_luc" """.TrimEnd();

    protected override string ExpectedFullTable => """SELECT "id" FROM "dang_ky" ORDER BY "id" """.TrimEnd();

    protected override string ExpectedQuery =>
        """
        SELECT "id", "ten" FROM (
        SELECT id, ten FROM dang_ky -- chỉ đọc
        ) AS src
        """;

    protected override string ExpectedColumns => """SELECT * FROM "dang_ky" WHERE 1 = 0""";

    protected override string ExpectedPreview => """SELECT * FROM "dang_ky" LIMIT 20""";
}
