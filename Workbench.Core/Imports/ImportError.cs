using System.Globalization;
using Workbench.Core.Catalog;

namespace Workbench.Core.Imports;

/// <summary>What went wrong with an imported file; the code is stable, the messages are for people.</summary>
public enum ImportErrorCode
{
    EmptyFile,
    FileTooLarge,
    TooManyColumns,
    NotUtf8,
    UnsupportedFormat,
    UnreadableWorkbook,
    SheetNotFound,
    DuplicateHeader,
    RaggedRow,
    UnterminatedQuote,
    MalformedQuote,
    ValueOutsideHeader,
    InvalidInteger,
    InvalidNumber,
    InvalidBoolean,
    InvalidDate,
    InvalidDateTime,
    EmptyKey,
    PlanHasNoColumns,
    PlanColumnNameEmpty,
    PlanDuplicateColumnName,
    PlanUnknownSourceColumn,
}

/// <summary>
/// One problem with an imported file, with what a person needs to find it: the row as Excel
/// numbers it (the header is row 1), the column name and the offending value.
/// </summary>
/// <param name="Code">What went wrong.</param>
/// <param name="Row">The 1-based row as the user sees it in Excel; for CSV a quoted field's line breaks stay inside one row.</param>
/// <param name="Column">The column's name (after header normalisation or the plan's rename).</param>
/// <param name="Value">The offending value as it appears in the file.</param>
public sealed record ImportError(ImportErrorCode Code, long? Row = null, string? Column = null, string? Value = null)
{
    private const int MaxShownValueLength = 100;

    /// <summary>The 1-based position of the column in the file, where the name alone is not enough.</summary>
    public int? ColumnNumber { get; init; }

    /// <summary>The other column of a duplicate header.</summary>
    public int? OtherColumnNumber { get; init; }

    /// <summary>A count the message reports, e.g. the fields of a ragged row or the columns of a wide file.</summary>
    public long? Count { get; init; }

    /// <summary>The limit or expected count that <see cref="Count"/> is compared with.</summary>
    public long? Limit { get; init; }

    /// <summary>The expected format (<c>dd/MM/yyyy</c>) or, for a missing sheet, the sheets there are.</summary>
    public string? Expected { get; init; }

    /// <summary>The Vietnamese message.</summary>
    public string MessageVi => Message(vietnamese: true);

    /// <summary>The English message.</summary>
    public string MessageEn => Message(vietnamese: false);

    /// <summary>The error for a value that does not convert to <paramref name="type"/>.</summary>
    public static ImportError InvalidValue(long row, string column, string value, ColumnType type, NumberStyle style) => type switch
    {
        ColumnType.Integer => new(ImportErrorCode.InvalidInteger, row, column, value) { Expected = style == NumberStyle.Vietnamese ? "1.234" : "1234" },
        ColumnType.Number => new(ImportErrorCode.InvalidNumber, row, column, value) { Expected = style == NumberStyle.Vietnamese ? "1.234,5" : "1234.5" },
        ColumnType.Boolean => new(ImportErrorCode.InvalidBoolean, row, column, value) { Expected = "có/không, true/false, yes/no, 1/0" },
        ColumnType.Date => new(ImportErrorCode.InvalidDate, row, column, value) { Expected = LooksIso(value) ? "yyyy-MM-dd" : "dd/MM/yyyy" },
        ColumnType.DateTime => new(ImportErrorCode.InvalidDateTime, row, column, value) { Expected = LooksIso(value) ? "yyyy-MM-dd HH:mm:ss" : "dd/MM/yyyy HH:mm:ss" },
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Every text converts."),
    };

    /// <summary>The message in Vietnamese or English.</summary>
    public string Message(bool vietnamese)
    {
        var at = vietnamese ? AtVi() : AtEn();
        var value = Shown(Value);
        var body = (Code, vietnamese) switch
        {
            (ImportErrorCode.EmptyFile, true) => "Tệp rỗng: không có dòng tiêu đề nào.",
            (ImportErrorCode.EmptyFile, false) => "The file is empty: it has no header row.",
            (ImportErrorCode.FileTooLarge, true) => $"Tệp vượt quá dung lượng cho phép ({Size(Limit)}).",
            (ImportErrorCode.FileTooLarge, false) => $"The file is larger than the {Size(Limit)} allowed.",
            (ImportErrorCode.TooManyColumns, true) => $"Tệp có {Count} cột, vượt quá giới hạn {Limit} cột.",
            (ImportErrorCode.TooManyColumns, false) => $"The file has {Count} columns, more than the {Limit} allowed.",
            (ImportErrorCode.NotUtf8, true) => "tệp không phải văn bản UTF-8. Hãy mở tệp trong Excel và lưu lại với kiểu «CSV UTF-8 (Comma delimited)».",
            (ImportErrorCode.NotUtf8, false) => "the file is not UTF-8 text. Open it in Excel and save it again as 'CSV UTF-8 (Comma delimited)'.",
            (ImportErrorCode.UnsupportedFormat, true) => $"Tệp «{value}» không được hỗ trợ: chỉ nhận tệp CSV và Excel XLSX (với tệp .xls, hãy lưu lại thành .xlsx).",
            (ImportErrorCode.UnsupportedFormat, false) => $"The file '{value}' is not supported: only CSV and Excel XLSX files are (save an .xls file again as .xlsx).",
            (ImportErrorCode.UnreadableWorkbook, true) => "Không đọc được tệp Excel: tệp bị hỏng hoặc không phải định dạng XLSX.",
            (ImportErrorCode.UnreadableWorkbook, false) => "The Excel file cannot be read: it is damaged or not in XLSX format.",
            (ImportErrorCode.SheetNotFound, true) => $"Không có trang tính «{value}». Các trang tính trong tệp: {Expected}.",
            (ImportErrorCode.SheetNotFound, false) => $"There is no sheet '{value}'. The file's sheets: {Expected}.",
            (ImportErrorCode.DuplicateHeader, true) => $"cột {OtherColumnNumber} và cột {ColumnNumber} cùng có tiêu đề «{Column}»; tên các cột phải khác nhau.",
            (ImportErrorCode.DuplicateHeader, false) => $"columns {OtherColumnNumber} and {ColumnNumber} both have the header '{Column}'; column names must be unique.",
            (ImportErrorCode.RaggedRow, true) => $"có {Count} ô nhưng dòng tiêu đề có {Limit} cột.",
            (ImportErrorCode.RaggedRow, false) => $"has {Count} fields but the header has {Limit} columns.",
            (ImportErrorCode.UnterminatedQuote, true) => "dấu ngoặc kép (\") được mở nhưng không được đóng trước khi hết tệp.",
            (ImportErrorCode.UnterminatedQuote, false) => "a quote (\") is opened but not closed before the end of the file.",
            (ImportErrorCode.MalformedQuote, true) => "có ký tự ngay sau dấu ngoặc kép đóng; một ô trong ngoặc kép phải kết thúc ngay tại dấu ngoặc kép.",
            (ImportErrorCode.MalformedQuote, false) => "a character follows a closing quote; a quoted field must end at its closing quote.",
            (ImportErrorCode.ValueOutsideHeader, true) => $"có giá trị «{value}» ở cột {ColumnNumber} nhưng cột này không có tiêu đề.",
            (ImportErrorCode.ValueOutsideHeader, false) => $"has the value '{value}' in column {ColumnNumber}, which has no header.",
            (ImportErrorCode.InvalidInteger, true) => $"giá trị «{value}» không phải là số nguyên hợp lệ ({Expected}).",
            (ImportErrorCode.InvalidInteger, false) => $"'{value}' is not a valid integer ({Expected}).",
            (ImportErrorCode.InvalidNumber, true) => $"giá trị «{value}» không phải là số hợp lệ ({Expected}).",
            (ImportErrorCode.InvalidNumber, false) => $"'{value}' is not a valid number ({Expected}).",
            (ImportErrorCode.InvalidBoolean, true) => $"giá trị «{value}» không phải là giá trị đúng/sai hợp lệ ({Expected}).",
            (ImportErrorCode.InvalidBoolean, false) => $"'{value}' is not a valid yes/no value ({Expected}).",
            (ImportErrorCode.InvalidDate, true) => $"giá trị «{value}» không phải là ngày hợp lệ ({Expected}).",
            (ImportErrorCode.InvalidDate, false) => $"'{value}' is not a valid date ({Expected}).",
            (ImportErrorCode.InvalidDateTime, true) => $"giá trị «{value}» không phải là ngày giờ hợp lệ ({Expected}).",
            (ImportErrorCode.InvalidDateTime, false) => $"'{value}' is not a valid date and time ({Expected}).",
            (ImportErrorCode.EmptyKey, true) => "cột khóa không được để trống.",
            (ImportErrorCode.EmptyKey, false) => "a key column must not be empty.",
            (ImportErrorCode.PlanHasNoColumns, true) => "Cần chọn ít nhất một cột để nạp.",
            (ImportErrorCode.PlanHasNoColumns, false) => "Choose at least one column to load.",
            (ImportErrorCode.PlanColumnNameEmpty, true) => "tên cột không được để trống.",
            (ImportErrorCode.PlanColumnNameEmpty, false) => "the column name must not be empty.",
            (ImportErrorCode.PlanDuplicateColumnName, true) => "tên cột bị trùng; tên các cột phải khác nhau.",
            (ImportErrorCode.PlanDuplicateColumnName, false) => "the name is used twice; column names must be unique.",
            (ImportErrorCode.PlanUnknownSourceColumn, true) => "tệp không có cột này.",
            (ImportErrorCode.PlanUnknownSourceColumn, false) => "the file has no such column.",
            _ => Code.ToString(),
        };
        return at.Length == 0 ? body : $"{at}: {body}";
    }

    /// <inheritdoc />
    public override string ToString() => MessageVi;

    // "Dòng 7, cột «Ngày sinh»" — the place first, so a list of errors scans well.
    private string AtVi() => (Row, Column ?? NumberedColumn()) switch
    {
        (long row, string column) when Code != ImportErrorCode.DuplicateHeader => $"Dòng {row}, cột «{column}»",
        (long row, _) => $"Dòng {row}",
        (null, string column) => $"Cột «{column}»",
        _ => "",
    };

    private string AtEn() => (Row, Column ?? NumberedColumn()) switch
    {
        (long row, string column) when Code != ImportErrorCode.DuplicateHeader => $"Row {row}, column '{column}'",
        (long row, _) => $"Row {row}",
        (null, string column) => $"Column '{column}'",
        _ => "",
    };

    private string? NumberedColumn() =>
        Code is ImportErrorCode.PlanColumnNameEmpty or ImportErrorCode.PlanUnknownSourceColumn && ColumnNumber is int n
            ? n.ToString(CultureInfo.InvariantCulture)
            : null;

    private static string? Shown(string? value) =>
        value is { Length: > MaxShownValueLength } ? string.Concat(value.AsSpan(0, MaxShownValueLength), "…") : value;

    private static bool LooksIso(string value) => value.AsSpan().Trim() is { Length: >= 5 } s && s[4] == '-';

    private static string Size(long? bytes) => bytes switch
    {
        null => "?",
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KB",
        _ => $"{bytes} bytes",
    };
}

/// <summary>Thrown when a file cannot be imported; carries the <see cref="ImportError"/> and its Vietnamese message.</summary>
public sealed class ImportException(ImportError error) : Exception(error.MessageVi)
{
    public ImportError Error { get; } = error;
}
