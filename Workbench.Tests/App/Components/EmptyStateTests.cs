using Bunit;
using Workbench.App.Components.Shared;

namespace Workbench.Tests.App.Components;

public sealed class EmptyStateTests : ComponentTestContext
{
    [Fact]
    public void Shows_what_is_empty_what_to_do_and_the_button_to_do_it()
    {
        var component = Render<EmptyState>(parameters => parameters
            .Add(p => p.Title, "Danh mục chưa có bộ dữ liệu")
            .Add(p => p.Text, "Tải lên một tệp CSV.")
            .AddChildContent("<button id=\"next\">Tạo bộ dữ liệu</button>"));

        Assert.Contains("Danh mục chưa có bộ dữ liệu", component.Find("h6").TextContent);
        Assert.Contains("Tải lên một tệp CSV.", component.Markup);
        Assert.Equal("Tạo bộ dữ liệu", component.Find("#next").TextContent);
    }

    [Fact]
    public void Column_type_icons_are_labelled_in_Vietnamese()
    {
        var component = Render<ColumnTypeIcon>(parameters => parameters.Add(p => p.Type, Workbench.Core.Catalog.ColumnType.Date));

        Assert.Contains("aria-label=\"Ngày\"", component.Markup);
    }
}
