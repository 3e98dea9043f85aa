using System.Globalization;
using System.Text.RegularExpressions;
using NCalc;
using NCalc.Exceptions;
using NCalc.Visitors;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Query.Sql;
using SqlBinary = Workbench.Core.Query.Sql.BinaryExpression;
using SqlUnary = Workbench.Core.Query.Sql.UnaryExpression;

namespace Workbench.Core.Query.Expressions;

/// <summary>
/// The expression front end: NCalc parses (it is never asked to evaluate), this visitor type-checks every node
/// against the step's input columns and the pipeline's parameters and builds the SQL tree. Only operators and
/// functions of PIPELINE.md are accepted.
/// </summary>
public sealed partial class ExpressionTranslator : ILogicalExpressionVisitor<SqlExpression?>
{
    public const int MaxLength = 4_000;
    public const int MaxDepth = 64;
    public const int MaxInValues = 1_000;

    // The untyped null literal: takes the type of whatever it meets. Compared by reference.
    private static readonly NullExpression UntypedNull = new(ColumnType.Text);

    private readonly string _text;
    private readonly IReadOnlyList<SchemaColumn> _columns;
    private readonly IReadOnlyDictionary<string, ParameterExpression> _parameters;
    private readonly List<ExpressionError> _errors = [];
    private int _depth;
    private bool _tooDeep;

    private ExpressionTranslator(string text, IReadOnlyList<SchemaColumn> columns, IReadOnlyDictionary<string, ParameterExpression> parameters)
    {
        _text = text;
        _columns = columns;
        _parameters = parameters;
    }

    /// <summary>Translates one expression over <paramref name="columns"/>; <paramref name="parameters"/> are the bound pipeline parameters by name (without <c>@</c>).</summary>
    public static TranslatedExpression Translate(string text, IReadOnlyList<SchemaColumn> columns, IReadOnlyDictionary<string, ParameterExpression> parameters)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(Text.Pick("Biểu thức đang trống.", "The expression is empty."), null);
        }
        if (text.Length > MaxLength)
        {
            return Fail(Text.Pick("Biểu thức dài {0} ký tự; tối đa {1}.", "The expression is {0} characters long; the limit is {1}.", text.Length, MaxLength), MaxLength);
        }
        if (text.Contains('\0'))
        {
            return Fail(Text.Pick("Biểu thức chứa ký tự NUL.", "The expression contains a NUL character."), text.IndexOf('\0'));
        }
        if (NestingDepth(text) is { } deep)
        {
            return Fail(Text.Pick("Biểu thức lồng quá sâu (tối đa {0} mức).", "The expression is nested too deeply (at most {0} levels).", MaxDepth), deep);
        }
        LogicalExpression parsed;
        try
        {
            parsed = LogicalExpressionParser.Parse(text, new LogicalExpressionParserOptions(), CultureInfo.InvariantCulture, CancellationToken.None);
        }
        catch (NCalcParserException exception)
        {
            return Fail(Text.Pick("Không đọc được biểu thức: {0}", "The expression cannot be read: {0}", exception.Message), ParsePosition(text, exception.Message));
        }
        catch (InvalidOperationException exception)
        {
            // Note: NCalc reports some operator sequences (e.g. "= =") this way instead of as a parser error.
            return Fail(Text.Pick("Không đọc được biểu thức: {0}", "The expression cannot be read: {0}", exception.Message), null);
        }
        var translator = new ExpressionTranslator(text, columns, parameters);
        var result = parsed.Accept(translator);
        if (translator._errors.Count > 0 || result is null)
        {
            return new TranslatedExpression(null, translator._errors);
        }
        return new TranslatedExpression(ReferenceEquals(result, UntypedNull) ? new NullExpression(ColumnType.Text) : result, []);
    }

    private static TranslatedExpression Fail(string message, int? position) => new(null, [new ExpressionError(message, position)]);

    /// <summary>The offset where parentheses or brackets first go deeper than <see cref="MaxDepth"/>, outside string literals.</summary>
    private static int? NestingDepth(string text)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inString = false;
                }
                continue;
            }
            switch (c)
            {
                case '\'':
                    inString = true;
                    break;
                case '(':
                    if (++depth > MaxDepth)
                    {
                        return i;
                    }
                    break;
                case ')':
                    depth--;
                    break;
            }
        }
        return null;
    }

    private static int? ParsePosition(string text, string message)
    {
        var match = ParserPosition().Match(message);
        if (!match.Success)
        {
            return null;
        }
        var line = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var column = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var offset = 0;
        for (var l = 1; l < line && offset < text.Length; l++)
        {
            var next = text.IndexOf('\n', offset);
            offset = next < 0 ? text.Length : next + 1;
        }
        return Math.Min(text.Length, offset + column - 1);
    }

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex ParserPosition();

    private SqlExpression? Error(string message, int? position)
    {
        _errors.Add(new ExpressionError(message, position));
        return null;
    }

    private int? PositionOfIdentifier(string name)
    {
        var bracketed = _text.IndexOf("[" + name + "]", StringComparison.Ordinal);
        if (bracketed >= 0)
        {
            return bracketed;
        }
        var plain = _text.IndexOf(name, StringComparison.Ordinal);
        return plain >= 0 ? plain : null;
    }

    private int? PositionOfFunction(string name)
    {
        var match = Regex.Match(_text, Regex.Escape(name) + @"\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return match.Success ? match.Index : null;
    }

    private SqlExpression? Nested(LogicalExpression expression)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            if (_tooDeep)
            {
                return null;
            }
            _tooDeep = true;
            return Error(Text.Pick("Biểu thức lồng quá sâu (tối đa {0} mức).", "The expression is nested too deeply (at most {0} levels).", MaxDepth), null);
        }
        var result = expression.Accept(this);
        _depth--;
        return result;
    }

    private static bool IsNumeric(ColumnType type) => type is ColumnType.Integer or ColumnType.Number;

    private static bool IsTemporal(ColumnType type) => type is ColumnType.Date or ColumnType.DateTime;

    private static bool IsUntyped(SqlExpression expression) => ReferenceEquals(expression, UntypedNull);

    /// <summary>Gives the untyped null literal a type; leaves anything else alone.</summary>
    private static SqlExpression As(SqlExpression expression, ColumnType type) => IsUntyped(expression) ? new NullExpression(type) : expression;

    private static string Name(ColumnType type) => type.ToContractName();

    /// <summary>The common type of two operands for comparison or a choice, or null when they do not mix.</summary>
    private static ColumnType? Common(SqlExpression a, SqlExpression b)
    {
        if (IsUntyped(a))
        {
            return b.Type;
        }
        if (IsUntyped(b) || a.Type == b.Type)
        {
            return a.Type;
        }
        if (IsNumeric(a.Type) && IsNumeric(b.Type))
        {
            return ColumnType.Number;
        }
        if (IsTemporal(a.Type) && IsTemporal(b.Type))
        {
            return ColumnType.DateTime;
        }
        return null;
    }

    public SqlExpression? Visit(ValueExpression expression) => expression.Value switch
    {
        int i => new ParameterExpression((long)i, ColumnType.Integer),
        long l => new ParameterExpression(l, ColumnType.Integer),
        double d when double.IsFinite(d) => new ParameterExpression(d, ColumnType.Number),
        decimal m => new ParameterExpression((double)m, ColumnType.Number),
        string s when s.Contains('\0') => Error(Text.Pick("Chuỗi chứa ký tự NUL.", "A text literal contains a NUL character."), null),
        string s => new ParameterExpression(s, ColumnType.Text),
        bool b => new ParameterExpression(b, ColumnType.Boolean),
        _ => Error(Text.Pick("Giá trị '{0}' không được hỗ trợ; dùng số, chuỗi trong dấu nháy đơn, true, false hoặc null.",
            "The value '{0}' is not supported; use numbers, text in single quotes, true, false or null.", expression.Value), null),
    };

    public SqlExpression? Visit(Identifier identifier)
    {
        var name = identifier.Name;
        if (name.StartsWith('@'))
        {
            var parameterName = name[1..];
            if (_parameters.TryGetValue(parameterName, out var parameter))
            {
                return parameter;
            }
            var suggestion = Suggestions.Closest(parameterName, _parameters.Keys);
            return Error(suggestion is null
                ? Text.Pick("Không có tham số '{0}'.", "There is no parameter '{0}'.", parameterName)
                : Text.Pick("Không có tham số '{0}'. Có phải ý bạn là '{1}'?", "There is no parameter '{0}'. Did you mean '{1}'?", parameterName, suggestion),
                PositionOfIdentifier(name));
        }
        var column = _columns.FirstOrDefault(c => c.Name == name);
        var bracketed = _text.Contains("[" + name + "]", StringComparison.Ordinal);
        if (string.Equals(name, "null", StringComparison.OrdinalIgnoreCase) && (column is null || !bracketed))
        {
            return UntypedNull;
        }
        if (column is not null)
        {
            return column.Expression;
        }
        var closest = Suggestions.Closest(name, _columns.Select(c => c.Name));
        return Error(closest is null
            ? Text.Pick("Không có cột '{0}'.", "There is no column '{0}'.", name)
            : Text.Pick("Không có cột '{0}'. Có phải ý bạn là '{1}'?", "There is no column '{0}'. Did you mean '{1}'?", name, closest),
            PositionOfIdentifier(name));
    }

    public SqlExpression? Visit(LogicalExpressionList list) =>
        Error(Text.Pick("Danh sách giá trị chỉ dùng sau 'in'.", "A list of values is only allowed after 'in'."), null);

    public SqlExpression? Visit(TernaryExpression expression) =>
        Error(Text.Pick("Toán tử '? :' không được hỗ trợ; dùng if(điều kiện, a, b).", "The '? :' operator is not supported; use if(condition, a, b)."), _text.IndexOf('?'));

    public SqlExpression? Visit(NCalc.UnaryExpression expression)
    {
        var operand = Nested(expression.Expression);
        if (operand is null)
        {
            return null;
        }
        switch (expression.Type)
        {
            case UnaryExpressionType.Not:
                if (operand.Type != ColumnType.Boolean && !IsUntyped(operand))
                {
                    return Mismatch("not", ColumnType.Boolean, operand.Type, null);
                }
                return new SqlUnary(SqlUnaryOperator.Not, As(operand, ColumnType.Boolean), ColumnType.Boolean);
            case UnaryExpressionType.Negate or UnaryExpressionType.Positive:
                if (IsUntyped(operand))
                {
                    return operand;
                }
                if (!IsNumeric(operand.Type))
                {
                    return Mismatch("-", ColumnType.Number, operand.Type, null);
                }
                return expression.Type == UnaryExpressionType.Positive ? operand : new SqlUnary(SqlUnaryOperator.Negate, operand, operand.Type);
            default:
                return Error(Text.Pick("Toán tử '{0}' không được hỗ trợ.", "The operator '{0}' is not supported.", expression.Type), null);
        }
    }

    private SqlExpression? Mismatch(string op, ColumnType expected, ColumnType actual, int? position) =>
        Error(Text.Pick("'{0}' cần giá trị kiểu {1}, nhưng nhận kiểu {2}.", "'{0}' needs a value of type {1} but got {2}.", op, Name(expected), Name(actual)), position);

    private SqlExpression? Mismatch(string op, SqlExpression left, SqlExpression right) =>
        Error(Text.Pick("Không thể dùng '{0}' giữa kiểu {1} và kiểu {2}.", "'{0}' cannot combine types {1} and {2}.", op, Name(left.Type), Name(right.Type)), null);

    public SqlExpression? Visit(NCalc.BinaryExpression expression)
    {
        if (expression.Type is BinaryExpressionType.In or BinaryExpressionType.NotIn)
        {
            return In(expression);
        }
        var left = Nested(expression.LeftExpression);
        var right = Nested(expression.RightExpression);
        if (left is null || right is null)
        {
            return null;
        }
        switch (expression.Type)
        {
            case BinaryExpressionType.And or BinaryExpressionType.Or:
            {
                var op = expression.Type == BinaryExpressionType.And ? "and" : "or";
                foreach (var side in new[] { left, right })
                {
                    if (side.Type != ColumnType.Boolean && !IsUntyped(side))
                    {
                        return Mismatch(op, ColumnType.Boolean, side.Type, null);
                    }
                }
                return new SqlBinary(expression.Type == BinaryExpressionType.And ? SqlBinaryOperator.And : SqlBinaryOperator.Or,
                    As(left, ColumnType.Boolean), As(right, ColumnType.Boolean), ColumnType.Boolean);
            }
            case BinaryExpressionType.Equal or BinaryExpressionType.NotEqual or BinaryExpressionType.Lesser
                or BinaryExpressionType.LesserOrEqual or BinaryExpressionType.Greater or BinaryExpressionType.GreaterOrEqual:
            {
                var (op, text) = expression.Type switch
                {
                    BinaryExpressionType.Equal => (SqlBinaryOperator.Equal, "="),
                    BinaryExpressionType.NotEqual => (SqlBinaryOperator.NotEqual, "!="),
                    BinaryExpressionType.Lesser => (SqlBinaryOperator.LessThan, "<"),
                    BinaryExpressionType.LesserOrEqual => (SqlBinaryOperator.LessThanOrEqual, "<="),
                    BinaryExpressionType.Greater => (SqlBinaryOperator.GreaterThan, ">"),
                    _ => (SqlBinaryOperator.GreaterThanOrEqual, ">="),
                };
                if (Common(left, right) is not { } common
                    || (common == ColumnType.Boolean && op is not (SqlBinaryOperator.Equal or SqlBinaryOperator.NotEqual)))
                {
                    return Mismatch(text, left, right);
                }
                return new SqlBinary(op, As(left, common), As(right, common), ColumnType.Boolean);
            }
            case BinaryExpressionType.Plus when (left.Type == ColumnType.Text || IsUntyped(left)) && (right.Type == ColumnType.Text || IsUntyped(right))
                && !(IsUntyped(left) && IsUntyped(right)):
                return new SqlBinary(SqlBinaryOperator.Concat, As(left, ColumnType.Text), As(right, ColumnType.Text), ColumnType.Text);
            case BinaryExpressionType.Plus or BinaryExpressionType.Minus or BinaryExpressionType.Times
                or BinaryExpressionType.Div or BinaryExpressionType.Modulo:
            {
                var text = expression.Type switch
                {
                    BinaryExpressionType.Plus => "+",
                    BinaryExpressionType.Minus => "-",
                    BinaryExpressionType.Times => "*",
                    BinaryExpressionType.Div => "/",
                    _ => "%",
                };
                var l = As(left, ColumnType.Number);
                var r = As(right, ColumnType.Number);
                if (!IsNumeric(l.Type) || !IsNumeric(r.Type))
                {
                    return Mismatch(text, left, right);
                }
                var type = l.Type == ColumnType.Integer && r.Type == ColumnType.Integer ? ColumnType.Integer : ColumnType.Number;
                return expression.Type switch
                {
                    BinaryExpressionType.Plus => new SqlBinary(SqlBinaryOperator.Add, l, r, type),
                    BinaryExpressionType.Minus => new SqlBinary(SqlBinaryOperator.Subtract, l, r, type),
                    BinaryExpressionType.Times => new SqlBinary(SqlBinaryOperator.Multiply, l, r, type),
                    // `/` always yields number; division by zero yields null.
                    BinaryExpressionType.Div => new SqlBinary(SqlBinaryOperator.Divide, ToNumber(l),
                        new FunctionExpression("NullIfZero", [ToNumber(r)], ColumnType.Number), ColumnType.Number),
                    _ => new SqlBinary(SqlBinaryOperator.Modulo, l, new FunctionExpression("NullIfZero", [r], r.Type), type),
                };
            }
            case BinaryExpressionType.Like or BinaryExpressionType.NotLike:
                if ((left.Type != ColumnType.Text && !IsUntyped(left)) || (right.Type != ColumnType.Text && !IsUntyped(right)))
                {
                    return Mismatch("like", left, right);
                }
                return new LikeExpression(As(left, ColumnType.Text), As(right, ColumnType.Text), expression.Type == BinaryExpressionType.NotLike);
            case BinaryExpressionType.Exponentiation:
                return Error(Text.Pick("Toán tử '**' không được hỗ trợ; dùng Power(x, y).", "The '**' operator is not supported; use Power(x, y)."), _text.IndexOf("**", StringComparison.Ordinal));
            case BinaryExpressionType.Coalesce:
                return Error(Text.Pick("Toán tử '??' không được hỗ trợ; dùng Coalesce(a, b).", "The '??' operator is not supported; use Coalesce(a, b)."), _text.IndexOf("??", StringComparison.Ordinal));
            default:
                return Error(Text.Pick("Toán tử '{0}' không được hỗ trợ.", "The operator '{0}' is not supported.", expression.Type), null);
        }
    }

    private static SqlExpression ToNumber(SqlExpression expression) =>
        expression.Type == ColumnType.Integer ? new CastExpression(expression, ColumnType.Number) : expression;

    private SqlExpression? In(NCalc.BinaryExpression expression)
    {
        var left = Nested(expression.LeftExpression);
        IReadOnlyList<LogicalExpression> items = expression.RightExpression is LogicalExpressionList list ? [.. list] : [expression.RightExpression];
        if (items.Count > MaxInValues)
        {
            return Error(Text.Pick("Danh sách 'in' có {0} giá trị; tối đa {1}.", "The 'in' list has {0} values; the limit is {1}.", items.Count, MaxInValues), _text.IndexOf(" in", StringComparison.OrdinalIgnoreCase));
        }
        var values = new List<SqlExpression>();
        foreach (var item in items)
        {
            if (Nested(item) is { } value)
            {
                values.Add(value);
            }
        }
        if (left is null || values.Count != items.Count)
        {
            return null;
        }
        var type = IsUntyped(left) ? values.FirstOrDefault(v => !IsUntyped(v))?.Type ?? ColumnType.Text : left.Type;
        foreach (var value in values)
        {
            if (Common(As(left, type), value) is null)
            {
                return Mismatch("in", As(left, type), value);
            }
        }
        return new InExpression(As(left, type), [.. values.Select(v => As(v, type))], expression.Type == BinaryExpressionType.NotIn);
    }

    public SqlExpression? Visit(Function function)
    {
        var name = function.Identifier.Name;
        var position = PositionOfFunction(name);
        var canonical = FunctionCatalog.Canonical(name);
        if (canonical is null)
        {
            var suggestion = Suggestions.Closest(name, FunctionCatalog.Arity.Keys);
            return Error(suggestion is null
                ? Text.Pick("Không có hàm '{0}'.", "There is no function '{0}'.", name)
                : Text.Pick("Không có hàm '{0}'. Có phải ý bạn là '{1}'?", "There is no function '{0}'. Did you mean '{1}'?", name, suggestion), position);
        }
        var (min, max) = FunctionCatalog.Arity[canonical];
        var count = function.Parameters.Count;
        if (count < min || count > max)
        {
            var expected = min == max ? min.ToString(CultureInfo.InvariantCulture)
                : max == int.MaxValue ? Text.Pick("ít nhất {0}", "at least {0}", min) : $"{min}–{max}";
            return Error(Text.Pick("Hàm {0} cần {1} tham số, nhưng nhận {2}.", "{0} takes {1} arguments but got {2}.", canonical, expected, count), position);
        }
        if (canonical == "DateDiff")
        {
            return DateDiff(function, position);
        }
        var arguments = new List<SqlExpression>(count);
        foreach (var parameter in function.Parameters)
        {
            if (Nested(parameter) is { } argument)
            {
                arguments.Add(argument);
            }
        }
        return arguments.Count != count ? null : Call(canonical, arguments, position);
    }

    private SqlExpression? Argument(string function, IList<SqlExpression> arguments, int index, int? position, params ColumnType[] allowed)
    {
        var argument = arguments[index];
        if (IsUntyped(argument))
        {
            return As(argument, allowed[0]);
        }
        if (allowed.Contains(argument.Type))
        {
            return argument;
        }
        return Error(Text.Pick("Tham số {0} của {1} phải có kiểu {2}, nhưng có kiểu {3}.", "Argument {0} of {1} must be of type {2} but is {3}.",
            index + 1, function, string.Join("/", allowed.Select(Name)), Name(argument.Type)), position);
    }

    private static readonly ColumnType[] Numeric = [ColumnType.Integer, ColumnType.Number];
    private static readonly ColumnType[] Temporal = [ColumnType.Date, ColumnType.DateTime];
    private static readonly ColumnType[] TextOnly = [ColumnType.Text];
    private static readonly ColumnType[] IntegerOnly = [ColumnType.Integer];
    private static readonly ColumnType[] AnyType = [.. ColumnTypes.All];

    private SqlExpression? Call(string name, List<SqlExpression> a, int? position)
    {
        SqlExpression? Arg(int index, params ColumnType[] allowed) => Argument(name, a, index, position, allowed);

        // Checks every argument first so that one call reports each bad argument.
        SqlExpression?[] Args(params ColumnType[][] allowed) => [.. allowed.Select((types, i) => Arg(i, types))];

        switch (name)
        {
            case "if":
            {
                var condition = Arg(0, ColumnType.Boolean);
                if (condition is null || Unify(name, a[1], a[2], position) is not { } type)
                {
                    return null;
                }
                return new CaseExpression([new CaseWhen(condition, As(a[1], type))], As(a[2], type), type);
            }
            case "IsNull":
                return new IsNullExpression(As(a[0], ColumnType.Text), false);
            case "Coalesce":
            {
                ColumnType? type = null;
                foreach (var other in a.Where(x => !IsUntyped(x)))
                {
                    if (type is null)
                    {
                        type = other.Type;
                    }
                    else if (Unify(name, new NullExpression(type.Value), other, position) is { } unified)
                    {
                        type = unified;
                    }
                    else
                    {
                        return null;
                    }
                }
                var resultType = type ?? ColumnType.Text;
                return new FunctionExpression("Coalesce", [.. a.Select(x => As(x, resultType))], resultType);
            }
            case "Abs":
                return Arg(0, Numeric) is { } abs ? new FunctionExpression("Abs", [abs], abs.Type) : null;
            case "Round":
            {
                var value = Arg(0, Numeric);
                var digits = a.Count > 1 ? Arg(1, IntegerOnly) : new ConstantExpression(0L, ColumnType.Integer);
                return value is null || digits is null ? null : new FunctionExpression("Round", [ToNumber(value), digits], ColumnType.Number);
            }
            case "Floor" or "Ceiling":
                // An integer is already whole; the databases would turn it into a double or numeric.
                return Arg(0, Numeric) is { } rounded ? rounded.Type == ColumnType.Integer ? rounded : new FunctionExpression(name, [rounded], rounded.Type) : null;
            case "Power":
            {
                var args = Args(Numeric, Numeric);
                return args.Any(x => x is null) ? null : new FunctionExpression("Power", [ToNumber(args[0]!), ToNumber(args[1]!)], ColumnType.Number);
            }
            case "Sqrt":
            {
                if (Arg(0, Numeric) is not { } value)
                {
                    return null;
                }
                var number = ToNumber(value);
                // A negative argument gives null rather than a database error.
                return new CaseExpression(
                    [new CaseWhen(new SqlBinary(SqlBinaryOperator.LessThan, number, new ConstantExpression(0, ColumnType.Integer), ColumnType.Boolean), new NullExpression(ColumnType.Number))],
                    new FunctionExpression("Sqrt", [number], ColumnType.Number), ColumnType.Number);
            }
            case "Min" or "Max":
            {
                if (Unify(name, a[0], a[1], position) is not { } type)
                {
                    return null;
                }
                if (type == ColumnType.Boolean)
                {
                    return Mismatch(name, a[0], a[1]);
                }
                var x = As(a[0], type);
                var y = As(a[1], type);
                // Null propagates (unlike LEAST/GREATEST, which skip nulls on DuckDB and PostgreSQL).
                var anyNull = new SqlBinary(SqlBinaryOperator.Or, new IsNullExpression(x, false), new IsNullExpression(y, false), ColumnType.Boolean);
                var pick = new SqlBinary(name == "Min" ? SqlBinaryOperator.LessThanOrEqual : SqlBinaryOperator.GreaterThanOrEqual, x, y, ColumnType.Boolean);
                return new CaseExpression([new CaseWhen(anyNull, new NullExpression(type)), new CaseWhen(pick, x)], y, type);
            }
            case "Len":
                return Arg(0, TextOnly) is { } len ? new FunctionExpression("Len", [len], ColumnType.Integer) : null;
            case "Upper" or "Lower" or "Trim":
                return Arg(0, TextOnly) is { } text ? new FunctionExpression(name, [text], ColumnType.Text) : null;
            case "Left" or "Right":
            {
                var args = Args(TextOnly, IntegerOnly);
                return args.Any(x => x is null) ? null : new FunctionExpression(name, [args[0]!, NotNegative(args[1]!)], ColumnType.Text);
            }
            case "Substring":
            {
                var args = Args(TextOnly, IntegerOnly, IntegerOnly);
                return args.Any(x => x is null) ? null : new FunctionExpression(name, [args[0]!, args[1]!, NotNegative(args[2]!)], ColumnType.Text);
            }
            case "Replace":
            {
                var args = Args(TextOnly, TextOnly, TextOnly);
                return args.Any(x => x is null) ? null : new FunctionExpression(name, [.. args!], ColumnType.Text);
            }
            case "Contains" or "StartsWith" or "EndsWith":
            {
                var args = Args(TextOnly, TextOnly);
                return args.Any(x => x is null) ? null : new FunctionExpression(name, [.. args!], ColumnType.Boolean);
            }
            case "Concat":
                return new FunctionExpression("Concat",
                    [.. a.Select(x => IsUntyped(x) ? new NullExpression(ColumnType.Text) : x.Type == ColumnType.Text ? x : new FunctionExpression("ToText", [x], ColumnType.Text))],
                    ColumnType.Text);
            case "Date":
            {
                var args = Args(IntegerOnly, IntegerOnly, IntegerOnly);
                return args.Any(x => x is null) ? null : GuardedDate(args[0]!, args[1]!, args[2]!);
            }
            case "Year" or "Month" or "Day" or "Quarter":
                return Arg(0, Temporal) is { } date ? new FunctionExpression(name, [date], ColumnType.Integer) : null;
            case "AddDays" or "AddMonths":
            {
                var args = Args(Temporal, IntegerOnly);
                return args.Any(x => x is null) ? null : new FunctionExpression(name, [.. args!], args[0]!.Type);
            }
            case "Today":
                return new FunctionExpression("Today", [], ColumnType.Date);
            case "ToNumber":
                return Arg(0, ColumnType.Text, ColumnType.Integer, ColumnType.Number, ColumnType.Boolean) is { } toNumber
                    ? toNumber.Type == ColumnType.Number ? toNumber : new FunctionExpression(name, [toNumber], ColumnType.Number) : null;
            case "ToInteger":
                return Arg(0, ColumnType.Text, ColumnType.Integer, ColumnType.Number, ColumnType.Boolean) is { } toInteger
                    ? toInteger.Type == ColumnType.Integer ? toInteger : new FunctionExpression(name, [toInteger], ColumnType.Integer) : null;
            case "ToText":
                return Arg(0, AnyType) is { } toText
                    ? toText.Type == ColumnType.Text ? toText : new FunctionExpression(name, [toText], ColumnType.Text) : null;
            case "ToDate":
                return Arg(0, ColumnType.Text, ColumnType.Date, ColumnType.DateTime) is { } toDate
                    ? toDate.Type == ColumnType.Date ? toDate : new FunctionExpression(name, [toDate], ColumnType.Date) : null;
            default:
                throw new InvalidOperationException($"Catalogue function {name} has no translation.");
        }
    }

    /// <summary>Negative counts mean zero characters on every database (PostgreSQL would count from the other end or fail).</summary>
    private static SqlExpression NotNegative(SqlExpression count) =>
        count is ParameterExpression { Value: long n } && n >= 0
            ? count
            : new CaseExpression(
                [new CaseWhen(new SqlBinary(SqlBinaryOperator.LessThan, count, new ConstantExpression(0, ColumnType.Integer), ColumnType.Boolean), new ConstantExpression(0, ColumnType.Integer))],
                count, ColumnType.Integer);

    /// <summary>
    /// <c>Date(y, m, d)</c> gives null for a day that does not exist instead of a database error: the month and year are
    /// checked first, then the day against the month's last day; nested CASEs keep the databases from evaluating out of order.
    /// </summary>
    private static SqlExpression GuardedDate(SqlExpression year, SqlExpression month, SqlExpression day)
    {
        static SqlExpression Constant(int value) => new ConstantExpression(value, ColumnType.Integer);
        static SqlExpression Compare(SqlBinaryOperator op, SqlExpression left, int right) => new SqlBinary(op, left, Constant(right), ColumnType.Boolean);
        static SqlExpression All(params SqlExpression[] conditions) =>
            conditions.Aggregate((a, b) => new SqlBinary(SqlBinaryOperator.And, a, b, ColumnType.Boolean));

        var plausible = All(
            Compare(SqlBinaryOperator.GreaterThanOrEqual, year, 1), Compare(SqlBinaryOperator.LessThanOrEqual, year, 9999),
            Compare(SqlBinaryOperator.GreaterThanOrEqual, month, 1), Compare(SqlBinaryOperator.LessThanOrEqual, month, 12),
            Compare(SqlBinaryOperator.GreaterThanOrEqual, day, 1), Compare(SqlBinaryOperator.LessThanOrEqual, day, 31));
        var first = new FunctionExpression("Date", [year, month, Constant(1)], ColumnType.Date);
        var last = new FunctionExpression("AddDays",
            [new FunctionExpression("AddMonths", [first, Constant(1)], ColumnType.Date), Constant(-1)], ColumnType.Date);
        var exists = new SqlBinary(SqlBinaryOperator.LessThanOrEqual, day, new FunctionExpression("Day", [last], ColumnType.Integer), ColumnType.Boolean);
        var date = new FunctionExpression("Date", [year, month, day], ColumnType.Date);
        return new CaseExpression([new CaseWhen(plausible, new CaseExpression([new CaseWhen(exists, date)], null, ColumnType.Date))], null, ColumnType.Date);
    }

    private ColumnType? Unify(string function, SqlExpression a, SqlExpression b, int? position)
    {
        if (Common(a, b) is { } common)
        {
            return IsUntyped(a) && IsUntyped(b) ? ColumnType.Text : common;
        }
        Error(Text.Pick("Các giá trị của {0} phải cùng kiểu, nhưng có kiểu {1} và {2}.", "The values of {0} must have the same type, but are {1} and {2}.",
            function, Name(a.Type), Name(b.Type)), position);
        return null;
    }

    private SqlExpression? DateDiff(Function function, int? position)
    {
        var unit = function.Parameters[0] is ValueExpression { Value: string text } ? text.ToLowerInvariant() : null;
        if (unit is not ("day" or "month" or "year"))
        {
            return Error(Text.Pick("Tham số 1 của DateDiff phải là 'day', 'month' hoặc 'year' viết trực tiếp.",
                "Argument 1 of DateDiff must be the literal 'day', 'month' or 'year'."), position);
        }
        var from = Nested(function.Parameters[1]);
        var to = Nested(function.Parameters[2]);
        if (from is null || to is null)
        {
            return null;
        }
        List<SqlExpression> arguments = [new ConstantExpression(unit, ColumnType.Text), from, to];
        var checkedFrom = Argument("DateDiff", arguments, 1, position, Temporal);
        var checkedTo = Argument("DateDiff", arguments, 2, position, Temporal);
        return checkedFrom is null || checkedTo is null ? null
            : new FunctionExpression("DateDiff", [arguments[0], checkedFrom, checkedTo], ColumnType.Integer);
    }
}
