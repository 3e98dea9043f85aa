using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workbench.Infrastructure.Exports;

/// <summary>
/// Streams rows as CSV: UTF-8 with BOM (so Excel shows Vietnamese), comma-separated, RFC 4180 quoting,
/// invariant numbers and ISO dates (so the file loads back without guessing). Memory stays flat.
/// </summary>
public static class CsvExporter
{
    public static async Task<ExportReceipt> WriteAsync(
        Stream output, IReadOnlyList<string> header, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var hashing = new HashingStream(output, hash);
        await using (var writer = new StreamWriter(hashing, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true))
        {
            writer.NewLine = "\r\n";
            await WriteLineAsync(writer, header.Cast<object?>().ToArray());
            long count = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await WriteLineAsync(writer, row);
                count++;
            }
            await writer.FlushAsync(cancellationToken);
            return new ExportReceipt(count, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
    }

    /// <summary>A cell as CSV text, quoted when needed and neutralised when a spreadsheet would run it as a formula.</summary>
    public static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            string s => FormulaGuard.Neutralise(s),
            bool b => b ? "true" : "false",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            double x => x.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => FormulaGuard.Neutralise(value.ToString() ?? ""),
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    private static async Task WriteLineAsync(StreamWriter writer, object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                await writer.WriteAsync(',');
            }
            await writer.WriteAsync(Cell(cells[i]));
        }
        await writer.WriteLineAsync();
    }
}
