using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Rest;
using Workbench.Infrastructure.Connectors.Rest;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Connectors;

/// <summary>Settings for reading <see cref="FakeRestSource"/> each way, and helpers to read it all.</summary>
internal static class RestSources
{
    public static readonly HttpClient Http = new();

    public static readonly FieldMapping[] Mappings =
    [
        new("Mã", ColumnType.Text, "ma"),
        new("Tên", ColumnType.Text, "ten"),
        new("Dân số", ColumnType.Integer, "danSo"),
        new("Diện tích", ColumnType.Number, "dienTich"),
        new("Tỉnh", ColumnType.Text, "diaChi.tinh"),
        new("Vĩ độ", ColumnType.Number, "diaChi.toaDo.viDo"),
        new("Cập nhật lúc", ColumnType.DateTime, "capNhatLuc"),
    ];

    public static readonly RestWatermark Watermark = new(FakeRestSource.WatermarkParameter, "capNhatLuc", ColumnType.DateTime);

    public static readonly RestSecrets AllSecrets = new(FakeRestSource.ApiKey, FakeRestSource.BearerToken, FakeRestSource.Password, FakeRestSource.ClientSecret);

    /// <summary>The paging kinds by name, for theories.</summary>
    public static TheoryData<string> PagingKinds => ["none", "pageNumber", "pageNumberWithoutSize", "offsetLimit", "cursor", "nextLink", "nextLinkRelative", "post"];

    public static RestSourceSettings Paged(FakeRestSource source, string kind = "pageNumber", int size = 10) => kind switch
    {
        "none" => new() { Url = source.Url("api/all"), Mappings = Mappings },
        "pageNumber" => new()
        {
            Url = source.Url("api/page"),
            Paging = new RestPaging.PageNumber("trang", 1, "kichThuoc", size),
            RecordsPath = "$.data.items",
            Mappings = Mappings,
        },
        "pageNumberWithoutSize" => new() { Url = source.Url("api/page"), Paging = new RestPaging.PageNumber("trang"), RecordsPath = "data.items", Mappings = Mappings },
        "offsetLimit" => new()
        {
            Url = source.Url("api/offset"),
            Paging = new RestPaging.OffsetLimit("offset", "limit", size),
            RecordsPath = "$.data.items",
            Mappings = Mappings,
        },
        "cursor" => new() { Url = source.Url("api/cursor"), Paging = new RestPaging.Cursor("sau", "$.meta.next_cursor"), RecordsPath = "items", Mappings = Mappings },
        "nextLink" => new() { Url = source.Url("api/link"), Paging = new RestPaging.NextLink("$['@odata.nextLink']"), RecordsPath = "value", Mappings = Mappings },
        "nextLinkRelative" => new() { Url = source.Url("api/link-relative"), Paging = new RestPaging.NextLink("links.next"), RecordsPath = "value", Mappings = Mappings },
        "post" => new()
        {
            Url = source.Url("api/search"),
            Method = RestMethod.Post,
            BodyTemplate = """{"trang": {{page}}, "kichThuoc": {{size}}, "tuLuc": {{watermark}}}""",
            Paging = new RestPaging.PageNumber("trang", 1, Size: size),
            RecordsPath = "$.data.items",
            Mappings = Mappings,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static async Task<List<SourceBatch>> ReadAllAsync(RestSourceSettings settings, RestSecrets? secrets = null, string? since = null)
    {
        var batches = new List<SourceBatch>();
        await foreach (var batch in new RestSource(Http).ReadAsync(settings, secrets ?? AllSecrets, since, TestContext.Current.CancellationToken))
        {
            batches.Add(batch);
        }
        return batches;
    }

    /// <summary>Reads until the source fails; the batches yielded before the failure are what a consumer could have committed.</summary>
    public static async Task<(List<SourceBatch> Batches, SourceReadException Failure)> ReadUntilFailureAsync(RestSourceSettings settings, RestSecrets? secrets = null)
    {
        var batches = new List<SourceBatch>();
        var failure = await Assert.ThrowsAsync<SourceReadException>(async () =>
        {
            await foreach (var batch in new RestSource(Http).ReadAsync(settings, secrets ?? AllSecrets, null, TestContext.Current.CancellationToken))
            {
                batches.Add(batch);
            }
        });
        return (batches, failure);
    }

    public static List<string> Codes(IEnumerable<SourceBatch> batches) => [.. batches.SelectMany(b => b.Rows).Select(row => (string)row[0]!)];

    public static List<string> AllCodes(int count = FakeRestSource.RecordCount) => [.. Enumerable.Range(1, count).Select(n => $"D{n:000}")];
}
