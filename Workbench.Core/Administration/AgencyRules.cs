using System.Text.RegularExpressions;
using Workbench.Core.Access;

namespace Workbench.Core.Administration;

/// <summary>
/// Who may administer agencies (system administrators only) and what a valid agency code and name are.
/// Codes are short, upper-case and stable: the API's <c>ownerAgency</c> and the seeds name agencies by them.
/// </summary>
public static partial class AgencyRules
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 256;

    /// <summary>Whether the caller may create, rename, deactivate, reactivate and merge agencies.</summary>
    public static bool CanManage(Caller caller) => caller.IsSystemAdmin;

    /// <summary>A typed code as stored: trimmed and upper-case (<c> stttt</c> becomes <c>STTTT</c>).</summary>
    public static string NormalizeCode(string? code) => (code ?? "").Trim().ToUpperInvariant();

    /// <summary>
    /// Whether a normalized code is valid: 2 to <see cref="MaxCodeLength"/> characters, Latin letters without marks,
    /// digits and single hyphens, starting with a letter and not ending with a hyphen (e.g. <c>VPDDBQH-HDND</c>).
    /// </summary>
    public static bool IsValidCode(string code) => code.Length is >= 2 and <= MaxCodeLength && CodePattern().IsMatch(code);

    /// <summary>A typed name as stored: trimmed, inner runs of spaces made one, null when blank.</summary>
    public static string? NormalizeName(string? name)
    {
        var trimmed = string.Join(' ', (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return trimmed.Length == 0 ? null : trimmed;
    }

    [GeneratedRegex("^[A-Z](?:[A-Z0-9]|-(?=[A-Z0-9]))*$")]
    private static partial Regex CodePattern();
}
