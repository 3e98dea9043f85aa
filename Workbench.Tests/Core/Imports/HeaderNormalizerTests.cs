using Workbench.Core.Imports;

namespace Workbench.Tests.Core.Imports;

public class HeaderNormalizerTests
{
    [Fact]
    public void Headers_are_trimmed_folded_and_composed()
    {
        var names = HeaderNormalizer.Normalize(["  Mã huyện ", "Dân số\n(người)", "Ngày cập nhật".Normalize(System.Text.NormalizationForm.FormD)]);

        Assert.Equal(new[] { "Mã huyện", "Dân số (người)", "Ngày cập nhật" }, names);
    }

    [Fact]
    public void Empty_headers_are_named_after_their_position()
    {
        var names = HeaderNormalizer.Normalize(["Mã", null, "  "]);

        Assert.Equal(new[] { "Mã", "Cột 2", "Cột 3" }, names);
    }

    [Fact]
    public void Duplicate_headers_are_rejected_naming_both_positions()
    {
        var error = Assert.Throws<ImportException>(() => HeaderNormalizer.Normalize(["Mã", "Tên", "mã"])).Error;

        Assert.Equal(ImportErrorCode.DuplicateHeader, error.Code);
        Assert.Equal(1, error.OtherColumnNumber);
        Assert.Equal(3, error.ColumnNumber);
        Assert.Equal("Dòng 1: cột 1 và cột 3 cùng có tiêu đề «mã»; tên các cột phải khác nhau.", error.MessageVi);
    }
}
