using Workbench.Core.Common;

namespace Workbench.Infrastructure.Exports;

/// <summary>
/// A download has more rows than the format holds (an xlsx sheet: <see cref="XlsxExporter.MaxRows"/>). Thrown before
/// any byte reaches the caller's stream, so the API can still answer with this message; the way out is CSV.
/// </summary>
public sealed class ExportTooLargeException(long maxRows) : Exception(Text.Pick(
    "Kết quả có hơn {0:N0} dòng, vượt quá giới hạn của một trang tính Excel. Hãy tải xuống định dạng CSV.",
    "The result has more than {0:N0} rows, more than an Excel sheet holds. Download it as CSV instead.",
    maxRows))
{
    public long MaxRows { get; } = maxRows;
}
