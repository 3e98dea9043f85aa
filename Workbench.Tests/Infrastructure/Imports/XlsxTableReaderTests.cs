using OfficeOpenXml;
using Workbench.Core.Catalog;
using Workbench.Core.Imports;
using Workbench.Infrastructure.Imports;

namespace Workbench.Tests.Infrastructure.Imports;

public class XlsxTableReaderTests
{
    private readonly FileImporter _importer = new();
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    /// <summary>
    /// Two sheets: "Huyện" (codes with leading zeros, integers, decimals, dates, datetimes, booleans; an empty row 4)
    /// and "Xã" (a text cell where a number belongs, on row 5).
    /// </summary>
    private static byte[] Workbook()
    {
        using var package = new ExcelPackage();
        var districts = package.Workbook.Worksheets.Add("Huyện");
        string[] header = ["Mã huyện", "Tên huyện", "Dân số", "Diện tích", "Ngày cập nhật", "Thời điểm", "Đồng bằng"];
        for (var c = 0; c < header.Length; c++)
        {
            districts.Cells[1, c + 1].Value = header[c];
        }
        object[][] rows =
        [
            ["001", "Thành phố Quảng Ngãi", 278345, 160.15, new DateTime(2023, 7, 1), new DateTime(2023, 7, 1, 8, 30, 0), true],
            ["002", "Bình Sơn", 180000, 467.4, new DateTime(2023, 8, 15), new DateTime(2023, 8, 15, 17, 5, 9), false],
        ];
        WriteRows(districts, 2, rows);
        WriteRows(districts, 5, [["004", "Lý Sơn", 22174, 10.39, new DateTime(2023, 8, 15), new DateTime(2023, 8, 15, 0, 0, 1), false]]);
        districts.Cells["E2:E5"].Style.Numberformat.Format = "dd/mm/yyyy";
        districts.Cells["F2:F5"].Style.Numberformat.Format = "dd/mm/yyyy hh:mm:ss";

        var communes = package.Workbook.Worksheets.Add("Xã");
        communes.Cells["A1"].Value = "Tên xã";
        communes.Cells["B1"].Value = "Số hộ";
        WriteRows(communes, 2, [["Bình Châu", 3200], ["Bình Hải", 2100], ["Tịnh Khê", 4100], ["An Vĩnh", "nhiều"]]);
        return package.GetAsByteArray();
    }

    private static void WriteRows(ExcelWorksheet sheet, int firstRow, object[][] rows)
    {
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Cells[firstRow + r, c + 1].Value = rows[r][c];
            }
        }
    }

    private static (string, ColumnType)[] Schema(ImportPreview preview) => [.. preview.Columns.Select(c => (c.Name, c.InferredType))];

    [Fact]
    public void The_first_sheet_is_previewed_with_types_from_the_cells()
    {
        var preview = _importer.Preview(new MemoryStream(Workbook()), "dan-so.xlsx", cancellationToken: _cancellationToken);

        Assert.Equal(TabularFormat.Xlsx, preview.Format);
        Assert.Equal(["Huyện", "Xã"], preview.SheetNames);
        Assert.Equal("Huyện", preview.SelectedSheet);
        Assert.Null(preview.Delimiter);
        Assert.Equal(
            [("Mã huyện", ColumnType.Text), ("Tên huyện", ColumnType.Text), ("Dân số", ColumnType.Integer), ("Diện tích", ColumnType.Number),
             ("Ngày cập nhật", ColumnType.Date), ("Thời điểm", ColumnType.DateTime), ("Đồng bằng", ColumnType.Boolean)],
            Schema(preview));
        Assert.Equal(3, preview.RowCount);
        Assert.Equal(new[] { "001", "Thành phố Quảng Ngãi", "278345", "160.15", "2023-07-01", "2023-07-01T08:30:00", "true" }, preview.SampleRows[0]);
    }

    [Fact]
    public void Rows_convert_to_the_plan_types_and_keep_excel_row_numbers()
    {
        var bytes = Workbook();
        var preview = _importer.Preview(new MemoryStream(bytes), "dan-so.xlsx", cancellationToken: _cancellationToken);
        var transaction = new SimulatedTransaction();

        var error = transaction.Load(_importer.ReadRows(new MemoryStream(bytes), "dan-so.xlsx", preview.ToPlan(), _cancellationToken));
        using var file = XlsxTableReader.Open(new MemoryStream(bytes));
        var numbers = new List<long>();
        while (file.Read())
        {
            numbers.Add(file.RowNumber);
        }

        Assert.Null(error);
        Assert.Equal(new object?[] { "001", "Thành phố Quảng Ngãi", 278345L, 160.15, new DateOnly(2023, 7, 1), new DateTime(2023, 7, 1, 8, 30, 0), true }, transaction.Committed[0]);
        Assert.Equal([2L, 3L, 5L], numbers);
    }

    [Fact]
    public void A_chosen_sheet_is_read_and_its_bad_value_names_the_excel_row()
    {
        var bytes = Workbook();
        var preview = _importer.Preview(new MemoryStream(bytes), "dan-so.xlsx", sheet: "Xã", cancellationToken: _cancellationToken);
        var plan = preview.ToPlan() with { Columns = [preview.ToPlan().Columns[0], preview.ToPlan().Columns[1] with { Type = ColumnType.Integer }] };
        var transaction = new SimulatedTransaction();

        var error = transaction.Load(_importer.ReadRows(new MemoryStream(bytes), "dan-so.xlsx", plan, _cancellationToken));

        Assert.Equal("Xã", preview.SelectedSheet);
        Assert.Equal([("Tên xã", ColumnType.Text), ("Số hộ", ColumnType.Text)], Schema(preview));
        Assert.Equal("Row 5, column 'Số hộ': 'nhiều' is not a valid integer (1234).", error!.MessageEn);
        Assert.Equal(3, transaction.RolledBack);
        Assert.Empty(transaction.Committed);
    }

    [Fact]
    public void A_missing_sheet_is_refused_listing_the_sheets()
    {
        var error = Assert.Throws<ImportException>(() => _importer.Preview(new MemoryStream(Workbook()), "dan-so.xlsx", sheet: "Tỉnh", cancellationToken: _cancellationToken)).Error;

        Assert.Equal("Không có trang tính «Tỉnh». Các trang tính trong tệp: «Huyện», «Xã».", error.MessageVi);
    }

    [Fact]
    public void An_xlsx_upload_that_cannot_seek_is_read()
    {
        var preview = _importer.Preview(ImportFiles.Unseekable(Workbook()), "dan-so.xlsx", cancellationToken: _cancellationToken);

        Assert.Equal(3, preview.RowCount);
    }

    [Fact]
    public void A_value_right_of_the_last_header_is_refused()
    {
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add("A");
        sheet.Cells["A1"].Value = "Mã";
        sheet.Cells["A2"].Value = 1;
        sheet.Cells["C3"].Value = "lạc";

        var error = Assert.Throws<ImportException>(() => _importer.Preview(new MemoryStream(package.GetAsByteArray()), "a.xlsx", cancellationToken: _cancellationToken)).Error;

        Assert.Equal(new ImportError(ImportErrorCode.ValueOutsideHeader, 3, Value: "lạc") { ColumnNumber = 3 }, error);
    }

    [Fact]
    public void A_damaged_xlsx_is_refused_as_unreadable()
    {
        byte[] notAZip = [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5];

        var error = Assert.Throws<ImportException>(() => _importer.Preview(new MemoryStream(notAZip), "hong.xlsx", cancellationToken: _cancellationToken)).Error;

        Assert.Equal(ImportErrorCode.UnreadableWorkbook, error.Code);
    }

    [Fact]
    public void A_header_below_title_rows_keeps_excel_row_numbers_and_names_empty_headers()
    {
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add("Báo cáo");
        sheet.Cells["A3"].Value = "Mã";
        sheet.Cells["C3"].Value = "Số";
        sheet.Cells["A4"].Value = "01";
        sheet.Cells["B4"].Value = "ghi chú";
        sheet.Cells["C4"].Value = 5;

        using var file = XlsxTableReader.Open(new MemoryStream(package.GetAsByteArray()));

        Assert.Equal(3, file.HeaderRowNumber);
        Assert.Equal(new[] { "Mã", "Cột 2", "Số" }, file.Headers);
        Assert.True(file.Read());
        Assert.Equal(4, file.RowNumber);
        Assert.Equal(new object?[] { "01", "ghi chú", 5d }, file.Current);
    }

    [Fact]
    public void A_sheet_with_duplicate_headers_is_refused()
    {
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add("A");
        sheet.Cells["A1"].Value = "Tên";
        sheet.Cells["B1"].Value = " tên ";

        var error = Assert.Throws<ImportException>(() => XlsxTableReader.Open(new MemoryStream(package.GetAsByteArray()))).Error;

        Assert.Equal(ImportErrorCode.DuplicateHeader, error.Code);
        Assert.Equal(2, error.ColumnNumber);
    }

    [Fact]
    public void An_empty_sheet_is_an_empty_file()
    {
        using var package = new ExcelPackage();
        package.Workbook.Worksheets.Add("Trống");
        package.Workbook.Worksheets.Add("Có").Cells["A1"].Value = "x";

        var error = Assert.Throws<ImportException>(() => XlsxTableReader.Open(new MemoryStream(package.GetAsByteArray()))).Error;

        Assert.Equal(ImportErrorCode.EmptyFile, error.Code);
    }
}
