using Workbench.Core.Imports;

namespace Workbench.Infrastructure.Imports;

/// <summary>
/// A CSV file or one XLSX sheet, read forward once: a header row, then data rows. Rows where every cell is empty
/// are skipped but still counted in <see cref="RowNumber"/>, so numbers match what Excel shows.
/// </summary>
public interface ITabularFile : IDisposable
{
    TabularFormat Format { get; }

    /// <summary>The workbook's sheet names; empty for CSV.</summary>
    IReadOnlyList<string> SheetNames { get; }

    /// <summary>The sheet being read; null for CSV.</summary>
    string? Sheet { get; }

    /// <summary>The CSV delimiter; null for XLSX.</summary>
    char? Delimiter { get; }

    /// <summary>The normalised column names (see <see cref="HeaderNormalizer"/>).</summary>
    IReadOnlyList<string> Headers { get; }

    /// <summary>The 1-based row of the header.</summary>
    long HeaderRowNumber { get; }

    /// <summary>Moves to the next data row; false at the end. Throws <see cref="ImportException"/> on a malformed row.</summary>
    bool Read();

    /// <summary>
    /// The current row's cells, one per header, reused by the next <see cref="Read"/>: null when empty, otherwise a
    /// string (CSV, XLSX text) or a typed XLSX value (<c>double</c>, <c>bool</c>, <c>DateTime</c>).
    /// </summary>
    object?[] Current { get; }

    /// <summary>The current row's 1-based number as Excel shows it (the header is row 1 when it is the first row).</summary>
    long RowNumber { get; }
}
