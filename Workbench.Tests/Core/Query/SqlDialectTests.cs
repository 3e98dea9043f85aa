using Workbench.Core.Query.Dialects;

namespace Workbench.Tests.Core.Query;

public sealed class SqlDialectTests
{
    public static TheoryData<SqlDialect> Dialects => [new DuckDbDialect(), new PostgreSqlDialect(), new SqlServerDialect()];

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Identifiers_that_are_not_plain_lower_case_names_are_refused(SqlDialect dialect)
    {
        foreach (var bad in new[] { "C1", "c1\"", "c1]", "x; DROP", "", "1c", "dân_số", "a-b" })
        {
            Assert.Throws<InvalidOperationException>(() => dialect.Quote(bad));
        }
    }

    [Theory]
    [InlineData("DuckDb", "\"ds_1\"")]
    [InlineData("PostgreSql", "\"ds_1\"")]
    [InlineData("SqlServer", "[ds_1]")]
    public void Physical_names_are_quoted_by_the_dialect(string name, string quoted)
    {
        SqlDialect dialect = name switch { "DuckDb" => new DuckDbDialect(), "PostgreSql" => new PostgreSqlDialect(), _ => new SqlServerDialect() };

        Assert.Equal(quoted, dialect.Quote("ds_1"));
        Assert.Equal(name, dialect.Name);
    }
}
