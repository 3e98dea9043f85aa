using Workbench.Core.Common;

namespace Workbench.Core.Connectors.Database;

/// <summary>
/// The guard on names that come from a source database (its tables and columns), which are not synthetic like the
/// warehouse's: any letters, digits, spaces and punctuation are allowed, but never a quote or bracket character or a
/// control character, so a name quoted by the engine's rules can never end its quoting early.
/// </summary>
public static class SourceIdentifier
{
    /// <summary>SQL Server's <c>sysname</c>; longer names exist in no supported engine's catalogue we target.</summary>
    public const int MaxLength = 128;

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && !char.IsWhiteSpace(name[0])
        && !char.IsWhiteSpace(name[^1])
        && name.AsSpan().IndexOfAny("\"[]`") < 0
        && !name.Any(char.IsControl);

    /// <summary>Returns <paramref name="name"/> when valid; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static string Validate(string? name) => IsValid(name)
        ? name!
        : throw new ArgumentException($"'{name}' is not an allowed source name: 1 to {MaxLength} characters, no quotes, brackets, back-ticks or control characters, no leading or trailing spaces.", nameof(name));

    /// <summary>Splits <c>schema.table</c> (or <c>database.schema.table</c>) into its parts; null when a part is not valid.</summary>
    public static IReadOnlyList<string>? SplitTableName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var parts = name.Split('.');
        return parts.Length <= 3 && parts.All(IsValid) ? parts : null;
    }

    internal static string Problem(string whatVi, string whatEn, string? name) => Text.Pick(
        "{0} «{1}» không hợp lệ: tên dài 1 đến {2} ký tự, không chứa dấu nháy, ngoặc vuông, dấu ` hay ký tự điều khiển, không có khoảng trắng ở đầu hoặc cuối.",
        "{0} '{1}' is not valid: a name has 1 to {2} characters, no quotes, square brackets, back-ticks or control characters, and no leading or trailing spaces.",
        Text.Pick(whatVi, whatEn), name, MaxLength);
}
