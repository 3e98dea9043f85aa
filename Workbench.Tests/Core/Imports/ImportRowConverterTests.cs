using Workbench.Core.Catalog;
using Workbench.Core.Imports;

namespace Workbench.Tests.Core.Imports;

public class ImportRowConverterTests
{
    private static readonly ImportPlan Plan = new(
        [
            new ImportPlanColumn(2, "Ngày", ColumnType.Date),
            new ImportPlanColumn(0, "Mã", ColumnType.Text, IsKey: true),
            new ImportPlanColumn(1, "Dân số", ColumnType.Integer),
        ],
        NumberStyle.Vietnamese);

    [Fact]
    public void Values_come_out_in_plan_order_with_plan_types()
    {
        var converter = new ImportRowConverter(Plan);
        var row = new object?[3];

        var ok = converter.TryConvert(new object?[] { "001", "1.234", "01/07/2023" }, 2, row, out var error);

        Assert.True(ok, error?.MessageEn);
        Assert.Equal(new object?[] { new DateOnly(2023, 7, 1), "001", 1234L }, row);
    }

    [Fact]
    public void A_bad_value_names_the_plan_column_name()
    {
        var converter = new ImportRowConverter(Plan);

        var ok = converter.TryConvert(new object?[] { "001", "nhiều", "01/07/2023" }, 9, new object?[3], out var error);

        Assert.False(ok);
        Assert.Equal(new ImportError(ImportErrorCode.InvalidInteger, 9, "Dân số", "nhiều") { Expected = "1.234" }, error);
    }

    [Fact]
    public void An_empty_key_is_an_error()
    {
        var converter = new ImportRowConverter(Plan);

        converter.TryConvert(new object?[] { null, "1", null }, 5, new object?[3], out var error);

        Assert.Equal(ImportErrorCode.EmptyKey, error!.Code);
        Assert.Equal("Dòng 5, cột «Mã»: cột khóa không được để trống.", error.MessageVi);
    }

    [Fact]
    public void Typed_cells_convert_without_going_through_text()
    {
        var plan = new ImportPlan([new ImportPlanColumn(0, "Ngày", ColumnType.Date), new ImportPlanColumn(1, "Số", ColumnType.Number)], NumberStyle.Vietnamese);
        var row = new object?[2];

        new ImportRowConverter(plan).TryConvert(new object?[] { new DateTime(2024, 3, 1), 2.5 }, 2, row, out _);

        Assert.Equal(new object?[] { new DateOnly(2024, 3, 1), 2.5 }, row);
    }

    [Fact]
    public void A_plan_with_unknown_columns_blank_or_repeated_names_is_invalid()
    {
        var plan = new ImportPlan(
            [
                new ImportPlanColumn(0, "Mã", ColumnType.Text),
                new ImportPlanColumn(1, " mã ", ColumnType.Text),
                new ImportPlanColumn(2, "  ", ColumnType.Text),
                new ImportPlanColumn(7, "Khác", ColumnType.Text),
            ],
            NumberStyle.Invariant);

        var codes = plan.Validate(sourceColumnCount: 3).Select(e => e.Code);

        Assert.Equal([ImportErrorCode.PlanDuplicateColumnName, ImportErrorCode.PlanColumnNameEmpty, ImportErrorCode.PlanUnknownSourceColumn], codes);
        Assert.Equal([ImportErrorCode.PlanHasNoColumns], new ImportPlan([], NumberStyle.Invariant).Validate(3).Select(e => e.Code));
    }
}
