using Bunit;
using MudBlazor;
using MudBlazor.Extensions;
using Workbench.App.Features.Charts;
using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;
using Workbench.Tests.App.Components;

namespace Workbench.Tests.App.Charts;

public sealed class VisualEditorTests : ComponentTestContext
{
    private static readonly StepColumn[] Columns =
    [
        new("Năm", ColumnType.Integer),
        new("Huyện", ColumnType.Text),
        new("Dân số", ColumnType.Integer),
        new("Mật độ", ColumnType.Number),
        new("Ngày cập nhật", ColumnType.Date),
    ];

    private readonly List<Visual> _changes = [];

    private IRenderedComponent<VisualEditor> RenderEditor(Visual visual, IReadOnlyList<StepColumn>? columns = null) =>
        Render<VisualEditor>(parameters => parameters
            .Add(p => p.Value, visual)
            .Add(p => p.Columns, columns ?? Columns)
            .Add(p => p.ValueChanged, v => _changes.Add(v)));

    private static IRenderedComponent<MudSelect<string>> Select(IRenderedComponent<VisualEditor> editor, string testId) =>
        editor.FindComponents<MudSelect<string>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId));

    [Fact]
    public async Task The_chart_builder_maps_the_chosen_columns()
    {
        var editor = RenderEditor(new Visual(VisualKind.Bar, ""));

        await editor.Find("[data-testid=chart-kind-Combo]").ClickAsync(new());
        await editor.InvokeAsync(() => editor.FindComponents<MudTextField<string>>().Single().Instance.ValueChanged.InvokeAsync("  Dân số và mật độ  "));
        await editor.InvokeAsync(() => Select(editor, "chart-x").Instance.ValueChanged.InvokeAsync("Năm"));
        await editor.InvokeAsync(() => Select(editor, "chart-values").Instance.SelectedValuesChanged.InvokeAsync(["Dân số"]));
        await editor.InvokeAsync(() => Select(editor, "chart-secondary").Instance.SelectedValuesChanged.InvokeAsync(["Mật độ"]));
        await editor.InvokeAsync(() => editor.FindComponents<MudSwitch<bool>>().Single().Instance.ValueChanged.InvokeAsync(true));
        await editor.InvokeAsync(() => Select(editor, "chart-palette").Instance.ValueChanged.InvokeAsync(VisualPalette.Contrast));

        Assert.Equal(
            new Visual(VisualKind.Combo, "Dân số và mật độ", X: "Năm", Values: ["Dân số"], SecondaryValues: ["Mật độ"],
                Stacked: true, Palette: VisualPalette.Contrast),
            _changes[^1]);
        Assert.Equal(editor.Instance.Value, _changes[^1]);
    }

    [Fact]
    public async Task Choosing_a_kind_suggests_the_first_text_or_date_column_as_x_and_the_first_number_column_as_value()
    {
        var editor = RenderEditor(new Visual(VisualKind.Table, "Dân số"));

        await editor.Find("[data-testid=chart-kind-Bar]").ClickAsync(new());

        Assert.Equal(new Visual(VisualKind.Bar, "Dân số", X: "Huyện", Values: ["Năm"]), Assert.Single(_changes));
    }

    [Fact]
    public async Task Several_values_come_back_in_column_order_and_the_series_cannot_be_the_x_column()
    {
        var editor = RenderEditor(new Visual(VisualKind.Line, "", X: "Năm", Series: "Huyện", Values: ["Dân số"]));

        await editor.InvokeAsync(() => Select(editor, "chart-values").Instance.SelectedValuesChanged.InvokeAsync(["Mật độ", "Dân số"]));
        await editor.InvokeAsync(() => Select(editor, "chart-x").Instance.ValueChanged.InvokeAsync("Huyện"));

        Assert.Equal(["Dân số", "Mật độ"], _changes[0].Values);
        Assert.Equal("Huyện", _changes[1].X);
        Assert.Null(_changes[1].Series);
    }

    [Fact]
    public void Only_the_settings_of_the_chosen_kind_are_shown_with_number_columns_as_values()
    {
        var pie = RenderEditor(new Visual(VisualKind.Pie, "", X: "Huyện", Values: ["Dân số"]));

        Assert.Empty(pie.FindAll("[data-testid=chart-series]"));
        Assert.Empty(pie.FindAll("[data-testid=chart-horizontal]"));
        Assert.NotEmpty(pie.FindAll("[data-testid=chart-donut]"));
        Assert.Equal("Nhãn các phần", Select(pie, "chart-x").Instance.Label);
        Assert.Equal(["Năm", "Dân số", "Mật độ"],
            Select(pie, "chart-value").FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value));
    }

    [Fact]
    public void A_column_the_result_no_longer_has_is_flagged_on_its_field()
    {
        var editor = RenderEditor(new Visual(VisualKind.Bar, "", X: "Xã", Values: ["Dân số"]));

        var x = Select(editor, "chart-x").Instance;
        Assert.True(x.GetState(s => s.Error));
        Assert.Contains("«Xã»", x.GetState(s => s.ErrorText));
    }

    [Fact]
    public void Without_number_columns_the_builder_says_how_to_get_one()
    {
        var editor = RenderEditor(new Visual(VisualKind.Bar, "", X: "Huyện"), [new StepColumn("Huyện", ColumnType.Text)]);

        Assert.Contains("Tổng hợp", editor.Find("[data-testid=chart-no-numbers]").TextContent);
    }

    [Fact]
    public void Kind_chips_carry_icons_and_vietnamese_names()
    {
        var editor = RenderEditor(new Visual(VisualKind.Bar, ""));

        var names = Enum.GetValues<VisualKind>().Select(k => editor.Find($"[data-testid=chart-kind-{k}]").TextContent.Trim());
        Assert.Equal(["Cột", "Đường", "Vùng", "Tròn", "Phân tán", "Kết hợp cột và đường", "Bản đồ nhiệt", "Bảng", "Thẻ KPI"], names);
        Assert.Equal(9, editor.FindAll("[data-testid^=chart-kind-] svg").Count);
    }
}
