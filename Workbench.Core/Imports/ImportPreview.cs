using Workbench.Core.Catalog;

namespace Workbench.Core.Imports;

/// <summary>A column as the preview shows it.</summary>
/// <param name="SourceIndex">The 0-based column in the file.</param>
/// <param name="Name">The normalised header.</param>
/// <param name="InferredType">The type proposed from the sampled rows.</param>
/// <param name="SampleValues">The first few non-empty values, as text.</param>
public sealed record ImportPreviewColumn(int SourceIndex, string Name, ColumnType InferredType, IReadOnlyList<string> SampleValues);

/// <summary>What the preview screen shows before loading: the file's shape, proposed types and a few rows.</summary>
/// <param name="Format">CSV or XLSX.</param>
/// <param name="SheetNames">The workbook's sheets, in order; empty for CSV.</param>
/// <param name="SelectedSheet">The sheet read; null for CSV.</param>
/// <param name="Delimiter">The CSV delimiter detected or given; null for XLSX.</param>
/// <param name="NumberStyle">How the file writes numbers, as detected.</param>
/// <param name="Columns">The columns in file order.</param>
/// <param name="SampleRows">The first rows, each cell as text (null when empty).</param>
/// <param name="RowCount">Every data row in the file (the header and empty rows not counted); 0 for a header-only file.</param>
/// <param name="Errors">Values past the sampled rows that the proposed types would refuse, at most a handful; empty when the file loads as proposed.</param>
public sealed record ImportPreview(
    TabularFormat Format,
    IReadOnlyList<string> SheetNames,
    string? SelectedSheet,
    char? Delimiter,
    NumberStyle NumberStyle,
    IReadOnlyList<ImportPreviewColumn> Columns,
    IReadOnlyList<string?[]> SampleRows,
    long RowCount,
    IReadOnlyList<ImportError> Errors)
{
    /// <summary>False for a file with a header and no data rows.</summary>
    public bool HasRows => RowCount > 0;

    /// <summary>The plan the preview proposes: every column, named and typed as inferred, no keys.</summary>
    public ImportPlan ToPlan() => new(
        [.. Columns.Select(c => new ImportPlanColumn(c.SourceIndex, c.Name, c.InferredType))],
        NumberStyle,
        SelectedSheet,
        Delimiter);
}

/// <summary>The outcome of checking a whole file against a plan without loading it.</summary>
/// <param name="RowCount">The data rows read (all of them unless a structural error stopped the reading).</param>
/// <param name="Errors">The first errors found, at most the requested number.</param>
/// <param name="HasMoreErrors">True when more errors exist than were collected.</param>
public sealed record ImportValidation(long RowCount, IReadOnlyList<ImportError> Errors, bool HasMoreErrors)
{
    /// <summary>True when the file loads with the plan.</summary>
    public bool IsValid => Errors.Count == 0;
}
