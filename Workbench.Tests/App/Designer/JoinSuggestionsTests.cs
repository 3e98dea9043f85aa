using Workbench.App.Features.Designer;
using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;

namespace Workbench.Tests.App.Designer;

public sealed class JoinSuggestionsTests
{
    [Fact]
    public void Codes_with_matching_names_and_types_are_suggested_first()
    {
        StepColumn[] left = [new("Năm", ColumnType.Integer), new("Mã huyện", ColumnType.Text), new("Dân số", ColumnType.Integer)];
        StepColumn[] right = [new("Mã Huyện", ColumnType.Text), new("Tên huyện", ColumnType.Text), new("Năm", ColumnType.Integer)];

        var keys = JoinSuggestions.For(left, right);

        Assert.Equal([new JoinKey("Mã huyện", "Mã Huyện"), new JoinKey("Năm", "Năm")], keys);
    }

    [Fact]
    public void A_short_key_name_on_one_side_matches_the_longer_name_of_the_same_type()
    {
        var keys = JoinSuggestions.For([new("Mã huyện", ColumnType.Text)], [new("Mã", ColumnType.Text), new("Vùng", ColumnType.Text)]);

        Assert.Equal([new JoinKey("Mã huyện", "Mã")], keys);
    }

    [Fact]
    public void Columns_of_different_types_are_never_paired()
    {
        var keys = JoinSuggestions.For([new("Mã huyện", ColumnType.Text)], [new("Mã huyện", ColumnType.Integer)]);

        Assert.Empty(keys);
    }
}
