using Workbench.Core.Catalog;

namespace Workbench.Core.Connectors;

/// <summary>
/// A dataset column a connector fills, and where its value comes from in a source record: a JSON path relative to
/// the record for REST sources (<c>diaChi.tinh</c>, <c>items[0].ma</c>), a column name for database sources.
/// </summary>
public sealed record FieldMapping(string Column, ColumnType Type, string SourcePath);

/// <summary>A source value that did not convert to its column's type; <see cref="RecordNumber"/> counts from 1 over the whole sync.</summary>
public sealed record ConversionProblem(long RecordNumber, string Column, string? RawValue, string Message);

/// <summary>
/// One batch read from a source (a page of a REST source, a chunk of a database source), already mapped to the
/// connector's columns: each row has one value per <see cref="FieldMapping"/>, in the mappings' order, as CLR values
/// of the column types (<see cref="Imports.CellParser"/>'s conventions). Rows whose values did not all convert are left
/// out and reported in <see cref="Problems"/>.
/// </summary>
/// <param name="UnmappedFields">Fields present in the source records that no mapping names (schema drift: flagged, not loaded).</param>
/// <param name="Watermark">The highest watermark value seen so far in this sync (invariant text), null when not incremental.</param>
/// <param name="RecordsRead">Source records read in this batch, converted or not.</param>
public sealed record SourceBatch(
    IReadOnlyList<object?[]> Rows,
    IReadOnlyList<ConversionProblem> Problems,
    IReadOnlyList<string> UnmappedFields,
    string? Watermark,
    long RecordsRead);

/// <summary>How a source read failed: whether a retry may help, and a message for the system administrator.</summary>
public enum SourceErrorKind
{
    /// <summary>The source could not be reached or answered a server error or timed out: worth a retry.</summary>
    Transient,
    /// <summary>The source refused our credentials (401/403) or the configuration is wrong: retrying will not help.</summary>
    Configuration,
    /// <summary>The source answered something we cannot read (malformed JSON, no records at the path).</summary>
    Malformed,
    /// <summary>A mapped field is missing from the records (renamed or removed at the source).</summary>
    MissingField,
}

/// <summary>A source read that failed; <see cref="Kind"/> decides whether the sync retries.</summary>
public sealed class SourceReadException(SourceErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public SourceErrorKind Kind { get; } = kind;

    public bool IsTransient => Kind == SourceErrorKind.Transient;
}
