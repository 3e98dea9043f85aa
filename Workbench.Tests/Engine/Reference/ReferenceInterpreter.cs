using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Workbench.Core.Catalog;

namespace Workbench.Tests.Engine.Reference;

/// <summary>
/// Evaluates <see cref="ReferenceExpression"/>s over one row with PIPELINE.md's semantics, and infers
/// their static type (the type a compute step gives its column).
/// </summary>
/// <param name="columns">The step's input schema.</param>
/// <param name="parameters">Parameter name → (declared type, value).</param>
/// <param name="today">What <c>Today()</c> returns.</param>
public sealed class ReferenceInterpreter(
    IReadOnlyList<ReferenceColumn> columns,
    IReadOnlyDictionary<string, (ColumnType Type, object? Value)> parameters,
    DateOnly today)
{
    private readonly Dictionary<string, int> _index = columns
        .Select((column, i) => (column.Name, i))
        .ToDictionary(p => p.Name, p => p.i);

    /// <summary>The type of an expression; null only for an expression that is always null (a bare <c>null</c>).</summary>
    public ColumnType? InferType(ReferenceExpression expression) => expression switch
    {
        LiteralExpression { Value: null } => null,
        LiteralExpression literal => TypeOf(literal.Value!),
        ColumnExpression column => columns[Index(column.Name)].Type,
        ParameterExpression parameter => Parameter(parameter.Name).Type,
        UnaryExpression { Operator: "not" } => ColumnType.Boolean,
        UnaryExpression unary => InferType(unary.Operand),
        InExpression => ColumnType.Boolean,
        BinaryExpression binary => InferBinary(binary),
        CallExpression call => InferCall(call),
        _ => throw new ReferenceEvaluationException($"Unknown expression {expression}"),
    };

    private ColumnType? InferBinary(BinaryExpression binary)
    {
        switch (binary.Operator)
        {
            case "/":
                return ColumnType.Number;
            case "+" or "-" or "*" or "%":
                var left = InferType(binary.Left);
                var right = InferType(binary.Right);
                if (left == ColumnType.Text || right == ColumnType.Text)
                {
                    return ColumnType.Text;
                }
                return Unify(left, right);
            default:
                return ColumnType.Boolean;
        }
    }

    private ColumnType? InferCall(CallExpression call)
    {
        var args = call.Arguments;
        return call.Function.ToLowerInvariant() switch
        {
            "if" => Unify(InferType(args[1]), InferType(args[2])),
            "coalesce" or "min" or "max" => args.Select(InferType).Aggregate(Unify),
            "isnull" or "contains" or "startswith" or "endswith" => ColumnType.Boolean,
            "abs" or "floor" or "ceiling" or "round" or "adddays" or "addmonths" => InferType(args[0]),
            "power" or "sqrt" or "tonumber" => ColumnType.Number,
            "len" or "year" or "month" or "day" or "quarter" or "datediff" or "tointeger" => ColumnType.Integer,
            "upper" or "lower" or "trim" or "left" or "right" or "substring" or "replace" or "concat" or "totext" => ColumnType.Text,
            "date" or "today" or "todate" => ColumnType.Date,
            _ => throw new ReferenceEvaluationException($"Unknown function {call.Function}"),
        };
    }

    private static ColumnType? Unify(ColumnType? a, ColumnType? b)
    {
        if (a is null)
        {
            return b;
        }
        if (b is null || a == b)
        {
            return a;
        }
        if ((a is ColumnType.Integer or ColumnType.Number) && (b is ColumnType.Integer or ColumnType.Number))
        {
            return ColumnType.Number;
        }
        if ((a is ColumnType.Date or ColumnType.DateTime) && (b is ColumnType.Date or ColumnType.DateTime))
        {
            return ColumnType.DateTime;
        }
        throw new ReferenceEvaluationException($"Types {a} and {b} do not mix.");
    }

    private static ColumnType TypeOf(object value) => value switch
    {
        long => ColumnType.Integer,
        double => ColumnType.Number,
        string => ColumnType.Text,
        bool => ColumnType.Boolean,
        DateOnly => ColumnType.Date,
        DateTime => ColumnType.DateTime,
        _ => throw new ReferenceEvaluationException($"Unsupported value {value.GetType()}"),
    };

    /// <summary>Evaluates and converts the value to the inferred type (an integer branch of a number <c>if</c> becomes a double).</summary>
    public object? EvaluateAs(ReferenceExpression expression, object?[] row, ColumnType? type) =>
        Coerce(Evaluate(expression, row), type);

    private static object? Coerce(object? value, ColumnType? type) => (value, type) switch
    {
        (long l, ColumnType.Number) => (double)l,
        (DateOnly d, ColumnType.DateTime) => d.ToDateTime(TimeOnly.MinValue),
        _ => value,
    };

    public object? Evaluate(ReferenceExpression expression, object?[] row) => expression switch
    {
        LiteralExpression literal => literal.Value,
        ColumnExpression column => row[Index(column.Name)],
        ParameterExpression parameter => Parameter(parameter.Name).Value,
        UnaryExpression unary => EvaluateUnary(unary, row),
        BinaryExpression binary => EvaluateBinary(binary, row),
        InExpression @in => EvaluateIn(@in, row),
        CallExpression call => EvaluateCall(call, row),
        _ => throw new ReferenceEvaluationException($"Unknown expression {expression}"),
    };

    /// <summary>Filter semantics: only true keeps a row; false and null drop it.</summary>
    public bool IsTrue(ReferenceExpression expression, object?[] row) => Evaluate(expression, row) is true;

    private object? EvaluateUnary(UnaryExpression unary, object?[] row)
    {
        var value = Evaluate(unary.Operand, row);
        return (unary.Operator, value) switch
        {
            (_, null) => null,
            ("not", bool b) => (object)!b,
            ("-", long l) => checked(-l),
            ("-", double d) => -d,
            _ => throw new ReferenceEvaluationException($"Cannot apply {unary.Operator} to {value}"),
        };
    }

    private object? EvaluateBinary(BinaryExpression binary, object?[] row)
    {
        if (binary.Operator is "and" or "or")
        {
            return EvaluateLogic(binary.Operator, Evaluate(binary.Left, row), Evaluate(binary.Right, row));
        }
        var left = Evaluate(binary.Left, row);
        var right = Evaluate(binary.Right, row);
        if (left is null || right is null)
        {
            return null;
        }
        return binary.Operator switch
        {
            "+" when left is string a && right is string b => a + b,
            "+" or "-" or "*" or "%" => Arithmetic(binary.Operator, left, right),
            "/" => Divide(ToDouble(left), ToDouble(right)),
            "=" => Equal(left, right),
            "!=" => !Equal(left, right),
            "<" => ReferenceSemantics.CompareValues(left, right) < 0,
            "<=" => ReferenceSemantics.CompareValues(left, right) <= 0,
            ">" => ReferenceSemantics.CompareValues(left, right) > 0,
            ">=" => ReferenceSemantics.CompareValues(left, right) >= 0,
            "like" => Like((string)left, (string)right),
            _ => throw new ReferenceEvaluationException($"Unknown operator {binary.Operator}"),
        };
    }

    /// <summary>Kleene three-valued logic: false and null = false, true or null = true, otherwise null wins.</summary>
    private static object? EvaluateLogic(string op, object? left, object? right)
    {
        var l = (bool?)left;
        var r = (bool?)right;
        if (op == "and")
        {
            if (l == false || r == false)
            {
                return false;
            }
            return l == true && r == true ? true : null;
        }
        if (l == true || r == true)
        {
            return true;
        }
        return l == false && r == false ? false : null;
    }

    private static object? Arithmetic(string op, object left, object right)
    {
        if (left is long a && right is long b)
        {
            return op switch
            {
                "+" => checked(a + b),
                "-" => checked(a - b),
                "*" => checked(a * b),
                _ => b == 0 ? null : a % b,
            };
        }
        var x = ToDouble(left);
        var y = ToDouble(right);
        return op switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            _ => y == 0 ? null : x % y,
        };
    }

    private static object? Divide(double x, double y) => y == 0 ? null : x / y;

    private static double ToDouble(object value) => value switch
    {
        long l => l,
        double d => d,
        _ => throw new ReferenceEvaluationException($"Not a number: {value}"),
    };

    /// <summary>Equality: numbers by value across integer/number, text exact (ordinal), others by value.</summary>
    private static bool Equal(object left, object right) => (left, right) switch
    {
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        _ => ReferenceSemantics.CompareValues(left, right) == 0,
    };

    /// <summary>SQL IN: true on a match; otherwise null when the value or any item is null; else false.</summary>
    private object? EvaluateIn(InExpression @in, object?[] row)
    {
        var value = Evaluate(@in.Value, row);
        object? result;
        if (value is null)
        {
            result = null;
        }
        else
        {
            var sawNull = false;
            result = false;
            foreach (var item in @in.Items)
            {
                var candidate = Evaluate(item, row);
                if (candidate is null)
                {
                    sawNull = true;
                }
                else if (Equal(value, candidate))
                {
                    result = true;
                    break;
                }
            }
            if (result is false && sawNull)
            {
                result = null;
            }
        }
        return @in.Negated && result is bool b ? !b : result;
    }

    /// <summary><c>like</c>: % any run, _ one character, case-insensitive with Vietnamese casing, diacritics significant.</summary>
    private static bool Like(string text, string pattern)
    {
        var regex = new StringBuilder("^");
        foreach (var c in ReferenceSemantics.Fold(pattern))
        {
            regex.Append(c switch
            {
                '%' => ".*",
                '_' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }
        regex.Append('$');
        return Regex.IsMatch(ReferenceSemantics.Fold(text), regex.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private object? EvaluateCall(CallExpression call, object?[] row)
    {
        var name = call.Function.ToLowerInvariant();
        switch (name)
        {
            case "if":
                // A null condition takes the else branch, like SQL's CASE WHEN.
                return Evaluate(call.Arguments[0], row) is true
                    ? Coerce(Evaluate(call.Arguments[1], row), InferType(call))
                    : Coerce(Evaluate(call.Arguments[2], row), InferType(call));
            case "coalesce":
                foreach (var argument in call.Arguments)
                {
                    if (Evaluate(argument, row) is { } value)
                    {
                        return Coerce(value, InferType(call));
                    }
                }
                return null;
            case "concat":
                var builder = new StringBuilder();
                foreach (var argument in call.Arguments)
                {
                    var value = Evaluate(argument, row);
                    if (value is null && !ReferenceSemantics.ConcatTreatsNullAsEmpty)
                    {
                        return null;
                    }
                    if (value is not null)
                    {
                        builder.Append(ReferenceSemantics.ToText(value));
                    }
                }
                return builder.ToString();
            case "isnull":
                return Evaluate(call.Arguments[0], row) is null;
            case "today":
                return today;
        }
        var args = call.Arguments.Select(a => Evaluate(a, row)).ToArray();
        if (name is "min" or "max")
        {
            var present = args.Where(a => a is not null).ToArray();
            if (present.Length == 0 || (present.Length < args.Length && ReferenceSemantics.MinMaxPropagateNull))
            {
                return null;
            }
            var best = present.Aggregate((a, b) =>
            {
                var order = ReferenceSemantics.CompareValues(a!, b!);
                return name == "min" ? (order <= 0 ? a : b) : (order >= 0 ? a : b);
            });
            return Coerce(best, InferType(call));
        }
        if (name == "tonumber" || name == "tointeger" || name == "totext" || name == "todate")
        {
            return args[0] is null ? null : Convert(name, args[0]!);
        }
        // Every other function is null when any argument is null.
        if (args.Any(a => a is null))
        {
            return null;
        }
        return name switch
        {
            "abs" => args[0] is long l ? (object)checked(Math.Abs(l)) : Math.Abs((double)args[0]!),
            "floor" => args[0] is long l ? (object)l : Math.Floor((double)args[0]!),
            "ceiling" => args[0] is long l ? (object)l : Math.Ceiling((double)args[0]!),
            "round" => RoundValue(args[0]!, args.Length > 1 ? (long)args[1]! : 0),
            "power" => Finite(Math.Pow(ToDouble(args[0]!), ToDouble(args[1]!))),
            "sqrt" => ToDouble(args[0]!) is var s && s >= 0 ? Math.Sqrt(s) : null,
            "len" => (long)((string)args[0]!).Length,
            "upper" => ((string)args[0]!).ToUpper(ReferenceSemantics.Vietnamese),
            "lower" => ((string)args[0]!).ToLower(ReferenceSemantics.Vietnamese),
            "trim" => ((string)args[0]!).Trim(' '),
            "left" => Left((string)args[0]!, (long)args[1]!),
            "right" => Right((string)args[0]!, (long)args[1]!),
            "substring" => Substring((string)args[0]!, (long)args[1]!, (long)args[2]!),
            "replace" => ((string)args[1]!).Length == 0 ? args[0] : ((string)args[0]!).Replace((string)args[1]!, (string)args[2]!, StringComparison.Ordinal),
            "contains" => ReferenceSemantics.Fold((string)args[0]!).Contains(ReferenceSemantics.Fold((string)args[1]!), StringComparison.Ordinal),
            "startswith" => ReferenceSemantics.Fold((string)args[0]!).StartsWith(ReferenceSemantics.Fold((string)args[1]!), StringComparison.Ordinal),
            "endswith" => ReferenceSemantics.Fold((string)args[0]!).EndsWith(ReferenceSemantics.Fold((string)args[1]!), StringComparison.Ordinal),
            "date" => MakeDate((long)args[0]!, (long)args[1]!, (long)args[2]!),
            "year" => (long)AsDateTime(args[0]!).Year,
            "month" => (long)AsDateTime(args[0]!).Month,
            "day" => (long)AsDateTime(args[0]!).Day,
            "quarter" => (long)((AsDateTime(args[0]!).Month + 2) / 3),
            "datediff" => ReferenceSemantics.DateDiff((string)args[0]!, AsDateTime(args[1]!), AsDateTime(args[2]!)),
            "adddays" => args[0] is DateOnly d ? (object)d.AddDays(checked((int)(long)args[1]!)) : ((DateTime)args[0]!).AddDays((long)args[1]!),
            "addmonths" => args[0] is DateOnly d ? (object)d.AddMonths(checked((int)(long)args[1]!)) : ((DateTime)args[0]!).AddMonths(checked((int)(long)args[1]!)),
            _ => throw new ReferenceEvaluationException($"Unknown function {call.Function}"),
        };
    }

    private static object? Finite(double value) => double.IsFinite(value) ? value : null;

    private static object RoundValue(object value, long digits) => value switch
    {
        long l => (object)ReferenceSemantics.Round(l, (int)digits),
        _ => ReferenceSemantics.Round((double)value, (int)digits),
    };

    /// <summary>Characters are UTF-16 code units: every Vietnamese letter in NFC is one (BMP, precomposed).</summary>
    // A negative count is 0 (docs/engine.md): the empty text.
    private static string Left(string text, long count) =>
        count <= 0 ? "" : text[..(int)Math.Min(count, text.Length)];

    private static string Right(string text, long count) =>
        count <= 0 ? "" : text[(int)(text.Length - Math.Min(count, text.Length))..];

    /// <summary>SQL SUBSTRING: characters at 1-based positions [start, start + length), clipped to the text; a negative length is 0.</summary>
    private static string Substring(string text, long start, long length)
    {
        if (length <= 0)
        {
            return "";
        }
        var from = Math.Max(start, 1);
        var to = Math.Min(start + length, text.Length + 1);
        return to <= from ? "" : text[(int)(from - 1)..(int)(to - 1)];
    }

    private static DateOnly? MakeDate(long year, long month, long day)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth((int)year, (int)month))
        {
            return null;
        }
        return new DateOnly((int)year, (int)month, (int)day);
    }

    private static DateTime AsDateTime(object value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTime t => t,
        _ => throw new ReferenceEvaluationException($"Not a date: {value}"),
    };

    /// <summary>
    /// Conversions give null when the value does not convert. ToInteger of a number truncates toward zero (docs/engine.md);
    /// ToInteger of text accepts only an optionally signed run of digits ('007' → 7, '1.5' → null);
    /// ToNumber of text accepts invariant decimal notation; booleans convert to 1/0; ToText of a date is yyyy-MM-dd.
    /// </summary>
    private static object? Convert(string function, object value)
    {
        switch (function)
        {
            case "tonumber":
                return value switch
                {
                    long l => (double)l,
                    double d => d,
                    bool b => b ? 1.0 : 0.0,
                    string s when Regex.IsMatch(s.Trim(), @"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
                        => double.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture),
                    _ => null,
                };
            case "tointeger":
                return value switch
                {
                    long l => l,
                    double d when Math.Abs(d) < 9.2e18 => (long)Math.Truncate(d),
                    bool b => b ? 1L : 0L,
                    string s when Regex.IsMatch(s.Trim(), @"^[+-]?\d{1,18}$") => long.Parse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                    _ => null,
                };
            case "totext":
                return ReferenceSemantics.ToText(value);
            default:
                return value switch
                {
                    DateOnly d => d,
                    DateTime t => DateOnly.FromDateTime(t),
                    string s when DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
                    _ => null,
                };
        }
    }

    private int Index(string name) =>
        _index.TryGetValue(name, out var i) ? i : throw new ReferenceEvaluationException($"Unknown column '{name}'.");

    private (ColumnType Type, object? Value) Parameter(string name) =>
        parameters.TryGetValue(name, out var p) ? p : throw new ReferenceEvaluationException($"Unknown parameter '@{name}'.");
}
