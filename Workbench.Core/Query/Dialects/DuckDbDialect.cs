using Workbench.Core.Catalog;
using Workbench.Core.Query.Sql;

namespace Workbench.Core.Query.Dialects;

/// <summary>DuckDB (the embedded default warehouse). DuckDB.NET names parameters <c>$p0</c>.</summary>
public class DuckDbDialect : SqlDialect
{
    /// <summary>A number as PIPELINE.md writes it: digits, an optional fraction and exponent; no NaN or infinity.</summary>
    internal const string NumberPattern = @"^\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$";

    /// <summary>An integer that fits in 64 bits without rounding.</summary>
    internal const string IntegerPattern = @"^\s*[-+]?[0-9]{1,18}\s*$";

    internal const string DatePattern = @"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

    public override string Name => "DuckDb";

    protected override string ParameterPrefix => "$";

    protected override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Integer => "BIGINT",
        ColumnType.Number => "DOUBLE",
        ColumnType.Text => "VARCHAR",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Date => "DATE",
        _ => "TIMESTAMP",
    };

    // Note: DuckDB types a parameter from where it first appears and casts the bound value to that type:
    // in NULLIF($p0, 0) it became INTEGER, so x / 2.5 divided by 2. The cast gives it its own type.
    protected override void GenerateParameter(SqlWriter w, ParameterExpression parameter)
    {
        w.Append("CAST(");
        base.GenerateParameter(w, parameter);
        w.Append(" AS ").Append(TypeName(parameter.Type)).Append(")");
    }

    // Note: DuckDB 1.x inlines a CTE into its reader; a sorted LIMIT ... OFFSET inlined into a join's side then
    // gave different rows from run to run. Materialised, the limited rows are computed once, in order.
    protected override string CteAs(CommonTableExpression cte) =>
        cte.Select is { Limit: not null } or { Offset: not null } ? " AS MATERIALIZED" : " AS";

    // Note: DuckDB counts a start below 1 from the end of the text; SQL (and PostgreSQL) clip it instead:
    // Substring('abc', -1, 3) = 'a'. The start becomes 1 and the length shrinks by what fell before it.
    protected override void GenerateSubstring(SqlWriter w, SqlExpression text, SqlExpression start, SqlExpression length)
    {
        w.Append("substr(");
        GenerateValue(w, text);
        w.Append(", CASE WHEN (");
        GenerateValue(w, start);
        w.Append(" < 1) THEN 1 ELSE ");
        GenerateValue(w, start);
        w.Append(" END, CASE WHEN (");
        GenerateValue(w, start);
        w.Append(" >= 1) THEN ");
        GenerateValue(w, length);
        w.Append(" WHEN (");
        GenerateValue(w, start);
        w.Append(" + ");
        GenerateValue(w, length);
        w.Append(" > 1) THEN ");
        GenerateValue(w, start);
        w.Append(" + ");
        GenerateValue(w, length);
        w.Append(" - 1 ELSE 0 END)");
    }

    // Note: DuckDB folds || over a null operand to a value of type NULL, which COLLATE (sort, min/max) then refuses;
    // the cast keeps the concatenation text.
    protected override void GenerateBinary(SqlWriter w, BinaryExpression binary)
    {
        if (binary.Operator != SqlBinaryOperator.Concat)
        {
            base.GenerateBinary(w, binary);
            return;
        }
        w.Append("CAST(");
        base.GenerateBinary(w, binary);
        w.Append(" AS VARCHAR)");
    }

    // Note: DuckDB.NET bundles the ICU extension, so COLLATE vi is available without INSTALL.
    protected override void GenerateCollation(SqlWriter w) => w.Append(" COLLATE vi");

    protected override void GenerateRound(SqlWriter w, SqlExpression value, SqlExpression digits)
    {
        // Note: DuckDB's round on DOUBLE rounds half away from zero (2.5 -> 3, -2.5 -> -3).
        w.Append("round(");
        GenerateValue(w, value);
        w.Append(", CAST(");
        GenerateValue(w, digits);
        w.Append(" AS INTEGER))");
    }

    protected override void GenerateDateDiff(SqlWriter w, string unit, SqlExpression from, SqlExpression to)
    {
        w.Append("date_diff('").Append(unit).Append("', ");
        GenerateCast(w, from, ColumnType.Date);
        w.Append(", ");
        GenerateCast(w, to, ColumnType.Date);
        w.Append(")");
    }

    protected override void GenerateAddDays(SqlWriter w, SqlExpression date, SqlExpression days, ColumnType type) =>
        AddInterval(w, date, "to_days", days, type);

    protected override void GenerateAddMonths(SqlWriter w, SqlExpression date, SqlExpression months, ColumnType type) =>
        AddInterval(w, date, "to_months", months, type);

    private void AddInterval(SqlWriter w, SqlExpression date, string function, SqlExpression amount, ColumnType type)
    {
        w.Append("CAST(");
        GenerateValue(w, date);
        w.Append(" + ").Append(function).Append("(CAST(");
        GenerateValue(w, amount);
        w.Append(" AS INTEGER)) AS ").Append(TypeName(type)).Append(")");
    }

    protected override void GenerateToNumber(SqlWriter w, SqlExpression value) =>
        GuardedText(w, value, NumberPattern, ColumnType.Number, () => BooleanOr(w, value, ColumnType.Number));

    protected override void GenerateToInteger(SqlWriter w, SqlExpression value)
    {
        if (value.Type == ColumnType.Number)
        {
            w.Append("CAST(trunc(");
            GenerateValue(w, value);
            w.Append(") AS BIGINT)");
            return;
        }
        GuardedText(w, value, IntegerPattern, ColumnType.Integer, () => BooleanOr(w, value, ColumnType.Integer));
    }

    protected override void GenerateToText(SqlWriter w, SqlExpression value)
    {
        if (value.Type != ColumnType.Number)
        {
            GenerateCast(w, value, ColumnType.Text);
            return;
        }
        // Whole numbers print without ".0", as PostgreSQL's trim_scale and SQL Server's G29 format print them.
        w.Append("CASE WHEN ");
        GenerateValue(w, value);
        w.Append(" = trunc(");
        GenerateValue(w, value);
        w.Append(") AND abs(");
        GenerateValue(w, value);
        w.Append(") < 1e15 THEN CAST(CAST(");
        GenerateValue(w, value);
        w.Append(" AS BIGINT) AS VARCHAR) ELSE CAST(");
        GenerateValue(w, value);
        w.Append(" AS VARCHAR) END");
    }

    protected override void GenerateToDate(SqlWriter w, SqlExpression value) =>
        GuardedText(w, value, DatePattern, ColumnType.Date, () => GenerateCast(w, value, ColumnType.Date));

    /// <summary>Text is converted only when it matches the pattern; anything else gives null.</summary>
    private void GuardedText(SqlWriter w, SqlExpression value, string pattern, ColumnType target, Action otherwise)
    {
        if (value.Type != ColumnType.Text)
        {
            otherwise();
            return;
        }
        w.Append("CASE WHEN regexp_full_match(");
        GenerateValue(w, value);
        w.Append(", ");
        GenerateConstant(w, new ConstantExpression(pattern, ColumnType.Text));
        w.Append(") THEN TRY_CAST(trim(");
        GenerateValue(w, value);
        w.Append(") AS ").Append(TypeName(target)).Append(") END");
    }

    private void BooleanOr(SqlWriter w, SqlExpression value, ColumnType target)
    {
        if (value.Type == ColumnType.Boolean)
        {
            w.Append("CASE WHEN ");
            GeneratePredicate(w, value);
            w.Append(" THEN 1 WHEN NOT (");
            GeneratePredicate(w, value);
            w.Append(") THEN 0 END");
            return;
        }
        GenerateCast(w, value, target);
    }
}
