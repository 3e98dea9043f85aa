using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Workbench.App;
using Workbench.App.Features.Admin;
using Workbench.Core.Audit;
using Workbench.Core.Common;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.App.Admin;

/// <summary>"Tải về Excel" on the audit log: what the workbook holds as LibreOffice reads it, the cap, and the export's own entry.</summary>
public sealed class AuditDownloadsTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IStringLocalizer L => app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public async Task LibreOffice_reads_the_filtered_entries_newest_first_with_labels_times_in_utc7_and_the_filter_as_provenance()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("vi-VN");
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var office = await app.Services.CallerAsync("lanhdao");
        var marker = "audit-export-" + Guid.NewGuid().ToString("N")[..8];
        var at = new DateTimeOffset(2026, 11, 26, 17, 30, 5, TimeSpan.Zero);
        await AddAsync(
            Entry(marker, planning.AgencyId, at, AuditActions.SignIn, null, "113.161.2.3"),
            Entry(marker, planning.AgencyId, at.AddMinutes(1), AuditActions.QueryDownload, """{"rows":1234,"format":"xlsx","file":"Dân số"}""", "113.161.2.3"),
            Entry(marker, office.AgencyId, at.AddMinutes(2), AuditActions.SignIn, null, "10.1.1.1"));
        using var output = new MemoryStream();

        var written = await AuditDownloads.WriteAsync(output, planning, new AuditFilter(Target: marker), "127.0.0.1", app.Services, L, Ct);
        var sheets = await LibreOffice.ReadSheetsAsync(output.ToArray(), Ct);

        Assert.Equal(2, written.Value!.Receipt.Rows);
        Assert.False(written.Value.Truncated);
        var data = sheets[XlsxExporter.DataSheet];
        Assert.Equal(["Thời điểm (UTC+7)", "Người dùng", "Cơ quan", "Thao tác", "Mã thao tác", "Đối tượng", "Chi tiết", "Địa chỉ IP"], data[0]);
        Assert.Equal(3, data.Count);
        Assert.Equal("27/11/2026 00:31:05", data[1][0]);
        Assert.Equal("Tải dữ liệu về", data[1][3]);
        Assert.Equal(AuditActions.QueryDownload, data[1][4]);
        Assert.Equal(marker, data[1][5]);
        Assert.Equal("""{"rows":1234,"format":"xlsx","file":"Dân số"}""", data[1][6]);
        Assert.Equal("113.161.2.3", data[1][7]);
        Assert.Equal("27/11/2026 00:30:05", data[2][0]);
        Assert.Equal("Đăng nhập", data[2][3]);
        Assert.All(data.Skip(1), row => Assert.Equal("Sở Kế hoạch và Đầu tư", row[2]));
        var provenance = sheets[XlsxExporter.ProvenanceSheet].ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("Nhật ký hệ thống", provenance["Tiêu đề"]);
        Assert.Equal("Nhật ký của Sở Kế hoạch và Đầu tư", provenance["Tham số: Phạm vi"]);
        Assert.Equal(marker, provenance["Tham số: Đối tượng / bộ dữ liệu"]);
        Assert.Equal("2", provenance["Tham số: Số mục khớp bộ lọc"]);
        Assert.Equal("2", provenance["Số dòng dữ liệu"]);
    }

    [Fact]
    public async Task An_export_past_its_limit_keeps_the_newest_says_so_on_the_provenance_sheet_and_is_audited()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("vi-VN");
        var admin = await app.Services.CallerAsync("admin");
        var marker = "audit-cap-" + Guid.NewGuid().ToString("N")[..8];
        var at = new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);
        await AddAsync([.. Enumerable.Range(0, 5).Select(i => Entry(marker, null, at.AddMinutes(i), AuditActions.DatasetLoaded, null, null))]);
        using var output = new MemoryStream();
        var filter = new AuditFilter(Target: marker, Action: AuditActions.DatasetLoaded);

        var written = await AuditDownloads.WriteAsync(output, admin, filter, "127.0.0.1", app.Services, L, Ct, limit: 3);
        var sheets = await LibreOffice.ReadSheetsAsync(output.ToArray(), Ct);

        Assert.True(written.Value!.Truncated);
        Assert.Equal(["20/11/2026 08:04:00", "20/11/2026 08:03:00", "20/11/2026 08:02:00"], sheets[XlsxExporter.DataSheet].Skip(1).Select(r => r[0]));
        var provenance = sheets[XlsxExporter.ProvenanceSheet].ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("5 (tệp chỉ chứa 3 mục mới nhất)", provenance["Tham số: Số mục khớp bộ lọc"]);
        Assert.Equal("Toàn bộ nhật ký (mọi cơ quan)", provenance["Tham số: Phạm vi"]);
        Assert.Equal("Nạp dữ liệu", provenance["Tham số: Thao tác"]);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var recorded = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.AuditExported && e.UserId == admin.UserId)
            .OrderByDescending(e => e.Id).FirstAsync(Ct);
        Assert.Equal("127.0.0.1", recorded.IpAddress);
        Assert.Contains(marker, recorded.Details);
        Assert.Contains("\"rows\":3", recorded.Details);
        Assert.Contains("\"matching\":5", recorded.Details);
        Assert.Contains(written.Value.Receipt.Sha256, recorded.Details);
    }

    [Fact]
    public async Task An_analyst_gets_no_file_and_the_refusal_says_who_may_read_the_log()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("vi-VN");
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        using var output = new MemoryStream();

        var written = await AuditDownloads.WriteAsync(output, analyst, AuditFilter.None, null, app.Services, L, Ct);

        Assert.Equal(ErrorKind.Forbidden, written.Error?.Kind);
        Assert.Contains("quản trị cơ quan", written.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void The_download_url_carries_the_filter_and_reads_back_the_same()
    {
        var filter = new AuditFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 27), "Nguyễn Văn", 7, AuditActions.SignIn, "dân số & GDP");

        var url = AuditDownloads.Url(filter);
        var query = new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x/" + url).Query));

        Assert.StartsWith("admin/audit/download.xlsx?from=2026-11-01&to=2026-11-27&", url);
        Assert.Equal(filter, AuditDownloads.Filter(query));
        Assert.Equal(AuditFilter.None, AuditDownloads.Filter(new QueryCollection(new Dictionary<string, StringValues> { ["from"] = "27/11/2026", ["agency"] = "x" })));
        Assert.Equal("admin/audit/download.xlsx", AuditDownloads.Url(AuditFilter.None));
    }

    private static AuditEntry Entry(string target, int? agencyId, DateTimeOffset at, string action, string? details, string? ip) => new()
    {
        At = at,
        UserId = "test-user",
        UserName = "Người thử nghiệm",
        AgencyId = agencyId,
        Action = action,
        Target = target,
        Details = details,
        IpAddress = ip,
    };

    private async Task AddAsync(params AuditEntry[] entries)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        db.AuditEntries.AddRange(entries);
        await db.SaveChangesAsync(Ct);
    }
}
