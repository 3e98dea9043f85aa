using Workbench.Core.Catalog;

namespace Workbench.Core.Imports;

/// <summary>One column to load: where it is in the file, the name and type it gets, and whether it is part of the key.</summary>
/// <param name="SourceIndex">The 0-based column in the file.</param>
/// <param name="Name">The dataset column's name (the user may have renamed it); checked and reported after <see cref="HeaderNormalizer.Clean"/>, so create the dataset column with the cleaned name.</param>
/// <param name="Type">The type every value is converted to.</param>
/// <param name="IsKey">Part of the key that upserts match on; key cells must not be empty.</param>
public sealed record ImportPlanColumn(int SourceIndex, string Name, ColumnType Type, bool IsKey = false);

/// <summary>
/// What the user confirmed on the preview: which columns to load, in which order, with which names and types, and
/// how numbers are written. Columns left out of the plan are not read.
/// </summary>
/// <param name="Columns">The columns to load, in the order of the converted rows.</param>
/// <param name="NumberStyle">How the file writes numbers.</param>
/// <param name="Sheet">The XLSX sheet; null means the first.</param>
/// <param name="Delimiter">The CSV delimiter; null means detect it again.</param>
public sealed record ImportPlan(IReadOnlyList<ImportPlanColumn> Columns, NumberStyle NumberStyle, string? Sheet = null, char? Delimiter = null)
{
    /// <summary>The names of the key columns, in plan order.</summary>
    public IReadOnlyList<string> KeyColumns => [.. Columns.Where(c => c.IsKey).Select(c => c.Name)];

    /// <summary>Checks the plan against a file with <paramref name="sourceColumnCount"/> columns; empty when it is sound.</summary>
    public IReadOnlyList<ImportError> Validate(int sourceColumnCount)
    {
        var errors = new List<ImportError>();
        if (Columns.Count == 0)
        {
            errors.Add(new ImportError(ImportErrorCode.PlanHasNoColumns));
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Columns.Count; i++)
        {
            var column = Columns[i];
            var name = HeaderNormalizer.Clean(column.Name);
            if (column.SourceIndex < 0 || column.SourceIndex >= sourceColumnCount)
            {
                errors.Add(new ImportError(ImportErrorCode.PlanUnknownSourceColumn, Column: name.Length == 0 ? null : name) { ColumnNumber = column.SourceIndex + 1 });
            }
            if (name.Length == 0)
            {
                errors.Add(new ImportError(ImportErrorCode.PlanColumnNameEmpty) { ColumnNumber = i + 1 });
            }
            else if (!names.Add(name))
            {
                errors.Add(new ImportError(ImportErrorCode.PlanDuplicateColumnName, Column: name));
            }
        }
        return errors;
    }
}
