using System.Text.RegularExpressions;

namespace Workbench.Infrastructure.Warehouse;

/// <summary>
/// The guard every warehouse identifier passes before it is quoted into SQL. Names are synthetic
/// (<c>ds_12</c>, <c>c3</c>); anything else is a bug or an attack, so it is refused, never escaped.
/// </summary>
public static partial class SqlIdentifier
{
    // PostgreSQL truncates identifiers at 63 bytes; refusing longer ones keeps every engine's name the same.
    public const int MaxLength = 63;

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(name);

    /// <summary>Returns <paramref name="name"/> when it is a valid identifier; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static string Validate(string? name) => IsValid(name)
        ? name!
        : throw new ArgumentException($"'{name}' is not a warehouse identifier: names must match ^[a-z_][a-z0-9_]*$ and be at most {MaxLength} characters.", nameof(name));

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Pattern();
}
