using Workbench.App.Features.Dashboards;

namespace Workbench.Tests.App.Dashboards;

public sealed class PresentationTests
{
    [Fact]
    public void A_presentation_reads_back_from_its_url_and_rotates_back_to_the_first()
    {
        var presentation = new Presentation(["kinh-te", "dan-so", "ngan-sach"], 120);

        var url = presentation.UrlOf("dan-so");
        var read = Presentation.FromQuery(url[url.IndexOf('?')..], "dan-so")!;

        Assert.Equal("dashboards/dan-so?present=1&rotate=kinh-te,dan-so,ngan-sach&every=120", url);
        Assert.Equal(presentation.Keys, read.Keys);
        Assert.Equal(120, read.Seconds);
        Assert.Equal("ngan-sach", read.Next("dan-so"));
        Assert.Equal("kinh-te", read.Next("ngan-sach"));
        Assert.Equal("ngan-sach", read.Previous("kinh-te"));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("?present=0", null)]
    [InlineData("?present=1", "dan-so|60")]
    [InlineData("?present=1&every=5", "dan-so|60")]
    [InlineData("?present=1&every=abc&rotate=a,,a,b", "dan-so,a,b|60")]
    [InlineData("?present=1&every=30&rotate=a,dan-so", "a,dan-so|30")]
    public void The_current_dashboard_is_always_shown_and_odd_intervals_fall_back(string query, string? expected)
    {
        var read = Presentation.FromQuery(query, "dan-so");

        Assert.Equal(expected, read is null ? null : $"{string.Join(',', read.Keys)}|{read.Seconds}");
    }
}
