using System.Globalization;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors.Database;

namespace Workbench.Tests.Core.Connectors.Database;

public class DatabaseSourceSettingsTests
{
    private static readonly DatabaseSourceSettings Valid = new()
    {
        Engine = DatabaseEngine.PostgreSql,
        Table = "dkkd.dang_ky",
        Mappings = [new("Mã", ColumnType.Integer, "id"), new("Tên", ColumnType.Text, "Tên doanh nghiệp")],
        WatermarkColumn = "cap_nhat_luc",
        WatermarkType = ColumnType.DateTime,
    };

    [Fact]
    public void Valid_settings_have_no_problems_and_a_default_batch_of_five_thousand()
    {
        Assert.Empty(Valid.Validate());
        Assert.Equal(5_000, Valid.BatchSize);
        Assert.True(Valid.IsIncremental);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_setting_is_named_in_the_message(string name, string expected)
    {
        var settings = BrokenSettings(name);

        Assert.Contains(settings.Validate(), p => p.Contains(expected, StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "both", "đúng một cách đọc" },
        { "neither", "đúng một cách đọc" },
        { "bad table", "Tên bảng «a.b.c.d»" },
        { "write query", "bắt đầu bằng SELECT" },
        { "no mappings", "ít nhất một cột" },
        { "mapped twice", "«mã» của tập dữ liệu được ghép hai lần" },
        { "quoted source column", "Tên cột nguồn «a\"b»" },
        { "watermark without type", "cần kiểu số nguyên" },
        { "boolean watermark", "cần kiểu số nguyên" },
        { "type without watermark", "chưa chọn cột mốc" },
        { "batch too big", "từ 1 đến" },
        { "unknown engine", "không được hỗ trợ" },
    };

    private static DatabaseSourceSettings BrokenSettings(string name) => name switch
    {
        "both" => Valid with { Query = "SELECT 1" },
        "neither" => Valid with { Table = null },
        "bad table" => Valid with { Table = "a.b.c.d" },
        "write query" => Valid with { Table = null, Query = "DELETE FROM t" },
        "no mappings" => Valid with { Mappings = [] },
        "mapped twice" => Valid with { Mappings = [new("Mã", ColumnType.Integer, "id"), new("mã", ColumnType.Text, "ma")] },
        "quoted source column" => Valid with { Mappings = [new("Mã", ColumnType.Integer, "a\"b")] },
        "watermark without type" => Valid with { WatermarkType = null },
        "boolean watermark" => Valid with { WatermarkType = ColumnType.Boolean },
        "type without watermark" => Valid with { WatermarkColumn = null },
        "batch too big" => Valid with { BatchSize = 1_000_000 },
        "unknown engine" => Valid with { Engine = (DatabaseEngine)42 },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Fact]
    public void A_dry_run_may_have_no_mappings_yet()
    {
        var settings = Valid with { Mappings = [] };

        Assert.Empty(settings.Validate(requireMappings: false));
    }

    [Fact]
    public void Messages_are_english_when_english_is_chosen()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        try
        {
            Assert.Equal(["Choose exactly one way to read: a table, or a read-only query."], (Valid with { Table = null }).Validate());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Secrets_never_print_the_connection_string()
    {
        var secrets = new DatabaseSecrets("Host=db;Username=dkkd;Password=bi-mat");

        Assert.DoesNotContain("bi-mat", secrets.ToString());
        Assert.DoesNotContain("bi-mat", $"{secrets}");
    }

    [Theory]
    [InlineData("integer", null, ColumnType.Integer)]
    [InlineData("bigint", null, ColumnType.Integer)]
    [InlineData("numeric(12,0)", null, ColumnType.Integer)]
    [InlineData("numeric(38,0)", null, ColumnType.Number)]
    [InlineData("DECIMAL(18,2)", null, ColumnType.Number)]
    [InlineData("double precision", null, ColumnType.Number)]
    [InlineData("HUGEINT", null, ColumnType.Number)]
    [InlineData("money", null, ColumnType.Number)]
    [InlineData("nvarchar", null, ColumnType.Text)]
    [InlineData("character varying(200)", null, ColumnType.Text)]
    [InlineData("bit", null, ColumnType.Boolean)]
    [InlineData("BOOLEAN", null, ColumnType.Boolean)]
    [InlineData("date", null, ColumnType.Date)]
    [InlineData("datetime2", null, ColumnType.DateTime)]
    [InlineData("timestamp with time zone", null, ColumnType.DateTime)]
    [InlineData("interval", null, ColumnType.Text)]
    [InlineData("uuid", null, ColumnType.Text)]
    [InlineData("", typeof(long), ColumnType.Integer)]
    [InlineData("", typeof(double), ColumnType.Number)]
    [InlineData("", typeof(byte[]), ColumnType.Text)]
    public void A_source_type_proposes_a_column_type(string typeName, Type? clrType, ColumnType expected) =>
        Assert.Equal(expected, SourceColumnTypes.Propose(typeName, clrType));
}
