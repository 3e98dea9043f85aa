using Workbench.Core.Catalog;
using Workbench.Core.Query.Sql;

namespace Workbench.Core.Query.Dialects;

/// <summary>PostgreSQL (also PostgreSQL-compatible engines such as Citus). Npgsql accepts named <c>@p0</c> parameters.</summary>
public class PostgreSqlDialect : SqlDialect
{
    public override string Name => "PostgreSql";

    protected override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Integer => "bigint",
        ColumnType.Number => "numeric",
        ColumnType.Text => "text",
        ColumnType.Boolean => "boolean",
        ColumnType.Date => "date",
        _ => "timestamp",
    };

    // Note: an ICU collation, so the order does not depend on the server's libc locale.
    protected override void GenerateCollation(SqlWriter w) => w.Append(" COLLATE \"vi-x-icu\"");

    // Note: lower/upper follow the collation of their argument; an ICU collation makes Vietnamese case mapping
    // independent of the database's LC_CTYPE (under "C" PostgreSQL would only fold ASCII).
    protected override void GenerateLower(SqlWriter w, SqlExpression text) => CaseMap(w, "lower", text);

    protected override void GenerateUpper(SqlWriter w, SqlExpression text) => CaseMap(w, "upper", text);

    private void CaseMap(SqlWriter w, string function, SqlExpression text)
    {
        w.Append(function).Append("(");
        GenerateValue(w, text);
        GenerateCollation(w);
        w.Append(")");
    }

    protected override void GenerateRound(SqlWriter w, SqlExpression value, SqlExpression digits)
    {
        // Note: round(double precision) rounds half to even; round(numeric, int) rounds half away from zero.
        w.Append("round(CAST(");
        GenerateValue(w, value);
        w.Append(" AS numeric), ");
        Int32(w, digits);
        w.Append(")");
    }

    protected override void GenerateFunction(SqlWriter w, FunctionExpression f)
    {
        // left, right, substr and make_date take integer (int4) arguments; our integers are bigint.
        var a = f.Arguments;
        switch (f.Name)
        {
            case "Left" or "Right":
                w.Append(f.Name == "Left" ? "left(" : "right(");
                GenerateValue(w, a[0]);
                w.Append(", ");
                Int32(w, a[1]);
                w.Append(")");
                return;
            default:
                base.GenerateFunction(w, f);
                return;
        }
    }

    protected override void GenerateSubstring(SqlWriter w, SqlExpression text, SqlExpression start, SqlExpression length)
    {
        w.Append("substr(");
        GenerateValue(w, text);
        w.Append(", ");
        Int32(w, start);
        w.Append(", ");
        Int32(w, length);
        w.Append(")");
    }

    protected override void GenerateMakeDate(SqlWriter w, SqlExpression year, SqlExpression month, SqlExpression day)
    {
        w.Append("make_date(");
        Int32(w, year);
        w.Append(", ");
        Int32(w, month);
        w.Append(", ");
        Int32(w, day);
        w.Append(")");
    }

    protected override void GenerateDateDiff(SqlWriter w, string unit, SqlExpression from, SqlExpression to)
    {
        w.Append("CAST(");
        switch (unit)
        {
            case "day":
                w.Append("(");
                GenerateCast(w, to, ColumnType.Date);
                w.Append(" - ");
                GenerateCast(w, from, ColumnType.Date);
                w.Append(")");
                break;
            case "month":
                w.Append("((EXTRACT(YEAR FROM ");
                GenerateValue(w, to);
                w.Append(") - EXTRACT(YEAR FROM ");
                GenerateValue(w, from);
                w.Append(")) * 12 + EXTRACT(MONTH FROM ");
                GenerateValue(w, to);
                w.Append(") - EXTRACT(MONTH FROM ");
                GenerateValue(w, from);
                w.Append("))");
                break;
            default:
                w.Append("(EXTRACT(YEAR FROM ");
                GenerateValue(w, to);
                w.Append(") - EXTRACT(YEAR FROM ");
                GenerateValue(w, from);
                w.Append("))");
                break;
        }
        w.Append(" AS bigint)");
    }

    protected override void GenerateAddDays(SqlWriter w, SqlExpression date, SqlExpression days, ColumnType type) =>
        AddInterval(w, date, "days", days, type);

    protected override void GenerateAddMonths(SqlWriter w, SqlExpression date, SqlExpression months, ColumnType type) =>
        AddInterval(w, date, "months", months, type);

    private void AddInterval(SqlWriter w, SqlExpression date, string unit, SqlExpression amount, ColumnType type)
    {
        w.Append("CAST(");
        GenerateValue(w, date);
        w.Append(" + make_interval(").Append(unit).Append(" => ");
        Int32(w, amount);
        w.Append(") AS ").Append(TypeName(type)).Append(")");
    }

    protected override void GenerateToNumber(SqlWriter w, SqlExpression value) =>
        Guarded(w, value, DuckDbDialect.NumberPattern, ColumnType.Number);

    protected override void GenerateToInteger(SqlWriter w, SqlExpression value)
    {
        if (value.Type == ColumnType.Number)
        {
            w.Append("CAST(trunc(");
            GenerateValue(w, value);
            w.Append(") AS bigint)");
            return;
        }
        Guarded(w, value, DuckDbDialect.IntegerPattern, ColumnType.Integer);
    }

    protected override void GenerateToText(SqlWriter w, SqlExpression value)
    {
        if (value.Type == ColumnType.Number)
        {
            // numeric(38,10) would print ten decimals; trim_scale drops the trailing zeros.
            w.Append("CAST(trim_scale(CAST(");
            GenerateValue(w, value);
            w.Append(" AS numeric)) AS text)");
            return;
        }
        GenerateCast(w, value, ColumnType.Text);
    }

    protected override void GenerateToDate(SqlWriter w, SqlExpression value)
    {
        if (value.Type != ColumnType.Text)
        {
            GenerateCast(w, value, ColumnType.Date);
            return;
        }
        // Note: PostgreSQL has no TRY_CAST; the pattern and a day-of-month check run first, and CASE
        // guarantees the cast is only evaluated for well-formed dates.
        w.Append("CASE WHEN ");
        GenerateValue(w, value);
        w.Append(" ~ ");
        GenerateConstant(w, new ConstantExpression(DuckDbDialect.DatePattern, ColumnType.Text));
        w.Append(" THEN CASE WHEN CAST(substr(");
        GenerateValue(w, value);
        w.Append(", 9, 2) AS integer) <= EXTRACT(DAY FROM date_trunc('month', make_date(CAST(substr(");
        GenerateValue(w, value);
        w.Append(", 1, 4) AS integer), CAST(substr(");
        GenerateValue(w, value);
        w.Append(", 6, 2) AS integer), 1)) + interval '1 month - 1 day') THEN CAST(");
        GenerateValue(w, value);
        w.Append(" AS date) END END");
    }

    private void Guarded(SqlWriter w, SqlExpression value, string pattern, ColumnType target)
    {
        switch (value.Type)
        {
            case ColumnType.Text:
                w.Append("CASE WHEN ");
                GenerateValue(w, value);
                w.Append(" ~ ");
                GenerateConstant(w, new ConstantExpression(pattern, ColumnType.Text));
                w.Append(" THEN CAST(trim(");
                GenerateValue(w, value);
                w.Append(") AS ").Append(TypeName(target)).Append(") END");
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

    private void Int32(SqlWriter w, SqlExpression value)
    {
        w.Append("CAST(");
        GenerateValue(w, value);
        w.Append(" AS integer)");
    }
}
