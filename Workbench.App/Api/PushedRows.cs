using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Imports;

namespace Workbench.App.Api;

/// <summary>
/// Turns a pushed JSON array into rows in the dataset's column order. Every object is checked before anything
/// is loaded: unknown properties and values of the wrong type are errors naming the row and the column.
/// </summary>
public static class PushedRows
{
    private const int MaxReportedProblems = 20;

    public static Result<IReadOnlyList<object?[]>> Convert(JsonElement root, IReadOnlyList<DatasetColumn> columns)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            // Text.Pick formats, so the example's braces are doubled.
            return Invalid([Text.Pick("Nội dung phải là một mảng JSON các đối tượng, ví dụ [{{\"Cột\": 1}}].",
                "The body must be a JSON array of objects, e.g. [{{\"Column\": 1}}].")]);
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            index[columns[i].Name] = i;
        }

        var rows = new List<object?[]>(root.GetArrayLength());
        var problems = new List<string>();
        var rowNumber = 0;
        foreach (var item in root.EnumerateArray())
        {
            rowNumber++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Text.Pick("Dòng {0}: phải là một đối tượng JSON.", "Row {0}: must be a JSON object.", rowNumber));
                continue;
            }
            var row = new object?[columns.Count];
            foreach (var property in item.EnumerateObject())
            {
                if (!index.TryGetValue(property.Name, out var position))
                {
                    problems.Add(Text.Pick("Dòng {0}: bộ dữ liệu không có cột «{1}».", "Row {0}: the dataset has no column '{1}'.", rowNumber, property.Name));
                    continue;
                }
                var column = columns[position];
                if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                    || !CellParser.TryConvert(Raw(property.Value), column.Type, NumberStyle.Invariant, out var value))
                {
                    problems.Add(Text.Pick("Dòng {0}, cột «{1}»: giá trị {2} không phải kiểu {3}.",
                        "Row {0}, column '{1}': value {2} is not of type {3}.",
                        rowNumber, column.Name, Shorten(property.Value.GetRawText()), column.Type.ToContractName()));
                    continue;
                }
                row[position] = value;
            }
            if (problems.Count >= MaxReportedProblems)
            {
                break;
            }
            rows.Add(row);
        }
        return problems.Count > 0 ? Invalid(problems) : rows;
    }

    private static object? Raw(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    private static Error Invalid(IReadOnlyList<string> problems) =>
        new(ErrorKind.Invalid, "push.invalid-rows",
            Text.Pick("Lô dữ liệu có lỗi nên không dòng nào được nạp: {0}", "The batch has errors, so no row was loaded: {0}", problems[0]),
            problems);

}
