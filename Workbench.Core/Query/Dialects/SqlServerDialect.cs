using System.Globalization;
using Workbench.Core.Catalog;
using Workbench.Core.Query.Sql;

namespace Workbench.Core.Query.Dialects;

/// <summary>
/// SQL Server (2017 or later: TRIM, CONCAT). Booleans are not values here: conditions are boxed into
/// <c>bit</c> where a value is expected and <c>bit</c> values compared with 1 where a condition is.
/// Covered by golden-SQL tests only; SQL Server does not run on the build machines.
/// </summary>
public class SqlServerDialect : SqlDialect
{
    public override string Name => "SqlServer";

    protected override string QuoteCore(string identifier) => "[" + identifier + "]";

    protected override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Integer => "bigint",
        ColumnType.Number => "decimal(38,10)",
        ColumnType.Text => "nvarchar(max)",
        ColumnType.Boolean => "bit",
        ColumnType.Date => "date",
        _ => "datetime2",
    };

    protected override void GenerateCollation(SqlWriter w) => w.Append(" COLLATE Vietnamese_CI_AS");

    protected override void GeneratePredicate(SqlWriter w, SqlExpression expression)
    {
        if (IsPredicate(expression))
        {
            Generate(w, expression);
            return;
        }
        w.Append("(");
        Generate(w, expression);
        w.Append(" = 1)");
    }

    protected override void GenerateValue(SqlWriter w, SqlExpression expression)
    {
        if (!IsPredicate(expression))
        {
            Generate(w, expression);
            return;
        }
        w.Append("CASE WHEN ");
        Generate(w, expression);
        w.Append(" THEN CAST(1 AS bit) WHEN NOT (");
        Generate(w, expression);
        w.Append(") THEN CAST(0 AS bit) END");
    }

    protected override void GenerateConstant(SqlWriter w, ConstantExpression constant)
    {
        switch (constant.Value)
        {
            case bool b:
                w.Append(b ? "CAST(1 AS bit)" : "CAST(0 AS bit)");
                return;
            case string s:
                w.Append("N'" + s.Replace("'", "''", StringComparison.Ordinal) + "'");
                return;
            default:
                base.GenerateConstant(w, constant);
                return;
        }
    }

    protected override string BinaryOperatorText(SqlBinaryOperator op) =>
        op == SqlBinaryOperator.Concat ? "+" : base.BinaryOperatorText(op);

    /// <summary>Text <c>=</c> is exact (PIPELINE.md): a binary collation, whatever the database's case-insensitive default.</summary>
    protected override void GenerateBinary(SqlWriter w, BinaryExpression binary)
    {
        if (binary.Operator is SqlBinaryOperator.Equal or SqlBinaryOperator.NotEqual && binary.Left.Type == ColumnType.Text)
        {
            w.Append("(");
            GenerateValue(w, binary.Left);
            w.Append(binary.Operator == SqlBinaryOperator.Equal ? " = " : " <> ");
            GenerateValue(w, binary.Right);
            w.Append(" COLLATE Latin1_General_100_BIN2)");
            return;
        }
        base.GenerateBinary(w, binary);
    }

    protected override void GenerateIn(SqlWriter w, InExpression @in)
    {
        if (@in.Operand.Type != ColumnType.Text)
        {
            base.GenerateIn(w, @in);
            return;
        }
        // Exact, as text = is: the operand's collation decides the comparison.
        w.Append("(");
        GenerateValue(w, @in.Operand);
        w.Append(" COLLATE Latin1_General_100_BIN2");
        w.Append(@in.Negated ? " NOT IN (" : " IN (");
        for (var i = 0; i < @in.Values.Count; i++)
        {
            w.Append(i == 0 ? "" : ", ");
            GenerateValue(w, @in.Values[i]);
        }
        w.Append("))");
    }

    protected override void GenerateTop(SqlWriter w, SelectExpression select)
    {
        if (select.Limit is { } limit && select.Offset is null or 0)
        {
            w.Append("TOP (").Append(limit.ToString(CultureInfo.InvariantCulture)).Append(") ");
        }
    }

    protected override void GenerateLimitOffset(SqlWriter w, SelectExpression select)
    {
        if (select.Offset is not { } offset || offset == 0)
        {
            return;
        }
        if (select.OrderBy.Count == 0)
        {
            w.Append("\nORDER BY (SELECT NULL)");
        }
        w.Append("\nOFFSET ").Append(offset.ToString(CultureInfo.InvariantCulture)).Append(" ROWS");
        if (select.Limit is { } limit)
        {
            w.Append(" FETCH NEXT ").Append(limit.ToString(CultureInfo.InvariantCulture)).Append(" ROWS ONLY");
        }
    }

    /// <summary>SQL Server has no NULLS LAST: a leading key puts nulls after the values.</summary>
    protected override void GenerateOrdering(SqlWriter w, OrderingExpression ordering)
    {
        w.Append("CASE WHEN ");
        GenerateValue(w, ordering.Expression);
        w.Append(" IS NULL THEN 1 ELSE 0 END, ");
        GenerateValue(w, ordering.Expression);
        if (ordering.Expression.Type == ColumnType.Text)
        {
            GenerateCollation(w);
        }
        w.Append(ordering.Descending ? " DESC" : " ASC");
    }

    protected override void GenerateNoOrder(SqlWriter w, bool afterPartition) =>
        w.Append(afterPartition ? " ORDER BY (SELECT NULL)" : "ORDER BY (SELECT NULL)");

    protected override void GenerateAggregate(SqlWriter w, AggregateExpression aggregate)
    {
        // COUNT returns int on SQL Server; our counts are 64-bit.
        switch (aggregate.Function)
        {
            case SqlAggregate.CountRows:
                w.Append("COUNT_BIG(*)");
                return;
            case SqlAggregate.Count:
                Call(w, "COUNT_BIG", aggregate.Argument!);
                return;
            case SqlAggregate.CountDistinct:
                w.Append("COUNT_BIG(DISTINCT ");
                GenerateValue(w, aggregate.Argument!);
                w.Append(")");
                return;
            default:
                base.GenerateAggregate(w, aggregate);
                return;
        }
    }

    protected override void GenerateLower(SqlWriter w, SqlExpression text) => Call(w, "LOWER", text);

    protected override void GenerateUpper(SqlWriter w, SqlExpression text) => Call(w, "UPPER", text);

    protected override void GenerateRound(SqlWriter w, SqlExpression value, SqlExpression digits)
    {
        // Note: ROUND on decimal rounds half away from zero.
        w.Append("ROUND(");
        GenerateValue(w, value);
        w.Append(", CAST(");
        GenerateValue(w, digits);
        w.Append(" AS int))");
    }

    protected override void GenerateCeiling(SqlWriter w, SqlExpression value) => Call(w, "CEILING", value);

    /// <summary>LEN ignores trailing spaces; appending a character and subtracting one counts them.</summary>
    protected override void GenerateLength(SqlWriter w, SqlExpression text)
    {
        w.Append("CAST(LEN(");
        GenerateValue(w, text);
        w.Append(" + N'.') - 1 AS bigint)");
    }

    protected override void GenerateSubstring(SqlWriter w, SqlExpression text, SqlExpression start, SqlExpression length) =>
        Call(w, "SUBSTRING", text, start, length);

    protected override void GenerateContains(SqlWriter w, SqlExpression text, SqlExpression part)
    {
        // Note: CHARINDEX finds an empty part nowhere; elsewhere the empty text is part of every text.
        w.Append("((CHARINDEX(");
        GenerateLower(w, part);
        w.Append(", ");
        GenerateLower(w, text);
        w.Append(") > 0) OR (");
        GenerateLength(w, part);
        w.Append(" = 0 AND ");
        GenerateValue(w, text);
        w.Append(" IS NOT NULL))");
    }

    protected override void GenerateConcat(SqlWriter w, IReadOnlyList<SqlExpression> parts) => Call(w, "CONCAT", [.. parts]);

    protected override void GenerateMakeDate(SqlWriter w, SqlExpression year, SqlExpression month, SqlExpression day) =>
        Call(w, "DATEFROMPARTS", year, month, day);

    protected override void GenerateDatePart(SqlWriter w, string part, SqlExpression date)
    {
        w.Append("CAST(DATEPART(").Append(part).Append(", ");
        GenerateValue(w, date);
        w.Append(") AS bigint)");
    }

    protected override void GenerateDateDiff(SqlWriter w, string unit, SqlExpression from, SqlExpression to)
    {
        w.Append("CAST(DATEDIFF(").Append(unit).Append(", ");
        GenerateValue(w, from);
        w.Append(", ");
        GenerateValue(w, to);
        w.Append(") AS bigint)");
    }

    protected override void GenerateAddDays(SqlWriter w, SqlExpression date, SqlExpression days, ColumnType type) =>
        DateAdd(w, "day", date, days);

    protected override void GenerateAddMonths(SqlWriter w, SqlExpression date, SqlExpression months, ColumnType type) =>
        DateAdd(w, "month", date, months);

    private void DateAdd(SqlWriter w, string unit, SqlExpression date, SqlExpression amount)
    {
        // DATEADD refuses a bigint amount.
        w.Append("DATEADD(").Append(unit).Append(", CAST(");
        GenerateValue(w, amount);
        w.Append(" AS int), ");
        GenerateValue(w, date);
        w.Append(")");
    }

    protected override void GenerateToday(SqlWriter w) => w.Append("CAST(GETDATE() AS date)");

    protected override void GenerateToNumber(SqlWriter w, SqlExpression value) => TryCast(w, value, ColumnType.Number);

    protected override void GenerateToInteger(SqlWriter w, SqlExpression value)
    {
        if (value.Type == ColumnType.Number)
        {
            w.Append("CAST(ROUND(");
            GenerateValue(w, value);
            w.Append(", 0, 1) AS bigint)");
            return;
        }
        TryCast(w, value, ColumnType.Integer);
    }

    protected override void GenerateToText(SqlWriter w, SqlExpression value)
    {
        switch (value.Type)
        {
            case ColumnType.Number:
                w.Append("FORMAT(");
                GenerateValue(w, value);
                w.Append(", 'G29', 'en-US')");
                return;
            case ColumnType.Boolean:
                w.Append("CASE WHEN ");
                GeneratePredicate(w, value);
                w.Append(" THEN N'true' WHEN NOT (");
                GeneratePredicate(w, value);
                w.Append(") THEN N'false' END");
                return;
            case ColumnType.Date:
                w.Append("CONVERT(nvarchar(10), ");
                GenerateValue(w, value);
                w.Append(", 23)");
                return;
            case ColumnType.DateTime:
                w.Append("CONVERT(nvarchar(19), ");
                GenerateValue(w, value);
                w.Append(", 120)");
                return;
            default:
                GenerateCast(w, value, ColumnType.Text);
                return;
        }
    }

    protected override void GenerateToDate(SqlWriter w, SqlExpression value)
    {
        if (value.Type != ColumnType.Text)
        {
            GenerateCast(w, value, ColumnType.Date);
            return;
        }
        w.Append("CASE WHEN ");
        GenerateValue(w, value);
        w.Append(" LIKE '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN TRY_CONVERT(date, ");
        GenerateValue(w, value);
        w.Append(", 23) END");
    }

    private void TryCast(SqlWriter w, SqlExpression value, ColumnType target)
    {
        switch (value.Type)
        {
            case ColumnType.Text:
                w.Append("TRY_CAST(");
                GenerateValue(w, value);
                w.Append(" AS ").Append(TypeName(target)).Append(")");
                return;
            case ColumnType.Boolean:
                w.Append("CASE WHEN ");
                GeneratePredicate(w, value);
                w.Append(" THEN 1 WHEN NOT (");
                GeneratePredicate(w, value);
                w.Append(") THEN 0 END");
                return;
            default:
                GenerateCast(w, value, target);
                return;
        }
    }
}
