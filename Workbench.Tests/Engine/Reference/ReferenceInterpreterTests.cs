using Workbench.Core.Catalog;

namespace Workbench.Tests.Engine.Reference;

public class ReferenceInterpreterTests
{
    private static readonly ReferenceColumn[] Columns =
    [
        new("Tên", ColumnType.Text), new("Số", ColumnType.Integer), new("Tỷ lệ", ColumnType.Number),
        new("Trống", ColumnType.Integer), new("Chữ trống", ColumnType.Text), new("Ngày", ColumnType.Date),
        new("Lúc", ColumnType.DateTime), new("Cờ", ColumnType.Boolean), new("Cờ trống", ColumnType.Boolean),
        new("Mã", ColumnType.Text),
    ];

    private static readonly object?[] Row =
    [
        "Đà Nẵng", 7L, 2.5, null, null, new DateOnly(2024, 1, 31), new DateTime(2024, 12, 31, 23, 0, 0), true, null, "0042",
    ];

    private static object? Evaluate(string expression)
    {
        var parameters = new Dictionary<string, (ColumnType, object?)> { ["nam"] = (ColumnType.Integer, 2023L) };
        var interpreter = new ReferenceInterpreter(Columns, parameters, new DateOnly(2026, 1, 1));
        return interpreter.Evaluate(ReferenceExpressionParser.Parse(expression), Row);
    }

    private static ColumnType? TypeOf(string expression)
    {
        var parameters = new Dictionary<string, (ColumnType, object?)> { ["nam"] = (ColumnType.Integer, 2023L) };
        return new ReferenceInterpreter(Columns, parameters, new DateOnly(2026, 1, 1)).InferType(ReferenceExpressionParser.Parse(expression));
    }

    [Theory]
    [InlineData("7 + 2", 9L)]
    [InlineData("7 - 9", -2L)]
    [InlineData("[Số] * 3", 21L)]
    [InlineData("7 % 3", 1L)]
    [InlineData("-7 % 3", -1L)]
    [InlineData("7 / 2", 3.5)]
    [InlineData("8 / 2", 4.0)]
    [InlineData("[Tỷ lệ] * 2", 5.0)]
    [InlineData("[Số] + [Tỷ lệ]", 9.5)]
    [InlineData("7.5 % 2", 1.5)]
    [InlineData("-[Số]", -7L)]
    [InlineData("2 + 3 * 4", 14L)]
    [InlineData("(2 + 3) * 4", 20L)]
    [InlineData("10 - 4 - 3", 3L)]
    [InlineData("'Lý' + ' ' + 'Sơn'", "Lý Sơn")]
    [InlineData("[@nam] + 1", 2024L)]
    public void Arithmetic_follows_the_contract(string expression, object expected)
    {
        Assert.Equal(expected, Evaluate(expression));
    }

    [Theory]
    [InlineData("[Số] / 0")]
    [InlineData("[Tỷ lệ] / 0.0")]
    [InlineData("[Số] % 0")]
    [InlineData("[Trống] + 1")]
    [InlineData("[Trống] * 0")]
    [InlineData("[Trống] / 2")]
    [InlineData("-[Trống]")]
    [InlineData("[Chữ trống] + 'a'")]
    [InlineData("[Trống] = [Trống]")]
    [InlineData("[Trống] < 3")]
    [InlineData("[Chữ trống] = 'a'")]
    [InlineData("[Trống] != 1")]
    [InlineData("null = null")]
    [InlineData("not [Cờ trống]")]
    [InlineData("[Cờ trống] and true")]
    [InlineData("[Cờ trống] or false")]
    [InlineData("[Trống] in (1, 2)")]
    [InlineData("3 in (1, null)")]
    [InlineData("[Chữ trống] like '%a%'")]
    [InlineData("Contains([Chữ trống], 'a')")]
    [InlineData("Len([Chữ trống])")]
    [InlineData("Round([Trống], 1)")]
    [InlineData("Year(ToDate('không phải ngày'))")]
    [InlineData("Min([Trống], 3)")]
    [InlineData("Sqrt(-4)")]
    public void Null_and_division_by_zero_give_null(string expression)
    {
        Assert.Null(Evaluate(expression));
    }

    [Theory]
    [InlineData("[Cờ trống] and false", false)]
    [InlineData("false and [Cờ trống]", false)]
    [InlineData("[Cờ trống] or true", true)]
    [InlineData("true || [Cờ trống]", true)]
    [InlineData("true && false", false)]
    [InlineData("not false", true)]
    [InlineData("!true", false)]
    [InlineData("3 in (1, 2, 3)", true)]
    [InlineData("3 in (1, 2)", false)]
    [InlineData("3 not in (1, 2)", true)]
    [InlineData("1 in (1, null)", true)]
    [InlineData("'b' in ('a', 'b')", true)]
    [InlineData("[Số] = 7", true)]
    [InlineData("[Số] == 7.0", true)]
    [InlineData("[Số] != 7", false)]
    [InlineData("[Số] <> 8", true)]
    [InlineData("[Số] < 7.5", true)]
    [InlineData("[Số] <= 7", true)]
    [InlineData("[Số] > 7", false)]
    [InlineData("[Số] >= 7", true)]
    [InlineData("[Tên] = 'Đà Nẵng'", true)]
    [InlineData("[Tên] = 'đà nẵng'", false)]
    [InlineData("'Đà' = 'Da'", false)]
    [InlineData("'Đà' != 'Da'", true)]
    [InlineData("[Ngày] < Date(2024, 2, 1)", true)]
    [InlineData("[Ngày] = ToDate('2024-01-31')", true)]
    [InlineData("true = true", true)]
    [InlineData("[Tên] like 'đà%'", true)]
    [InlineData("[Tên] like '%NẴNG'", true)]
    [InlineData("[Tên] like 'Đ_ N%'", true)]
    [InlineData("[Tên] like 'Da%'", false)]
    [InlineData("[Tên] like 'Đà'", false)]
    [InlineData("[Tên] not like 'Đà'", true)]
    [InlineData("Contains('ĐÀ NẴNG', 'đà')", true)]
    [InlineData("Contains('ĐÀ NẴNG', 'da')", false)]
    [InlineData("Contains([Tên], 'ẵn')", true)]
    [InlineData("StartsWith([Tên], 'đÀ')", true)]
    [InlineData("StartsWith([Tên], 'Da')", false)]
    [InlineData("EndsWith([Tên], 'NẴNG')", true)]
    [InlineData("EndsWith([Tên], 'nang')", false)]
    [InlineData("IsNull([Trống])", true)]
    [InlineData("IsNull([Số])", false)]
    [InlineData("[Cờ] and [Số] > 5 or false", true)]
    [InlineData("if([Cờ trống], false, true)", true)]
    public void Logic_and_comparison_follow_the_contract(string expression, bool expected)
    {
        Assert.Equal(expected, Evaluate(expression));
    }

    [Theory]
    [InlineData("if([Số] > 5, 'lớn', 'nhỏ')", "lớn")]
    [InlineData("if([Cờ trống], 'có', 'không')", "không")]
    [InlineData("Coalesce([Trống], [Số], 1)", 7L)]
    [InlineData("Coalesce([Chữ trống], 'mặc định')", "mặc định")]
    [InlineData("Abs(-3)", 3L)]
    [InlineData("Abs(-2.5)", 2.5)]
    [InlineData("Round(2.5, 0)", 3.0)]
    [InlineData("Round(-2.5, 0)", -3.0)]
    [InlineData("Round(2.675, 2)", 2.68)]
    [InlineData("Round(1.125, 2)", 1.13)]
    [InlineData("Round(1250, -2)", 1300L)]
    [InlineData("Round(7, 1)", 7L)]
    [InlineData("Floor(2.7)", 2.0)]
    [InlineData("Floor(-2.5)", -3.0)]
    [InlineData("Ceiling(2.1)", 3.0)]
    [InlineData("Power(2, 10)", 1024.0)]
    [InlineData("Sqrt(16)", 4.0)]
    [InlineData("Min(3, 5)", 3L)]
    [InlineData("Max(3, 5.5)", 5.5)]
    [InlineData("Len('Quảng Ngãi')", 10L)]
    [InlineData("Len('')", 0L)]
    [InlineData("Upper('đà nẵng')", "ĐÀ NẴNG")]
    [InlineData("Lower('ĐƯỜNG ƠN Ê')", "đường ơn ê")]
    [InlineData("Trim('  Lý Sơn  ')", "Lý Sơn")]
    [InlineData("Left('Quảng Ngãi', 5)", "Quảng")]
    [InlineData("Left('Ba Tơ', 10)", "Ba Tơ")]
    [InlineData("Right('Quảng Ngãi', 4)", "Ngãi")]
    [InlineData("Substring('Quảng Ngãi', 7, 4)", "Ngãi")]
    [InlineData("Substring('Quảng Ngãi', 9, 10)", "ãi")]
    [InlineData("Substring('Ba Tơ', 10, 2)", "")]
    [InlineData("Left('abc', -1)", "")]
    [InlineData("Right('abc', -2)", "")]
    [InlineData("Substring('abc', 2, -1)", "")]
    [InlineData("Substring('abc', 0, 2)", "a")]
    [InlineData("Replace('Sơn Tịnh, Sơn Hà', 'Sơn', 'S.')", "S. Tịnh, S. Hà")]
    [InlineData("Replace('Sơn', 'sơn', 'x')", "Sơn")]
    [InlineData("Concat('a', [Chữ trống], 'b', 1)", "ab1")]
    [InlineData("Concat([Tên], ' ', [Số])", "Đà Nẵng 7")]
    [InlineData("Year([Ngày])", 2024L)]
    [InlineData("Month([Ngày])", 1L)]
    [InlineData("Day([Ngày])", 31L)]
    [InlineData("Quarter([Lúc])", 4L)]
    [InlineData("DateDiff('day', [Ngày], Date(2024, 3, 1))", 30L)]
    [InlineData("DateDiff('day', Date(2024, 3, 1), [Ngày])", -30L)]
    [InlineData("DateDiff('month', [Ngày], Date(2024, 2, 1))", 1L)]
    [InlineData("DateDiff('month', Date(2024, 1, 1), [Ngày])", 0L)]
    [InlineData("DateDiff('year', [Lúc], Date(2025, 1, 1))", 1L)]
    [InlineData("DateDiff('year', Date(2020, 1, 1), Date(2024, 12, 31))", 4L)]
    [InlineData("DateDiff('day', [Lúc], Date(2025, 1, 1))", 1L)]
    [InlineData("ToNumber('12.5')", 12.5)]
    [InlineData("ToNumber([Số])", 7.0)]
    [InlineData("ToInteger([Mã])", 42L)]
    [InlineData("ToInteger(2.7)", 2L)]
    [InlineData("ToInteger(-2.7)", -2L)]
    [InlineData("ToText([Số])", "7")]
    [InlineData("ToText([Ngày])", "2024-01-31")]
    [InlineData("ToText(true)", "true")]
    [InlineData("'It\\'s'", "It's")]
    [InlineData("'a\\\\b'", "a\\b")]
    public void Functions_follow_the_contract(string expression, object expected)
    {
        Assert.Equal(expected, Evaluate(expression));
    }

    [Theory]
    [InlineData("ToNumber('mười')")]
    [InlineData("ToInteger('1.5')")]
    [InlineData("ToInteger('abc')")]
    [InlineData("ToDate('2021-13-01')")]
    [InlineData("ToDate('31/01/2024')")]
    [InlineData("Date(2023, 2, 29)")]
    public void Conversions_that_fail_give_null(string expression)
    {
        Assert.Null(Evaluate(expression));
    }

    [Fact]
    public void Date_functions_give_dates()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), Evaluate("AddMonths([Ngày], 1)"));
        Assert.Equal(new DateOnly(2024, 2, 1), Evaluate("AddDays([Ngày], 1)"));
        Assert.Equal(new DateTime(2025, 1, 1, 23, 0, 0), Evaluate("AddDays([Lúc], 1)"));
        Assert.Equal(new DateOnly(2024, 2, 29), Evaluate("Date(2024, 2, 29)"));
        Assert.Equal(new DateOnly(2026, 1, 1), Evaluate("Today()"));
    }

    [Theory]
    [InlineData("7 / 2", ColumnType.Number)]
    [InlineData("7 + 2", ColumnType.Integer)]
    [InlineData("7 % 2", ColumnType.Integer)]
    [InlineData("[Số] * 1.5", ColumnType.Number)]
    [InlineData("'a' + 'b'", ColumnType.Text)]
    [InlineData("[Số] > 1", ColumnType.Boolean)]
    [InlineData("if([Cờ], 1, 2.5)", ColumnType.Number)]
    [InlineData("Round([Số], 0)", ColumnType.Integer)]
    [InlineData("Len([Tên])", ColumnType.Integer)]
    [InlineData("AddDays([Lúc], 1)", ColumnType.DateTime)]
    [InlineData("ToDate('2020-01-01')", ColumnType.Date)]
    [InlineData("Coalesce(null, [Tỷ lệ])", ColumnType.Number)]
    public void Types_are_inferred_as_the_contract_says(string expression, ColumnType expected)
    {
        Assert.Equal(expected, TypeOf(expression));
    }

    [Fact]
    public void If_with_a_number_branch_widens_the_integer_branch()
    {
        var interpreter = new ReferenceInterpreter(Columns, new Dictionary<string, (ColumnType, object?)>(), new DateOnly(2026, 1, 1));
        var expression = ReferenceExpressionParser.Parse("if([Cờ], 1, 2.5)");

        var value = interpreter.EvaluateAs(expression, Row, interpreter.InferType(expression));

        Assert.Equal(1.0, value);
    }

    [Theory]
    [InlineData("[Số] +")]
    [InlineData("Len('a'")]
    [InlineData("'unclosed")]
    [InlineData("[Số] 3")]
    [InlineData("Nope")]
    public void Malformed_expressions_are_refused(string expression)
    {
        Assert.Throws<ReferenceEvaluationException>(() => ReferenceExpressionParser.Parse(expression));
    }

    [Fact]
    public void Unknown_columns_and_functions_are_refused()
    {
        Assert.Throws<ReferenceEvaluationException>(() => Evaluate("[Không có] + 1"));
        Assert.Throws<ReferenceEvaluationException>(() => Evaluate("Nope(1)"));
    }
}
