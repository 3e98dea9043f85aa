using Workbench.Core.Catalog;
using Workbench.Core.Imports;

namespace Workbench.Infrastructure.Imports;

/// <summary>
/// The file-import front end: a preview to confirm, a whole-file check, and the converted rows to load.
/// Every method reads the stream once, forward, so the caller opens the stored upload again for each.
/// The streams are not closed.
/// </summary>
public sealed class FileImporter(ImportOptions options)
{
    private const int CancellationCheckInterval = 4096;

    public FileImporter()
        : this(new ImportOptions())
    {
    }

    /// <summary>
    /// Reads the whole file: infers types and the number style from the first <see cref="ImportOptions.InferenceRows"/>
    /// rows, counts every row, and lists values past the sample that the inferred types would refuse.
    /// Throws <see cref="ImportException"/> when the file cannot be read at all (empty, too large, not UTF-8, ragged, ...).
    /// </summary>
    /// <param name="numberStyle">Overrides the detected number style (the user changed it on the preview).</param>
    public ImportPreview Preview(Stream stream, string fileName, string? sheet = null, char? delimiter = null, NumberStyle? numberStyle = null, CancellationToken cancellationToken = default) =>
        PreviewCore(stream, fileName, sheet, delimiter, numberStyle, wholeFile: true, cancellationToken);

    /// <summary>
    /// The preview's proposal from the sampled rows alone: columns, inferred types and number style, without reading
    /// past the first <see cref="ImportOptions.InferenceRows"/> rows. <see cref="ImportPreview.RowCount"/> then counts
    /// only the rows read and <see cref="ImportPreview.Errors"/> is empty: for a caller that loads next (which checks
    /// every value anyway) and has nobody to show the preview to.
    /// </summary>
    public ImportPreview Infer(Stream stream, string fileName, string? sheet = null, CancellationToken cancellationToken = default) =>
        PreviewCore(stream, fileName, sheet, null, null, wholeFile: false, cancellationToken);

    private ImportPreview PreviewCore(Stream stream, string fileName, string? sheet, char? delimiter, NumberStyle? numberStyle, bool wholeFile, CancellationToken cancellationToken)
    {
        using var file = TabularFile.Open(stream, fileName, sheet, delimiter, options.Limits);
        var width = file.Headers.Count;
        var inference = new ColumnTypeInference[width];
        var samples = new List<string>[width];
        for (var i = 0; i < width; i++)
        {
            inference[i] = new ColumnTypeInference();
            samples[i] = [];
        }
        var sampleRows = new List<string?[]>();
        long rows = 0;

        while (rows < options.InferenceRows && file.Read())
        {
            rows++;
            ThrowIfCancelled(rows, cancellationToken);
            var cells = file.Current;
            for (var i = 0; i < width; i++)
            {
                inference[i].Observe(cells[i]);
                if (samples[i].Count < options.SampleValues && cells[i] is { } value && !(value is string text && string.IsNullOrWhiteSpace(text)))
                {
                    samples[i].Add(CellParser.FormatInvariant(value)!);
                }
            }
            if (sampleRows.Count < options.PreviewRows)
            {
                var text = new string?[width];
                for (var i = 0; i < width; i++)
                {
                    text[i] = CellParser.FormatInvariant(cells[i]);
                }
                sampleRows.Add(text);
            }
        }

        var style = numberStyle ?? ColumnTypeInference.DetectNumberStyle(inference, file.Delimiter);
        var columns = new ImportPreviewColumn[width];
        for (var i = 0; i < width; i++)
        {
            columns[i] = new ImportPreviewColumn(i, file.Headers[i], inference[i].Result(style), samples[i]);
        }
        var preview = new ImportPreview(file.Format, file.SheetNames, file.Sheet, file.Delimiter, style, columns, sampleRows, rows, []);
        if (!wholeFile)
        {
            return preview;
        }

        // Past the sample: count, and check the rest against the proposal so the user learns of a late bad value now.
        var errors = new List<ImportError>();
        var converter = new ImportRowConverter(preview.ToPlan());
        var scratch = new object?[width];
        while (Next(file))
        {
            rows++;
            ThrowIfCancelled(rows, cancellationToken);
            if (errors.Count < options.MaxErrors && !Convert(converter, file, scratch, out var error))
            {
                errors.Add(error!);
            }
        }
        return preview with { RowCount = rows, Errors = errors };
    }

    /// <summary>
    /// Checks every row against the plan without loading, collecting up to <see cref="ImportOptions.MaxErrors"/> errors.
    /// A structural error (ragged row, bad encoding, ...) ends the check and is reported as the last error.
    /// </summary>
    public ImportValidation Validate(Stream stream, string fileName, ImportPlan plan, CancellationToken cancellationToken = default)
    {
        var errors = new List<ImportError>();
        long rows = 0;
        var more = false;
        try
        {
            using var file = TabularFile.Open(stream, fileName, plan.Sheet, plan.Delimiter, options.Limits);
            var planErrors = plan.Validate(file.Headers.Count);
            if (planErrors.Count > 0)
            {
                return new ImportValidation(0, planErrors, false);
            }
            var converter = new ImportRowConverter(plan);
            var scratch = new object?[converter.Width];
            while (Next(file))
            {
                rows++;
                ThrowIfCancelled(rows, cancellationToken);
                if (!Convert(converter, file, scratch, out var error))
                {
                    if (errors.Count == options.MaxErrors)
                    {
                        more = true;
                        break;
                    }
                    errors.Add(error!);
                }
            }
        }
        catch (ImportException e)
        {
            errors.Add(e.Error);
        }
        return new ImportValidation(rows, errors, more);
    }

    /// <summary>
    /// The converted rows in plan order (CLR types as <see cref="ColumnType"/> says), streamed: a fresh array per row.
    /// At the first bad value the enumeration throws <see cref="ImportException"/> naming row, column and value, before
    /// yielding that row; a caller loading inside a transaction therefore rolls back and nothing is loaded.
    /// The plan is checked against the file's header first (<see cref="ImportException"/> with the first plan error).
    /// </summary>
    public IEnumerable<object?[]> ReadRows(Stream stream, string fileName, ImportPlan plan, CancellationToken cancellationToken = default)
    {
        using var file = TabularFile.Open(stream, fileName, plan.Sheet, plan.Delimiter, options.Limits);
        var planErrors = plan.Validate(file.Headers.Count);
        if (planErrors.Count > 0)
        {
            throw new ImportException(planErrors[0]);
        }
        var converter = new ImportRowConverter(plan);
        long rows = 0;
        while (Next(file))
        {
            rows++;
            ThrowIfCancelled(rows, cancellationToken);
            var values = new object?[converter.Width];
            if (!Convert(converter, file, values, out var error))
            {
                throw new ImportException(error!);
            }
            yield return values;
        }
    }

    /// <summary>The warehouse columns for a plan: synthetic physical names <c>c1</c>, <c>c2</c>, ... in plan order.</summary>
    public static IReadOnlyList<Core.Abstractions.WarehouseColumn> WarehouseColumns(ImportPlan plan) =>
        [.. plan.Columns.Select((c, i) => new Core.Abstractions.WarehouseColumn(DatasetKey.PhysicalColumnName(i), c.Type))];

    // CSV rows are converted from the reader's buffer: a number or a date then costs no string.
    private static bool Next(ITabularFile file) => file is CsvTableReader csv ? csv.ReadInPlace() : file.Read();

    private static bool Convert(ImportRowConverter converter, ITabularFile file, object?[] destination, out ImportError? error) =>
        file is CsvTableReader csv
            ? converter.TryConvert(csv, file.RowNumber, destination, out error)
            : converter.TryConvert(file.Current, file.RowNumber, destination, out error);

    private static void ThrowIfCancelled(long rows, CancellationToken cancellationToken)
    {
        if (rows % CancellationCheckInterval == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
