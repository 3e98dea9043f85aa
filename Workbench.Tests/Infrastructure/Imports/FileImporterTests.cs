using System.Text;
using Workbench.Core.Catalog;
using Workbench.Core.Imports;
using Workbench.Infrastructure.Imports;

namespace Workbench.Tests.Infrastructure.Imports;

/// <summary>The corpus of good and bad files in Fixtures/Files/Imports, end to end: preview, check, converted rows.</summary>
public class FileImporterTests
{
    private readonly FileImporter _importer = new();
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    private ImportPreview Preview(string name)
    {
        using var stream = ImportFiles.Open(name);
        return _importer.Preview(stream, name, cancellationToken: _cancellationToken);
    }

    private ImportError PreviewError(string name) =>
        Assert.Throws<ImportException>(() => Preview(name)).Error;

    private (SimulatedTransaction Transaction, ImportError? Error) Load(string name, ImportPlan plan)
    {
        using var stream = ImportFiles.Open(name);
        var transaction = new SimulatedTransaction();
        var error = transaction.Load(_importer.ReadRows(stream, name, plan, _cancellationToken));
        return (transaction, error);
    }

    private static (string, ColumnType)[] Schema(ImportPreview preview) => [.. preview.Columns.Select(c => (c.Name, c.InferredType))];

    [Fact]
    public void Empty_file_is_refused_with_a_clear_message()
    {
        var error = PreviewError("empty.csv");

        Assert.Equal(ImportErrorCode.EmptyFile, error.Code);
        Assert.Equal("Tệp rỗng: không có dòng tiêu đề nào.", error.MessageVi);
    }

    [Fact]
    public void Header_only_file_previews_its_columns_with_no_rows()
    {
        var preview = Preview("header-only.csv");
        var (transaction, error) = Load("header-only.csv", preview.ToPlan());

        Assert.Equal([("Mã huyện", ColumnType.Text), ("Tên huyện", ColumnType.Text), ("Dân số", ColumnType.Text)], Schema(preview));
        Assert.Equal(0, preview.RowCount);
        Assert.False(preview.HasRows);
        Assert.Null(error);
        Assert.Empty(transaction.Committed);
    }

    [Fact]
    public void Ragged_row_is_rejected_with_its_row_number_and_nothing_is_loaded()
    {
        var plan = new ImportPlan([new ImportPlanColumn(0, "Mã", ColumnType.Integer)], NumberStyle.Invariant);

        var previewError = PreviewError("ragged-rows.csv");
        var (transaction, error) = Load("ragged-rows.csv", plan);

        Assert.Equal(new ImportError(ImportErrorCode.RaggedRow, 3) { Count = 2, Limit = 3 }, previewError);
        Assert.Equal(previewError, error);
        Assert.Equal("Dòng 3: có 2 ô nhưng dòng tiêu đề có 3 cột.", error!.MessageVi);
        Assert.Equal(1, transaction.RolledBack);
        Assert.Empty(transaction.Committed);
    }

    [Fact]
    public void Bad_date_stops_the_load_at_its_row_and_nothing_is_loaded()
    {
        var preview = Preview("bad-dates.csv");
        var plan = preview.ToPlan() with
        {
            Columns = [.. preview.ToPlan().Columns.Select(c => c.Name == "Ngày sinh" ? c with { Type = ColumnType.Date } : c)],
        };

        var (transaction, error) = Load("bad-dates.csv", plan);

        Assert.Equal(ColumnType.Text, preview.Columns[2].InferredType);
        Assert.Equal(new ImportError(ImportErrorCode.InvalidDate, 7, "Ngày sinh", "31/02/2020") { Expected = "dd/MM/yyyy" }, error);
        Assert.Equal("Dòng 7, cột «Ngày sinh»: giá trị «31/02/2020» không phải là ngày hợp lệ (dd/MM/yyyy).", error!.MessageVi);
        Assert.Equal("Row 7, column 'Ngày sinh': '31/02/2020' is not a valid date (dd/MM/yyyy).", error.MessageEn);
        Assert.Equal(5, transaction.RolledBack);
        Assert.Empty(transaction.Committed);
    }

    [Fact]
    public void Validation_collects_every_bad_value_up_to_the_limit()
    {
        var importer = new FileImporter(new ImportOptions { MaxErrors = 2 });
        var text = "Mã,Số\n1,5\n2,x\n3,6\n4,y\n5,z\n";
        var plan = new ImportPlan([new ImportPlanColumn(0, "Mã", ColumnType.Integer), new ImportPlanColumn(1, "Số", ColumnType.Integer)], NumberStyle.Invariant);

        var result = importer.Validate(new MemoryStream(Encoding.UTF8.GetBytes(text)), "so.csv", plan, _cancellationToken);

        Assert.False(result.IsValid);
        Assert.Equal([3L, 5L], result.Errors.Select(e => e.Row!.Value));
        Assert.True(result.HasMoreErrors);
    }

    [Fact]
    public void Validation_of_a_good_file_counts_its_rows()
    {
        var preview = Preview("vietnamese-headers.csv");
        using var stream = ImportFiles.Open("vietnamese-headers.csv");

        var result = _importer.Validate(stream, "vietnamese-headers.csv", preview.ToPlan(), _cancellationToken);

        Assert.True(result.IsValid);
        Assert.Equal(4, result.RowCount);
    }

    [Fact]
    public void Bom_is_not_part_of_the_first_header()
    {
        var preview = Preview("bom.csv");

        Assert.Equal([("Mã", ColumnType.Integer), ("Tên", ColumnType.Text)], Schema(preview));
        Assert.Equal(2, preview.RowCount);
    }

    [Fact]
    public void Vietnamese_headers_with_semicolons_and_vietnamese_numbers_load_typed()
    {
        var preview = Preview("vietnamese-headers.csv");
        var (transaction, error) = Load("vietnamese-headers.csv", preview.ToPlan());

        Assert.Equal(';', preview.Delimiter);
        Assert.Equal(NumberStyle.Vietnamese, preview.NumberStyle);
        Assert.Equal(
            [("Mã huyện", ColumnType.Text), ("Tên huyện", ColumnType.Text), ("Dân số", ColumnType.Integer), ("Diện tích (km²)", ColumnType.Number), ("Ngày cập nhật", ColumnType.Date)],
            Schema(preview));
        Assert.Equal(new[] { "001", "002", "003", "004" }, preview.Columns[0].SampleValues);
        Assert.Null(error);
        Assert.Equal(4, transaction.Committed.Count);
        Assert.Equal(new object?[] { "001", "Thành phố Quảng Ngãi", 278345L, 160.15, new DateOnly(2023, 7, 1) }, transaction.Committed[0]);
    }

    [Fact]
    public void Tab_separated_file_reads_invariant_decimals()
    {
        var preview = Preview("tabs.tsv");

        Assert.Equal('\t', preview.Delimiter);
        Assert.Equal([("Mã", ColumnType.Integer), ("Tên", ColumnType.Text), ("Diện tích", ColumnType.Number)], Schema(preview));
    }

    [Fact]
    public void Quoted_newlines_stay_in_their_cell_and_in_their_row()
    {
        var preview = Preview("quoted-newlines.csv");

        Assert.Equal(3, preview.RowCount);
        Assert.Equal("Dòng một\nDòng hai", preview.SampleRows[0][1]);
        Assert.Equal("Có dấu \"ngoặc kép\" và, dấu phẩy", preview.SampleRows[1][1]);
        Assert.Equal([("Mã", ColumnType.Integer), ("Ghi chú", ColumnType.Text), ("Số", ColumnType.Integer)], Schema(preview));
    }

    [Fact]
    public void Duplicate_headers_are_refused_naming_both_columns()
    {
        var error = PreviewError("duplicate-headers.csv");

        Assert.Equal(ImportErrorCode.DuplicateHeader, error.Code);
        Assert.Equal("Row 1: columns 1 and 4 both have the header 'mã'; column names must be unique.", error.MessageEn);
    }

    [Fact]
    public void Leading_zero_codes_stay_text_when_loaded()
    {
        var preview = Preview("leading-zero-codes.csv");
        var (transaction, _) = Load("leading-zero-codes.csv", preview.ToPlan());

        Assert.Equal([("Mã xã", ColumnType.Text), ("Điện thoại", ColumnType.Text), ("Số hộ", ColumnType.Integer)], Schema(preview));
        Assert.Equal(new object?[] { "010", "0912000111", 310L }, transaction.Committed[2]);
    }

    [Fact]
    public void Vietnamese_decimals_are_detected_and_converted()
    {
        var preview = Preview("vietnamese-decimals.csv");
        var (transaction, _) = Load("vietnamese-decimals.csv", preview.ToPlan());

        Assert.Equal(NumberStyle.Vietnamese, preview.NumberStyle);
        Assert.Equal([("Huyện", ColumnType.Text), ("Thu ngân sách", ColumnType.Number), ("Tỷ lệ", ColumnType.Number), ("Số xã", ColumnType.Integer)], Schema(preview));
        Assert.Equal(new object?[] { "Bình Sơn", 1234567.5, 12.5, 22L }, transaction.Committed[0]);
        Assert.Equal(45000d, transaction.Committed[2][1]);
    }

    [Fact]
    public void Unterminated_quote_is_refused_with_its_row()
    {
        var error = PreviewError("unterminated-quote.csv");

        Assert.Equal(ImportErrorCode.UnterminatedQuote, error.Code);
        Assert.Equal(2, error.Row);
    }

    [Fact]
    public void Every_type_is_inferred_from_a_mixed_file()
    {
        var preview = Preview("mixed-types.csv");

        Assert.Equal(
            [("Mã", ColumnType.Integer), ("Tên", ColumnType.Text), ("Có điện", ColumnType.Boolean), ("Ngày", ColumnType.Date), ("Thời điểm", ColumnType.DateTime), ("Điểm", ColumnType.Number)],
            Schema(preview));
    }

    [Theory]
    [InlineData("windows-1258")]
    [InlineData("iso-8859-1")]
    public void File_that_is_not_utf8_asks_to_be_saved_as_csv_utf8(string encodingName)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(encodingName).GetBytes("Mã huyện,Tên huyện\n1,Sơn Tịnh\n");

        var error = Assert.Throws<ImportException>(() => _importer.Preview(new MemoryStream(bytes), "huyen.csv", cancellationToken: _cancellationToken)).Error;

        Assert.Equal(ImportErrorCode.NotUtf8, error.Code);
        Assert.Equal(1, error.Row);
        Assert.Equal("Dòng 1: tệp không phải văn bản UTF-8. Hãy mở tệp trong Excel và lưu lại với kiểu «CSV UTF-8 (Comma delimited)».", error.MessageVi);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Oversize_file_is_refused_before_it_is_read_whole(bool seekable)
    {
        var importer = new FileImporter(new ImportOptions { Limits = new ImportLimits { MaxBytes = 1024 } });
        var bytes = Encoding.UTF8.GetBytes("Mã,Tên\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"{i},Xã số {i}\n")));
        var stream = seekable ? new MemoryStream(bytes) : ImportFiles.Unseekable(bytes);

        var error = Assert.Throws<ImportException>(() => importer.Preview(stream, "lon.csv", cancellationToken: _cancellationToken)).Error;

        Assert.Equal(ImportErrorCode.FileTooLarge, error.Code);
        Assert.Equal("Tệp vượt quá dung lượng cho phép (1 KB).", error.MessageVi);
        if (seekable)
        {
            Assert.Equal(0, stream.Position);
        }
    }

    [Fact]
    public void Too_many_columns_are_refused_with_the_count_and_the_limit()
    {
        var importer = new FileImporter(new ImportOptions { Limits = new ImportLimits { MaxColumns = 3 } });

        var error = Assert.Throws<ImportException>(() => importer.Preview(new MemoryStream("a,b,c,d\n1,2,3,4\n"u8.ToArray()), "rong.csv", cancellationToken: _cancellationToken)).Error;

        Assert.Equal("The file has 4 columns, more than the 3 allowed.", error.MessageEn);
    }

    [Fact]
    public void Values_past_the_inference_sample_that_do_not_fit_are_listed_on_the_preview()
    {
        var importer = new FileImporter(new ImportOptions { InferenceRows = 2 });

        var preview = importer.Preview(new MemoryStream("Mã,Số\n1,10\n2,20\n3,ba mươi\n4,40\n"u8.ToArray()), "so.csv", cancellationToken: _cancellationToken);

        Assert.Equal(ColumnType.Integer, preview.Columns[1].InferredType);
        Assert.Equal(4, preview.RowCount);
        Assert.Equal([new ImportError(ImportErrorCode.InvalidInteger, 4, "Số", "ba mươi") { Expected = "1234" }], preview.Errors);
    }

    [Fact]
    public void Renamed_dropped_and_reordered_columns_follow_the_plan()
    {
        var plan = new ImportPlan(
            [new ImportPlanColumn(2, "Population", ColumnType.Number), new ImportPlanColumn(0, "Code", ColumnType.Text, IsKey: true)],
            NumberStyle.Vietnamese);

        var (transaction, _) = Load("vietnamese-headers.csv", plan);

        Assert.Equal(new object?[] { 180000d, "002" }, transaction.Committed[1]);
        Assert.Equal(["Code"], plan.KeyColumns);
        Assert.Equal(["c1", "c2"], FileImporter.WarehouseColumns(plan).Select(c => c.Name));
    }

    [Fact]
    public void A_plan_that_names_a_missing_column_is_refused_before_any_row()
    {
        var plan = new ImportPlan([new ImportPlanColumn(9, "X", ColumnType.Text)], NumberStyle.Invariant);

        var (transaction, error) = Load("bom.csv", plan);

        Assert.Equal(ImportErrorCode.PlanUnknownSourceColumn, error!.Code);
        Assert.Equal(0, transaction.RolledBack);
    }

    [Theory]
    [InlineData("bao-cao.xls")]
    [InlineData("bao-cao.ods")]
    public void Legacy_and_other_spreadsheet_formats_are_refused_by_name(string name)
    {
        var error = Assert.Throws<ImportException>(() => _importer.Preview(new MemoryStream([1, 2, 3]), name, cancellationToken: _cancellationToken)).Error;

        Assert.Equal(ImportErrorCode.UnsupportedFormat, error.Code);
        Assert.Contains(name, error.MessageVi, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_stops_a_long_read()
    {
        var text = "a\n" + string.Concat(Enumerable.Repeat("1\n", 10_000));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => _importer.Preview(new MemoryStream(Encoding.UTF8.GetBytes(text)), "a.csv", cancellationToken: cancelled.Token));
    }

    [Fact]
    public void An_empty_key_cell_stops_the_load_at_its_row()
    {
        var plan = new ImportPlan([new ImportPlanColumn(0, "Mã", ColumnType.Integer, IsKey: true), new ImportPlanColumn(1, "Tên", ColumnType.Text)], NumberStyle.Invariant);
        var transaction = new SimulatedTransaction();

        var error = transaction.Load(_importer.ReadRows(new MemoryStream("Mã,Tên\n1,A\n,B\n"u8.ToArray()), "a.csv", plan, _cancellationToken));

        Assert.Equal(new ImportError(ImportErrorCode.EmptyKey, 3, "Mã"), error);
        Assert.Empty(transaction.Committed);
    }

    [Fact]
    public void A_bad_quoted_value_is_reported_as_the_user_wrote_it()
    {
        var plan = new ImportPlan([new ImportPlanColumn(0, "Số", ColumnType.Number)], NumberStyle.Invariant);

        var error = new SimulatedTransaction().Load(_importer.ReadRows(new MemoryStream("Số\n\"1.5\"\n\"2 \"\"inch\"\"\"\n"u8.ToArray()), "a.csv", plan, _cancellationToken));

        Assert.Equal(3, error!.Row);
        Assert.Equal("2 \"inch\"", error.Value);
    }
}
