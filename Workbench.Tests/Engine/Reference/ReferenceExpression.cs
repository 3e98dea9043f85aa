using System.Globalization;
using System.Text;

namespace Workbench.Tests.Engine.Reference;

/// <summary>The expression tree of the reference's own parser (independent of NCalc).</summary>
public abstract record ReferenceExpression;

public sealed record LiteralExpression(object? Value) : ReferenceExpression;

public sealed record ColumnExpression(string Name) : ReferenceExpression;

public sealed record ParameterExpression(string Name) : ReferenceExpression;

/// <summary>Operators: <c>-</c> (negation) and <c>not</c>.</summary>
public sealed record UnaryExpression(string Operator, ReferenceExpression Operand) : ReferenceExpression;

/// <summary>Operators, normalised: <c>+ - * / % = != &lt; &lt;= &gt; &gt;= and or like</c>.</summary>
public sealed record BinaryExpression(string Operator, ReferenceExpression Left, ReferenceExpression Right) : ReferenceExpression;

public sealed record InExpression(ReferenceExpression Value, IReadOnlyList<ReferenceExpression> Items, bool Negated) : ReferenceExpression;

public sealed record CallExpression(string Function, IReadOnlyList<ReferenceExpression> Arguments) : ReferenceExpression;

/// <summary>
/// A small recursive-descent parser for the NCalc-syntax subset of PIPELINE.md.
/// Precedence, loosest first: <c>or ||</c>; <c>and &amp;&amp;</c>; <c>= == != &lt;&gt;</c>;
/// <c>&lt; &lt;= &gt; &gt;= in like</c>; <c>+ -</c>; <c>* / %</c>; unary <c>- not !</c>.
/// Strings are single-quoted with NCalc's backslash escapes (<c>\'</c>, <c>\\</c>, <c>\n</c>, <c>\t</c>, <c>\r</c>, <c>\uXXXX</c>).
/// Keywords and function names are case-insensitive.
/// </summary>
public sealed class ReferenceExpressionParser
{
    private readonly string _text;
    private int _position;

    private ReferenceExpressionParser(string text) => _text = text;

    public static ReferenceExpression Parse(string text)
    {
        var parser = new ReferenceExpressionParser(text);
        var expression = parser.ParseOr();
        parser.SkipSpace();
        if (parser._position != text.Length)
        {
            throw parser.Error("Unexpected text");
        }
        return expression;
    }

    private ReferenceExpression ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or") || TrySymbol("||"))
        {
            left = new BinaryExpression("or", left, ParseAnd());
        }
        return left;
    }

    private ReferenceExpression ParseAnd()
    {
        var left = ParseEquality();
        while (TryKeyword("and") || TrySymbol("&&"))
        {
            left = new BinaryExpression("and", left, ParseEquality());
        }
        return left;
    }

    private ReferenceExpression ParseEquality()
    {
        var left = ParseRelational();
        while (true)
        {
            if (TrySymbol("==") || TrySymbol("="))
            {
                left = new BinaryExpression("=", left, ParseRelational());
            }
            else if (TrySymbol("!=") || TrySymbol("<>"))
            {
                left = new BinaryExpression("!=", left, ParseRelational());
            }
            else
            {
                return left;
            }
        }
    }

    private ReferenceExpression ParseRelational()
    {
        var left = ParseAdditive();
        while (true)
        {
            var start = _position;
            if (TrySymbol("<="))
            {
                left = new BinaryExpression("<=", left, ParseAdditive());
            }
            else if (TrySymbol(">="))
            {
                left = new BinaryExpression(">=", left, ParseAdditive());
            }
            else if (!LooksAt("<>") && TrySymbol("<"))
            {
                left = new BinaryExpression("<", left, ParseAdditive());
            }
            else if (TrySymbol(">"))
            {
                left = new BinaryExpression(">", left, ParseAdditive());
            }
            else
            {
                var negated = TryKeyword("not");
                if (TryKeyword("in"))
                {
                    left = new InExpression(left, ParseList(), negated);
                }
                else if (TryKeyword("like"))
                {
                    var like = new BinaryExpression("like", left, ParseAdditive());
                    left = negated ? new UnaryExpression("not", like) : like;
                }
                else
                {
                    _position = start;
                    return left;
                }
            }
        }
    }

    private List<ReferenceExpression> ParseList()
    {
        Expect("(");
        var items = new List<ReferenceExpression>();
        if (!TrySymbol(")"))
        {
            do
            {
                items.Add(ParseOr());
            }
            while (TrySymbol(","));
            Expect(")");
        }
        return items;
    }

    private ReferenceExpression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            if (TrySymbol("+"))
            {
                left = new BinaryExpression("+", left, ParseMultiplicative());
            }
            else if (TrySymbol("-"))
            {
                left = new BinaryExpression("-", left, ParseMultiplicative());
            }
            else
            {
                return left;
            }
        }
    }

    private ReferenceExpression ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            if (TrySymbol("*"))
            {
                left = new BinaryExpression("*", left, ParseUnary());
            }
            else if (TrySymbol("/"))
            {
                left = new BinaryExpression("/", left, ParseUnary());
            }
            else if (TrySymbol("%"))
            {
                left = new BinaryExpression("%", left, ParseUnary());
            }
            else
            {
                return left;
            }
        }
    }

    private ReferenceExpression ParseUnary()
    {
        if (TrySymbol("-"))
        {
            return new UnaryExpression("-", ParseUnary());
        }
        if (!LooksAt("!=") && TrySymbol("!"))
        {
            return new UnaryExpression("not", ParseUnary());
        }
        if (TryKeyword("not"))
        {
            return new UnaryExpression("not", ParseUnary());
        }
        return ParsePrimary();
    }

    private ReferenceExpression ParsePrimary()
    {
        SkipSpace();
        if (_position >= _text.Length)
        {
            throw Error("Unexpected end of expression");
        }
        var c = _text[_position];
        if (c == '(')
        {
            _position++;
            var inner = ParseOr();
            Expect(")");
            return inner;
        }
        if (c == '[')
        {
            var end = _text.IndexOf(']', _position + 1);
            if (end < 0)
            {
                throw Error("Unclosed [");
            }
            var name = _text[(_position + 1)..end];
            _position = end + 1;
            return name.StartsWith('@') ? new ParameterExpression(name[1..]) : new ColumnExpression(name);
        }
        if (c == '\'')
        {
            return new LiteralExpression(ReadString());
        }
        if (char.IsAsciiDigit(c) || (c == '.' && _position + 1 < _text.Length && char.IsAsciiDigit(_text[_position + 1])))
        {
            return ReadNumber();
        }
        if (char.IsLetter(c) || c == '_')
        {
            var start = _position;
            while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }
            var word = _text[start.._position];
            switch (word.ToLowerInvariant())
            {
                case "true":
                    return new LiteralExpression(true);
                case "false":
                    return new LiteralExpression(false);
                case "null":
                    return new LiteralExpression(null);
            }
            if (!TrySymbol("("))
            {
                throw Error($"Expected '(' after function name '{word}'");
            }
            var arguments = new List<ReferenceExpression>();
            if (!TrySymbol(")"))
            {
                do
                {
                    arguments.Add(ParseOr());
                }
                while (TrySymbol(","));
                Expect(")");
            }
            return new CallExpression(word, arguments);
        }
        throw Error($"Unexpected '{c}'");
    }

    private string ReadString()
    {
        var builder = new StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("Unclosed string");
            }
            var c = _text[_position++];
            if (c == '\'')
            {
                return builder.ToString();
            }
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (_position >= _text.Length)
            {
                throw Error("Unclosed string");
            }
            var escaped = _text[_position++];
            switch (escaped)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    builder.Append((char)int.Parse(_text.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    _position += 4;
                    break;
                default: builder.Append(escaped); break;
            }
        }
    }

    private LiteralExpression ReadNumber()
    {
        var start = _position;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }
        var isNumber = false;
        if (_position < _text.Length && _text[_position] == '.')
        {
            isNumber = true;
            _position++;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }
        }
        if (_position < _text.Length && (_text[_position] == 'e' || _text[_position] == 'E'))
        {
            isNumber = true;
            _position++;
            if (_position < _text.Length && (_text[_position] == '+' || _text[_position] == '-'))
            {
                _position++;
            }
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }
        }
        var token = _text[start.._position];
        return isNumber
            ? new LiteralExpression(double.Parse(token, CultureInfo.InvariantCulture))
            : new LiteralExpression(long.Parse(token, CultureInfo.InvariantCulture));
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool LooksAt(string symbol)
    {
        SkipSpace();
        return string.CompareOrdinal(_text, _position, symbol, 0, symbol.Length) == 0;
    }

    private bool TrySymbol(string symbol)
    {
        if (!LooksAt(symbol))
        {
            return false;
        }
        _position += symbol.Length;
        return true;
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpace();
        var end = _position + keyword.Length;
        if (end > _text.Length
            || string.Compare(_text, _position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0
            || (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '_')))
        {
            return false;
        }
        _position = end;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw Error($"Expected '{symbol}'");
        }
    }

    private ReferenceEvaluationException Error(string message) =>
        new($"{message} at position {_position} in expression: {_text}");
}
