using Workbench.Core.Connectors.Database;

namespace Workbench.Tests.Core.Connectors.Database;

public class ReadOnlyQueryTests
{
    [Theory]
    [InlineData("SELECT * FROM dang_ky")]
    [InlineData("  -- danh sách\n/* chỉ đọc */ select id FROM dang_ky")]
    [InlineData("WITH moi AS (SELECT * FROM dang_ky WHERE nam = 2024) SELECT * FROM moi")]
    [InlineData("SELECT 'INSERT; DROP TABLE x' AS ghi_chu")]
    [InlineData("SELECT \"update\", [delete] FROM t")]
    [InlineData("SELECT $$; DELETE$$ AS a")]
    [InlineData("SELECT E'it\\'s; drop' AS a")]
    [InlineData("SELECT id FROM t WHERE ten = 'a''b';")]
    [InlineData("SELECT id FROM t; -- hết")]
    [InlineData("SELECT updated_at, inserted_by, created FROM t")]
    public void A_single_reading_statement_is_accepted(string query)
    {
        Assert.True(ReadOnlyQuery.TryCheck(query, out var body, out var problem), problem);
        Assert.DoesNotContain(";", body.Replace("'a''b'", "").Replace("$$; DELETE$$", "").Replace("'INSERT; DROP TABLE x'", "").Replace("'it\\'s; drop'", ""));
    }

    [Theory]
    [InlineData("", "trống")]
    [InlineData("INSERT INTO t VALUES (1)", "bắt đầu bằng SELECT hoặc WITH")]
    [InlineData("update t set a = 1", "bắt đầu bằng SELECT hoặc WITH")]
    [InlineData("DROP TABLE t", "bắt đầu bằng SELECT hoặc WITH")]
    [InlineData("EXEC sp_who", "bắt đầu bằng SELECT hoặc WITH")]
    [InlineData("(SELECT 1)", "bắt đầu bằng SELECT hoặc WITH")]
    [InlineData("SELECT 1; DROP TABLE t", "một câu lệnh")]
    [InlineData("SELECT 1;; ", "một câu lệnh")]
    [InlineData("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x", "DELETE")]
    [InlineData("SELECT * INTO sao_luu FROM t", "INTO")]
    [InlineData("SELECT * FROM t FOR UPDATE", "UPDATE")]
    [InlineData("SELECT 'chưa đóng FROM t", "chưa được đóng")]
    [InlineData("SELECT 1 /* chưa đóng", "chưa được đóng")]
    public void A_query_that_is_not_one_reading_statement_is_refused_in_vietnamese(string query, string expected)
    {
        Assert.False(ReadOnlyQuery.TryCheck(query, out _, out var problem));
        Assert.Contains(expected, problem);
    }
}
