using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Core.Connectors.Rest;

namespace Workbench.App.Features.Connectors;

/// <summary>A REST or database dry run as the editor shows it: the source as read, as mapped, and a proposed schema.</summary>
/// <param name="RawJson">REST: the first records as indented JSON.</param>
/// <param name="RawColumns">Database: the source's columns with their engine types, heading <paramref name="RawRows"/>.</param>
public sealed record DryRunResult(
    int RecordCount,
    IReadOnlyList<string> RawJson,
    IReadOnlyList<string> RawColumns,
    IReadOnlyList<string?[]> RawRows,
    IReadOnlyList<FieldMapping> MappedColumns,
    IReadOnlyList<object?[]> MappedRows,
    string? MappingError,
    IReadOnlyList<ConversionProblem> Problems,
    IReadOnlyList<string> UnmappedFields,
    IReadOnlyList<FieldMapping> Proposed)
{
    public static DryRunResult From(RestDryRun run, IReadOnlyList<FieldMapping> mappings) => new(
        run.RecordCount, run.RawRecords, [], [], mappings, run.Batch?.Rows ?? [], run.MappingError, run.Batch?.Problems ?? [],
        run.Batch?.UnmappedFields ?? [], [.. run.ProposedSchema.Select(p => p.ToMapping())]);

    public static DryRunResult From(DatabaseDryRun run, IReadOnlyList<FieldMapping> mappings) => new(
        run.RawRows.Count, [], [.. run.Columns.Select(c => $"{c.Name} ({c.SourceType})")], run.RawRows, mappings, run.MappedRows, null,
        run.Problems, run.UnmappedFields, run.ProposedSchema);

    /// <summary>The source field paths the mapping grid can offer.</summary>
    public IEnumerable<string> FieldPaths => Proposed.Select(p => p.SourcePath);
}
