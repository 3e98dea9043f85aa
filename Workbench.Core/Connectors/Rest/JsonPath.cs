using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Core.Common;

namespace Workbench.Core.Connectors.Rest;

/// <summary>One step of a <see cref="JsonPath"/>: a field name, or an array index when <see cref="Name"/> is null.</summary>
public readonly record struct JsonPathSegment(string? Name, int Index)
{
    public bool IsIndex => Name is null;
}

/// <summary>
/// A small JSON path: <c>$</c> (the element itself), <c>$.data.items</c>, <c>data.items</c>, <c>a.b[0].c</c> and quoted
/// names for keys with dots or spaces, <c>$['@odata.nextLink']</c>. No wildcards, filters or recursive descent: a path
/// names exactly one place.
/// </summary>
/// <remarks>
/// Selecting walks field by field. A key that is not there, an index past the end, or a name asked of something that is
/// not an object is a miss; a <c>null</c> on the way is found and is null (an API writes <c>"diaChi": null</c> for an
/// address it does not have, which is a null value, not a renamed field).
/// </remarks>
public sealed class JsonPath
{
    private readonly JsonPathSegment[] _segments;

    private JsonPath(JsonPathSegment[] segments) => _segments = segments;

    /// <summary>The path that selects the element itself.</summary>
    public static JsonPath Root { get; } = new([]);

    public IReadOnlyList<JsonPathSegment> Segments => _segments;

    public bool IsRoot => _segments.Length == 0;

    /// <summary>The first field name, the top-level field a record path reads from; null for <c>$</c> or <c>$[0]</c>.</summary>
    public string? FirstName => _segments.Length > 0 ? _segments[0].Name : null;

    /// <summary>Reads a path; the error names the position (1-based) and what was expected there.</summary>
    public static Result<JsonPath> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(text ?? "", 1, Text.Pick("đường dẫn đang trống", "the path is empty"));
        }
        var s = text.Trim();
        var segments = new List<JsonPathSegment>();
        var p = 0;
        if (s[0] == '$')
        {
            p = 1;
        }
        else if (s[0] is '.' or '[')
        {
            // "data.items" and "$.data.items" are the same path; ".items" is a typo worth naming.
            if (s[0] == '.')
            {
                return Fail(s, 1, Text.Pick("đường dẫn không được bắt đầu bằng dấu chấm (viết «$.a» hoặc «a»)", "a path cannot start with a dot (write '$.a' or 'a')"));
            }
        }
        else
        {
            if (!TryReadName(s, ref p, segments, out var error))
            {
                return Fail(s, p + 1, error);
            }
        }
        while (p < s.Length)
        {
            var c = s[p];
            if (c == '.')
            {
                p++;
                if (!TryReadName(s, ref p, segments, out var error))
                {
                    return Fail(s, p + 1, error);
                }
            }
            else if (c == '[')
            {
                var start = p;
                p++;
                if (p < s.Length && s[p] is '\'' or '"')
                {
                    if (!TryReadQuoted(s, ref p, out var name, out var error))
                    {
                        return Fail(s, p + 1, error);
                    }
                    segments.Add(new JsonPathSegment(name, 0));
                }
                else
                {
                    var digits = p;
                    while (p < s.Length && char.IsAsciiDigit(s[p]))
                    {
                        p++;
                    }
                    if (p == digits || !int.TryParse(s.AsSpan(digits, p - digits), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        return Fail(s, p + 1, p < s.Length && s[p] == '*'
                            ? Text.Pick("không hỗ trợ ký tự đại diện «*»", "wildcards ('*') are not supported")
                            : Text.Pick("cần một chỉ số (0, 1, ...) hoặc một tên trong ngoặc nháy sau «[»", "an index (0, 1, ...) or a quoted name is expected after '['"));
                    }
                    segments.Add(new JsonPathSegment(null, index));
                }
                if (p >= s.Length || s[p] != ']')
                {
                    return Fail(s, p + 1, Text.Pick("thiếu «]» cho «[» ở vị trí {0}", "']' is missing for the '[' at position {0}", start + 1));
                }
                p++;
            }
            else
            {
                return Fail(s, p + 1, Text.Pick("cần «.» hoặc «[» nhưng gặp «{0}»", "'.' or '[' expected but found '{0}'", c));
            }
        }
        return new JsonPath([.. segments]);
    }

    /// <summary>Finds the place the path names; false when it is not there (see the remarks on <see cref="JsonPath"/>).</summary>
    public bool TrySelect(JsonElement element, out JsonElement value)
    {
        var current = element;
        foreach (var segment in _segments)
        {
            if (current.ValueKind == JsonValueKind.Null)
            {
                break;
            }
            if (segment.Name is { } name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    value = default;
                    return false;
                }
            }
            else if (current.ValueKind != JsonValueKind.Array || segment.Index >= current.GetArrayLength())
            {
                value = default;
                return false;
            }
            else
            {
                current = current[segment.Index];
            }
        }
        value = current;
        return true;
    }

    /// <summary>Why <see cref="TrySelect"/> missed, in words: the deepest part that was found and what it lacks.</summary>
    public string ExplainMiss(JsonElement element)
    {
        var current = element;
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            var at = Format(_segments.AsSpan(0, i));
            if (segment.Name is { } name)
            {
                if (current.ValueKind != JsonValueKind.Object)
                {
                    return Text.Pick("«{0}» là {1}, không phải một đối tượng có trường «{2}»", "'{0}' is {1}, not an object with a field '{2}'", at, KindName(current.ValueKind), name);
                }
                if (!current.TryGetProperty(name, out current))
                {
                    return Text.Pick("«{0}» không có trường «{1}»", "'{0}' has no field '{1}'", at, name);
                }
            }
            else
            {
                if (current.ValueKind != JsonValueKind.Array)
                {
                    return Text.Pick("«{0}» là {1}, không phải một mảng", "'{0}' is {1}, not an array", at, KindName(current.ValueKind));
                }
                if (segment.Index >= current.GetArrayLength())
                {
                    return Text.Pick("mảng «{0}» chỉ có {1} phần tử", "the array '{0}' has only {1} elements", at, current.GetArrayLength());
                }
                current = current[segment.Index];
            }
        }
        return Text.Pick("«{0}» có mặt", "'{0}' is present", ToString());
    }

    /// <summary>The path written out in full: <c>$.data.items</c>, <c>$['a b'][0]</c>.</summary>
    public override string ToString() => Format(_segments);

    /// <summary>A path of the given segments, as <see cref="ToString"/> writes it.</summary>
    public static string Format(ReadOnlySpan<JsonPathSegment> segments)
    {
        var text = new StringBuilder("$");
        foreach (var segment in segments)
        {
            if (segment.Name is not { } name)
            {
                text.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (IsPlainName(name))
            {
                text.Append('.').Append(name);
            }
            else
            {
                text.Append("['").Append(name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }
        }
        return text.ToString();
    }

    /// <summary>A field name as it would be written after a dot or, when it needs quoting, in brackets; used to propose paths.</summary>
    public static string Child(string parent, string name) =>
        IsPlainName(name) ? (parent.Length == 0 ? name : parent + "." + name) : (parent.Length == 0 ? "$" : parent) + "['" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";

    internal static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => Text.Pick("một đối tượng", "an object"),
        JsonValueKind.Array => Text.Pick("một mảng", "an array"),
        JsonValueKind.String => Text.Pick("một chuỗi", "a string"),
        JsonValueKind.Number => Text.Pick("một số", "a number"),
        JsonValueKind.True or JsonValueKind.False => Text.Pick("một giá trị đúng/sai", "a boolean"),
        JsonValueKind.Null => "null",
        _ => Text.Pick("không có gì", "nothing"),
    };

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || name[0] is '$' || char.IsAsciiDigit(name[0]))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryReadName(string s, ref int p, List<JsonPathSegment> segments, out string error)
    {
        var start = p;
        while (p < s.Length && s[p] is not ('.' or '[' or ']' or '\'' or '"'))
        {
            if (s[p] == '*')
            {
                error = Text.Pick("không hỗ trợ ký tự đại diện «*»", "wildcards ('*') are not supported");
                return false;
            }
            p++;
        }
        if (p == start)
        {
            error = Text.Pick("cần một tên trường ở đây", "a field name is expected here");
            return false;
        }
        var name = s[start..p];
        if (name.Trim().Length != name.Length)
        {
            error = Text.Pick("tên trường «{0}» có khoảng trắng ở đầu hoặc cuối; hãy viết trong ngoặc: ['{0}']", "the field name '{0}' has leading or trailing spaces; write it in brackets: ['{0}']", name);
            p = start;
            return false;
        }
        segments.Add(new JsonPathSegment(name, 0));
        error = "";
        return true;
    }

    private static bool TryReadQuoted(string s, ref int p, out string name, out string error)
    {
        var quote = s[p++];
        var text = new StringBuilder();
        while (p < s.Length && s[p] != quote)
        {
            if (s[p] == '\\' && p + 1 < s.Length)
            {
                p++;
            }
            text.Append(s[p++]);
        }
        name = text.ToString();
        if (p >= s.Length)
        {
            error = Text.Pick("tên trong ngoặc nháy chưa được đóng", "a quoted name is not closed");
            return false;
        }
        p++;
        error = "";
        return true;
    }

    private static Error Fail(string text, int position, string message) =>
        new(ErrorKind.Invalid, "json-path", Text.Pick("Đường dẫn JSON «{0}», vị trí {1}: {2}.", "JSON path '{0}', position {1}: {2}.", text, position, message));
}
