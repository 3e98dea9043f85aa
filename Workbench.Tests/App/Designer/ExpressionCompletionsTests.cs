using Workbench.App.Features.Designer;
using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;

namespace Workbench.Tests.App.Designer;

public sealed class ExpressionCompletionsTests
{
    private static readonly StepColumn[] Columns = [new("Dân số", ColumnType.Integer), new("Diện tích (km²)", ColumnType.Number), new("Huyện", ColumnType.Text)];
    private static readonly PipelineParameter[] Parameters = [new("nam", ColumnType.Integer, null)];

    [Fact]
    public void Inside_an_open_bracket_columns_match_without_accents_or_case_and_complete_with_the_bracket_closed()
    {
        var (from, items) = ExpressionCompletions.For("[Dân số] / [dien", Columns, Parameters);

        var only = Assert.Single(items);
        Assert.Equal("[Diện tích (km²)]", only.Insert);
        Assert.Equal("[Dân số] / [Diện tích (km²)]", ExpressionCompletions.Apply("[Dân số] / [dien", from, only));
    }

    [Fact]
    public void After_an_at_sign_the_parameters_are_offered()
    {
        var (_, items) = ExpressionCompletions.For("[Năm] = [@", Columns, Parameters);

        Assert.Equal(["[@nam]"], items.Select(i => i.Insert));
    }

    [Fact]
    public void Letters_complete_to_catalogue_functions_with_an_open_parenthesis()
    {
        var (from, items) = ExpressionCompletions.For("Round([Dân số], 2) + ro", Columns, Parameters);

        Assert.Equal(["Round("], items.Select(i => i.Insert));
        Assert.Equal("Round", items[0].Function);
        Assert.Equal(21, from);
    }

    [Theory]
    [InlineData("Contains([Huyện], 'Ro")]
    [InlineData("[Huyện] = '[Dân")]
    [InlineData("[Dân số] ")]
    public void Nothing_is_offered_inside_a_string_or_after_a_space(string text) =>
        Assert.Empty(ExpressionCompletions.For(text, Columns, Parameters).Items);
}
