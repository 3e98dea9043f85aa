using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Catalog;

namespace Workbench.Bench.Benchmarks;

/// <summary>
/// The records both sync sources serve: registered household businesses, record <c>n</c> computed from <c>n</c> and a
/// fixed seed alone, so any page can be generated on request and both sources hold exactly the same values. Vietnamese
/// names, a nested address (flat columns in the database source), amounts with two decimals, dates, an update time, and
/// a missing commune now and then.
/// </summary>
public static class SyncRecords
{
    public const ulong Seed = 20251127;

    /// <summary>The dataset columns, in order; the REST field and the source table column of each are in <see cref="RestMappings"/> and <see cref="TableMappings"/>.</summary>
    public static readonly NewColumn[] Columns =
    [
        new("Mã hộ", ColumnType.Text),
        new("Tên chủ hộ", ColumnType.Text),
        new("Số lao động", ColumnType.Integer),
        new("Doanh thu", ColumnType.Number),
        new("Ngày đăng ký", ColumnType.Date),
        new("Cập nhật lúc", ColumnType.DateTime),
        new("Đang hoạt động", ColumnType.Boolean),
        new("Tỉnh", ColumnType.Text),
        new("Xã", ColumnType.Text),
    ];

    private static readonly string[] RestPaths = ["ma", "chuHo", "soLaoDong", "doanhThu", "ngayDangKy", "capNhatLuc", "dangHoatDong", "diaChi.tinh", "diaChi.xa"];

    private static readonly string[] TableColumns = ["ma", "chu_ho", "so_lao_dong", "doanh_thu", "ngay_dang_ky", "cap_nhat_luc", "dang_hoat_dong", "tinh", "xa"];

    public static IReadOnlyList<FieldMapping> RestMappings { get; } = [.. Columns.Zip(RestPaths, (c, p) => new FieldMapping(c.Name, c.Type, p))];

    public static IReadOnlyList<FieldMapping> TableMappings { get; } = [.. Columns.Zip(TableColumns, (c, p) => new FieldMapping(c.Name, c.Type, p))];

    /// <summary>The source table: what an agency's register would use (numeric(18,2) for money, a timestamp without zone).</summary>
    public const string TableDefinition =
        "ma text NOT NULL, chu_ho text NOT NULL, so_lao_dong bigint, doanh_thu numeric(18,2), ngay_dang_ky date, " +
        "cap_nhat_luc timestamp, dang_hoat_dong boolean, tinh text, xa text";

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc"];
    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Long", "Mai", "Nga", "Phúc", "Quý", "Sơn", "Thảo", "Tuấn", "Vy", "Yến"];
    private static readonly string[] Provinces = ["Quảng Ngãi", "Quảng Nam", "Bình Định", "Đà Nẵng", "Kon Tum"];
    private static readonly string[] Communes = ["Tịnh Phong", "Nghĩa Hành", "Đức Phổ", "Bình Sơn", "Sơn Hà", "Trà Bồng", "Mộ Đức", "Lý Sơn", "Ba Tơ", "Minh Long"];

    private static readonly DateOnly FirstRegistration = new(2000, 1, 1);
    private static readonly DateTime FirstUpdate = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>One record; <paramref name="n"/> counts from 1.</summary>
    public readonly record struct Record(
        string Code, string Owner, long Workers, decimal Revenue, DateOnly Registered, DateTime Updated, bool Active, string Province, string? Commune);

    public static Record Get(long n)
    {
        var h = Mix(Seed ^ (ulong)n);
        var g = Mix(h);
        return new Record(
            $"HKD{n:D8}",
            $"{FamilyNames[h % 12]} {MiddleNames[(h >> 4) % 8]} {GivenNames[(h >> 8) % 18]}",
            1 + (long)((h >> 16) % 40),
            (long)(g % 500_000_000_00) / 100m,
            FirstRegistration.AddDays((int)((h >> 24) % 9_000)),
            FirstUpdate.AddSeconds((long)((g >> 40) % (366 * 86_400))),
            (h >> 40) % 10 != 0,
            Provinces[(h >> 44) % 5],
            (h >> 48) % 50 == 0 ? null : $"Xã {Communes[(h >> 52) % 10]}");
    }

    /// <summary>The count and the sums of the two numeric columns, to check a target against.</summary>
    public static (long Count, long Workers, decimal Revenue) Checksum(long rows)
    {
        long workers = 0;
        decimal revenue = 0;
        for (long n = 1; n <= rows; n++)
        {
            var record = Get(n);
            workers += record.Workers;
            revenue += record.Revenue;
        }
        return (rows, workers, revenue);
    }

    // SplitMix64's finalizer: every bit of n reaches every bit of the result.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A provincial register's REST API on a loopback port: <c>GET /api/ho-kinh-doanh?trang=1&amp;kichThuoc=10000</c>
    /// answers <c>{"data":{"items":[...],"tongSo":N}}</c>, each page generated and streamed as it is written.
    /// </summary>
    public sealed class RestServer : IAsyncDisposable
    {
        public const string PageParameter = "trang";
        public const string SizeParameter = "kichThuoc";
        public const string RecordsPath = "$.data.items";

        private readonly WebApplication _app;

        private RestServer(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        /// <summary>The records' endpoint, without paging parameters.</summary>
        public string Url { get; }

        public static async Task<RestServer> StartAsync(long rows, CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/api/ho-kinh-doanh", (HttpContext context) => WritePageAsync(context, rows));
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new RestServer(app, address.TrimEnd('/') + "/api/ho-kinh-doanh");
        }

        private static async Task WritePageAsync(HttpContext context, long rows)
        {
            var page = long.Parse(context.Request.Query[PageParameter].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
            var size = int.Parse(context.Request.Query[SizeParameter].FirstOrDefault() ?? "100", CultureInfo.InvariantCulture);
            var first = (page - 1) * size + 1;
            var last = Math.Min(rows, first + size - 1);
            context.Response.ContentType = "application/json; charset=utf-8";
            var output = context.Response.BodyWriter;
            await using var json = new Utf8JsonWriter(output);
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteStartArray("items");
            for (var n = first; n <= last; n++)
            {
                var r = Get(n);
                json.WriteStartObject();
                json.WriteString("ma", r.Code);
                json.WriteString("chuHo", r.Owner);
                json.WriteNumber("soLaoDong", r.Workers);
                json.WriteNumber("doanhThu", r.Revenue);
                json.WriteString("ngayDangKy", r.Registered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("capNhatLuc", r.Updated.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                json.WriteBoolean("dangHoatDong", r.Active);
                json.WriteStartObject("diaChi");
                json.WriteString("tinh", r.Province);
                json.WriteString("xa", r.Commune);
                json.WriteEndObject();
                json.WriteEndObject();
                if (json.BytesPending > 32_768)
                {
                    // Streamed: a page never sits whole in memory on the server side.
                    await json.FlushAsync(context.RequestAborted);
                    await output.FlushAsync(context.RequestAborted);
                }
            }
            json.WriteEndArray();
            json.WriteNumber("tongSo", rows);
            json.WriteEndObject();
            json.WriteEndObject();
            await json.FlushAsync(context.RequestAborted);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
