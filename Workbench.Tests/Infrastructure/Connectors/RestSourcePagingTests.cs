using System.Globalization;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Rest;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Connectors.RestSources;

namespace Workbench.Tests.Infrastructure.Connectors;

public class RestSourcePagingTests
{
    [Theory]
    [MemberData(nameof(PagingKinds), MemberType = typeof(RestSources))]
    public async Task Every_paging_kind_reads_all_95_records_once_in_order(string kind)
    {
        await using var source = await FakeRestSource.StartAsync();

        var batches = await ReadAllAsync(Paged(source, kind));

        Assert.Equal(AllCodes(), Codes(batches));
        // Without a page size only an empty page says the records ended.
        Assert.Equal(kind switch { "none" => 1, "pageNumberWithoutSize" => 11, _ => 10 }, batches.Count);
        Assert.Equal(source.Pages, batches.Count);
        Assert.Equal(FakeRestSource.RecordCount, batches.Sum(b => b.RecordsRead));
        Assert.All(batches, b => Assert.Empty(b.Problems));
    }

    [Fact]
    public void Every_paging_kind_is_in_the_theory()
    {
        var kinds = PagingKinds.Select(row => row.Data).ToList();

        Assert.Equal(5, typeof(RestPaging).GetNestedTypes().Count(t => t.IsSubclassOf(typeof(RestPaging))));
        Assert.Contains("none", kinds);
    }

    [Fact]
    public async Task Rows_hold_the_mapped_values_with_column_types()
    {
        await using var source = await FakeRestSource.StartAsync();

        var batches = await ReadAllAsync(Paged(source, "offsetLimit"));

        Assert.Equal(
            ["D007", "Thị xã Núi Thành 7", 48_638L, 124.75, "Quảng Nam", 15.07, new DateTime(2024, 3, 1, 0, 0, 0).AddHours(7 * 37 % 95)],
            batches[0].Rows[6]);
    }

    [Fact]
    public async Task A_page_size_that_divides_the_total_ends_at_an_empty_page()
    {
        await using var source = await FakeRestSource.StartAsync();

        var batches = await ReadAllAsync(Paged(source, "pageNumber", size: 19));

        Assert.Equal(AllCodes(), Codes(batches));
        Assert.Equal([19, 19, 19, 19, 19, 0], batches.Select(b => b.RecordsRead));
        Assert.EndsWith("trang=6&kichThuoc=19", source.Requests.Last());
    }

    [Fact]
    public async Task Paging_parameters_join_the_query_the_url_already_has()
    {
        await using var source = await FakeRestSource.StartAsync();

        await ReadAllAsync(Paged(source, "offsetLimit") with { Url = source.Url("api/offset?nam=2024&limit=3") });

        Assert.Equal("/api/offset?nam=2024&offset=0&limit=10", source.Requests.First());
    }

    [Fact]
    public async Task A_post_source_pages_through_its_body()
    {
        await using var source = await FakeRestSource.StartAsync();

        await ReadAllAsync(Paged(source, "post", size: 50));

        Assert.Equal(
            ["""{"trang": 1, "kichThuoc": 50, "tuLuc": null}""", """{"trang": 2, "kichThuoc": 50, "tuLuc": null}"""],
            source.Bodies);
    }

    [Fact]
    public async Task Reaching_the_page_limit_fails_rather_than_keeping_part_of_the_data()
    {
        await using var source = await FakeRestSource.StartAsync();

        var (batches, failure) = await ReadUntilFailureAsync(Paged(source, "cursor") with { Paging = new RestPaging.Cursor("sau", "meta.next_cursor") { MaxPages = 3 } });

        Assert.Equal(3, batches.Count);
        Assert.Equal(SourceErrorKind.Configuration, failure.Kind);
        Assert.Equal(3, source.Pages);
    }

    [Fact]
    public async Task A_next_link_to_another_server_is_not_followed()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.EditRecord = (_, n, record) => record["ten"] = n == 1 ? "http://example.invalid/steal" : record["ten"]!.GetValue<string>();

        var (batches, failure) = await ReadUntilFailureAsync(Paged(source, "nextLink") with { Paging = new RestPaging.NextLink("value[0].ten") });

        Assert.Single(batches);
        Assert.Equal(SourceErrorKind.Malformed, failure.Kind);
        Assert.Contains("example.invalid", failure.Message);
        Assert.Equal(1, source.Pages);
    }

    [Theory]
    [InlineData("pageNumber")]
    [InlineData("cursor")]
    [InlineData("nextLink")]
    [InlineData("post")]
    public async Task A_watermark_asks_for_newer_records_and_returns_the_highest_seen(string kind)
    {
        await using var source = await FakeRestSource.StartAsync();
        const string since = "2024-03-03T00:00:00";
        var newer = Enumerable.Range(1, FakeRestSource.RecordCount).Where(n => FakeRestSource.UpdatedAt(n) > new DateTime(2024, 3, 3)).ToList();

        var batches = await ReadAllAsync(Paged(source, kind) with { Watermark = Watermark }, since: since);

        Assert.Equal(newer.Select(n => $"D{n:000}"), Codes(batches));
        var highest = newer.Max(FakeRestSource.UpdatedAt).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.Equal(highest, batches[^1].Watermark);
        if (kind == "post")
        {
            Assert.All(source.Bodies, body => Assert.Contains($"\"tuLuc\": \"{since}\"", body));
        }
        else
        {
            Assert.All(source.Requests, request => Assert.Contains("capNhatSau=2024-03-03T00%3A00%3A00", request));
        }
    }

    [Fact]
    public async Task A_full_read_tracks_the_watermark_page_by_page_without_sending_one()
    {
        await using var source = await FakeRestSource.StartAsync();

        var batches = await ReadAllAsync(Paged(source) with { Watermark = Watermark });

        Assert.Equal("2024-03-04T22:00:00", batches[^1].Watermark);
        Assert.Equal(batches.Select(b => b.Watermark).Order(StringComparer.Ordinal), batches.Select(b => b.Watermark));
        Assert.DoesNotContain(source.Requests, request => request.Contains(FakeRestSource.WatermarkParameter, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_newer_is_one_empty_batch_that_keeps_the_watermark()
    {
        await using var source = await FakeRestSource.StartAsync();

        var batches = await ReadAllAsync(Paged(source) with { Watermark = Watermark }, since: "2024-03-04T22:00:00");

        var batch = Assert.Single(batches);
        Assert.Empty(batch.Rows);
        Assert.Equal("2024-03-04T22:00:00", batch.Watermark);
    }
}
