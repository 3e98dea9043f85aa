namespace Workbench.Core.Query.Expressions;

/// <summary>The functions of PIPELINE.md: the only ones an expression may call. Names are matched case-insensitively.</summary>
public static class FunctionCatalog
{
    /// <summary>Canonical name → (fewest, most) arguments; <c>int.MaxValue</c> for variadic.</summary>
    public static IReadOnlyDictionary<string, (int Min, int Max)> Arity { get; } = new Dictionary<string, (int, int)>(StringComparer.OrdinalIgnoreCase)
    {
        ["if"] = (3, 3),
        ["IsNull"] = (1, 1),
        ["Coalesce"] = (2, int.MaxValue),
        ["Abs"] = (1, 1),
        ["Round"] = (1, 2),
        ["Floor"] = (1, 1),
        ["Ceiling"] = (1, 1),
        ["Power"] = (2, 2),
        ["Sqrt"] = (1, 1),
        ["Min"] = (2, 2),
        ["Max"] = (2, 2),
        ["Len"] = (1, 1),
        ["Upper"] = (1, 1),
        ["Lower"] = (1, 1),
        ["Trim"] = (1, 1),
        ["Left"] = (2, 2),
        ["Right"] = (2, 2),
        ["Substring"] = (3, 3),
        ["Replace"] = (3, 3),
        ["Contains"] = (2, 2),
        ["StartsWith"] = (2, 2),
        ["EndsWith"] = (2, 2),
        ["Concat"] = (2, int.MaxValue),
        ["Date"] = (3, 3),
        ["Year"] = (1, 1),
        ["Month"] = (1, 1),
        ["Day"] = (1, 1),
        ["Quarter"] = (1, 1),
        ["DateDiff"] = (3, 3),
        ["AddDays"] = (2, 2),
        ["AddMonths"] = (2, 2),
        ["Today"] = (0, 0),
        ["ToNumber"] = (1, 1),
        ["ToInteger"] = (1, 1),
        ["ToText"] = (1, 1),
        ["ToDate"] = (1, 1),
    };

    /// <summary>The canonical spelling of a function name, or null when it is not in the catalogue.</summary>
    public static string? Canonical(string name) =>
        Arity.Keys.FirstOrDefault(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase));
}
