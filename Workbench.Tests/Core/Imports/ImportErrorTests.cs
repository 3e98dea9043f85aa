using Workbench.Core.Catalog;
using Workbench.Core.Imports;

namespace Workbench.Tests.Core.Imports;

public class ImportErrorTests
{
    [Fact]
    public void A_bad_date_names_row_column_and_value_in_both_languages()
    {
        var error = ImportError.InvalidValue(7, "Ngày sinh", "31/02/2020", ColumnType.Date, NumberStyle.Invariant);

        Assert.Equal(ImportErrorCode.InvalidDate, error.Code);
        Assert.Equal("Dòng 7, cột «Ngày sinh»: giá trị «31/02/2020» không phải là ngày hợp lệ (dd/MM/yyyy).", error.Message(vietnamese: true));
        Assert.Equal("Row 7, column 'Ngày sinh': '31/02/2020' is not a valid date (dd/MM/yyyy).", error.Message(vietnamese: false));
    }

    [Fact]
    public void A_bad_number_shows_the_format_of_the_file_style()
    {
        var error = ImportError.InvalidValue(3, "Dân số", "12.5.6", ColumnType.Number, NumberStyle.Vietnamese);

        Assert.Equal("Dòng 3, cột «Dân số»: giá trị «12.5.6» không phải là số hợp lệ (1.234,5).", error.MessageVi);
        Assert.Equal("Row 3, column 'Dân số': '12.5.6' is not a valid number (1.234,5).", error.MessageEn);
    }

    [Fact]
    public void The_size_limit_is_shown_in_megabytes()
    {
        var error = new ImportError(ImportErrorCode.FileTooLarge) { Limit = 200L * 1024 * 1024 };

        Assert.Equal("Tệp vượt quá dung lượng cho phép (200 MB).", error.MessageVi);
        Assert.Equal("The file is larger than the 200 MB allowed.", error.MessageEn);
    }

    [Fact]
    public void Long_values_are_shortened_in_messages_but_kept_whole_in_the_error()
    {
        var value = new string('x', 500);

        var error = ImportError.InvalidValue(2, "A", value, ColumnType.Integer, NumberStyle.Invariant);

        Assert.Equal(500, error.Value!.Length);
        Assert.True(error.MessageVi.Length < 250);
    }

    [Fact]
    public void The_exception_carries_the_error_and_its_vietnamese_message()
    {
        var error = new ImportError(ImportErrorCode.RaggedRow, 4) { Count = 2, Limit = 3 };

        var exception = new ImportException(error);

        Assert.Same(error, exception.Error);
        Assert.Equal("Dòng 4: có 2 ô nhưng dòng tiêu đề có 3 cột.", exception.Message);
        Assert.Equal("Row 4: has 2 fields but the header has 3 columns.", error.MessageEn);
    }
}
