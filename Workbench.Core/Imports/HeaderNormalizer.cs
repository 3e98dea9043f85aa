using System.Text;

namespace Workbench.Core.Imports;

/// <summary>Turns a file's header cells into column names.</summary>
/// <remarks>
/// Trims, folds runs of white space and line breaks (Excel headers often wrap) into one space and composes
/// Vietnamese letters (NFC). An empty header becomes <c>Cột N</c> after its 1-based position. Two columns whose
/// names differ only in case are duplicates: the file is refused, because a silent rename would load data under a
/// name the user did not choose.
/// </remarks>
public static class HeaderNormalizer
{
    /// <summary>The name given to the column at a 1-based position whose header is empty.</summary>
    public static string PlaceholderName(int columnNumber) => $"Cột {columnNumber}";

    /// <summary>Column names for the raw header cells; throws <see cref="ImportException"/> on a duplicate.</summary>
    public static string[] Normalize(IReadOnlyList<string?> headers, long headerRow = 1)
    {
        var names = new string[headers.Count];
        var seen = new Dictionary<string, int>(headers.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            var name = Clean(headers[i]);
            if (name.Length == 0)
            {
                name = PlaceholderName(i + 1);
            }
            if (!seen.TryAdd(name, i + 1))
            {
                throw new ImportException(new ImportError(ImportErrorCode.DuplicateHeader, headerRow, name)
                {
                    OtherColumnNumber = seen[name],
                    ColumnNumber = i + 1,
                });
            }
            names[i] = name;
        }
        return names;
    }

    /// <summary>Trims, folds white space to single spaces and composes the letters of one header.</summary>
    public static string Clean(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return "";
        }
        var builder = new StringBuilder(header.Length);
        var pendingSpace = false;
        foreach (var c in header.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
