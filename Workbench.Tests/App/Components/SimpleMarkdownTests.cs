using Workbench.App.Components.Shared;

namespace Workbench.Tests.App.Components;

public sealed class SimpleMarkdownTests
{
    [Fact]
    public void Headings_paragraphs_and_lists_become_blocks_split_on_blank_lines()
    {
        var blocks = SimpleMarkdown.Parse("# Tổng quan\nDòng một\ndòng hai\n\n1. Một\n2) Hai\n\n* Ba\n- Bốn\n\n### Ghi chú");

        Assert.Equal(
            [MarkdownBlockKind.Heading1, MarkdownBlockKind.Paragraph, MarkdownBlockKind.NumberedList, MarkdownBlockKind.BulletList, MarkdownBlockKind.Heading3],
            blocks.Select(b => b.Kind));
        Assert.Equal(2, blocks[1].Lines.Count);
        Assert.Equal(["Một", "Hai"], blocks[2].Lines.Select(l => l[0].Text));
    }

    [Theory]
    [InlineData("**đậm** và *nghiêng*", "đậm|B, và |,nghiêng|I")]
    [InlineData("5 * 3 = 15", "5 * 3 = 15|")]
    [InlineData("ma_so_thue và \\*sao\\*", "ma_so_thue và *sao*|")]
    [InlineData("**chưa đóng", "**chưa đóng|")]
    [InlineData("[Cổng](https://quangngai.gov.vn) [xấu](javascript:alert(1))", "Cổng|L https://quangngai.gov.vn, |,xấu|")]
    public void Inline_marks_are_parsed_and_anything_unmatched_or_unsafe_stays_text(string line, string expected)
    {
        var spans = SimpleMarkdown.Inline(line);

        Assert.Equal(expected, string.Join(',', spans.Select(s =>
            s.Text + "|" + (s.Bold ? "B" : "") + (s.Italic ? "I" : "") + (s.Link is null ? "" : "L " + s.Link))));
    }
}
