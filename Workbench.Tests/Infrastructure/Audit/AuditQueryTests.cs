using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Common;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Audit;

/// <summary>Who reads which audit entries, and how the viewer's filters and pages behave, on the demo app's store.</summary>
public sealed class AuditQueryTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 10, 5, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AuditQuery Query => app.Services.GetRequiredService<AuditQuery>();

    [Fact]
    public async Task Agency_admin_reads_only_their_agencys_entries_even_when_asking_for_another_agency()
    {
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var office = await app.Services.CallerAsync("lanhdao");
        var marker = Marker();
        await AddAsync(Entry(marker, planning.AgencyId), Entry(marker, planning.AgencyId), Entry(marker, office.AgencyId), Entry(marker, null));

        var own = (await Query.ReadPageAsync(planning, new AuditFilter(Target: marker), 0, 50, Ct)).Value!;
        var asked = (await Query.ReadPageAsync(planning, new AuditFilter(Target: marker, AgencyId: office.AgencyId), 0, 50, Ct)).Value!;
        var everything = (await Query.ReadPageAsync(planning, AuditFilter.None, 0, AuditQuery.MaxPageSize, Ct)).Value!;
        var agencies = (await Query.AgenciesAsync(planning, Ct)).Value!;

        Assert.Equal(2, own.Total);
        Assert.All(own.Rows, r => Assert.Equal(planning.AgencyId, r.AgencyId));
        Assert.Equal(0, asked.Total);
        Assert.Empty(asked.Rows);
        Assert.NotEmpty(everything.Rows);
        Assert.All(everything.Rows, r => Assert.Equal(planning.AgencyId, r.AgencyId));
        Assert.Equal([planning.AgencyId], agencies.Select(a => a.Id));
    }

    [Fact]
    public async Task System_admin_reads_every_agencys_entries_and_may_filter_by_agency()
    {
        var admin = await app.Services.CallerAsync("admin");
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var office = await app.Services.CallerAsync("lanhdao");
        var marker = Marker();
        await AddAsync(Entry(marker, planning.AgencyId), Entry(marker, office.AgencyId), Entry(marker, null));

        var all = (await Query.ReadPageAsync(admin, new AuditFilter(Target: marker), 0, 50, Ct)).Value!;
        var officeOnly = (await Query.ReadPageAsync(admin, new AuditFilter(Target: marker, AgencyId: office.AgencyId), 0, 50, Ct)).Value!;
        var agencies = (await Query.AgenciesAsync(admin, Ct)).Value!;

        Assert.Equal(3, all.Total);
        Assert.Equal(office.AgencyId, Assert.Single(officeOnly.Rows).AgencyId);
        Assert.False(string.IsNullOrEmpty(officeOnly.Rows[0].AgencyName));
        Assert.True(agencies.Count >= 24);
    }

    [Theory]
    [InlineData("chuyenvien.skhdt")]
    [InlineData("lanhdao")]
    public async Task Analysts_and_leaders_are_refused_the_log(string userName)
    {
        var caller = await app.Services.CallerAsync(userName);

        var page = await Query.ReadPageAsync(caller, AuditFilter.None, 0, 25, Ct);
        var export = await Query.ReadForExportAsync(caller, AuditFilter.None, Ct);
        var agencies = await Query.AgenciesAsync(caller, Ct);

        Assert.Equal(ErrorKind.Forbidden, page.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, export.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, agencies.Error?.Kind);
        Assert.False(AuditAccess.CanRead(caller));
    }

    [Fact]
    public async Task Days_are_whole_days_in_the_provinces_time()
    {
        var admin = await app.Services.CallerAsync("admin");
        var marker = Marker();
        // 16:59:59 UTC is 23:59:59 on the 10th in Quảng Ngãi; 17:00 UTC is already the 11th.
        var lastOfTenth = new DateTimeOffset(2026, 11, 10, 16, 59, 59, TimeSpan.Zero);
        var firstOfEleventh = new DateTimeOffset(2026, 11, 10, 17, 0, 0, TimeSpan.Zero);
        var lastOfEleventh = new DateTimeOffset(2026, 11, 11, 16, 59, 59, TimeSpan.Zero);
        await AddAsync(Entry(marker, null, at: lastOfTenth), Entry(marker, null, at: firstOfEleventh), Entry(marker, null, at: lastOfEleventh),
            Entry(marker, null, at: lastOfEleventh.AddSeconds(1)));
        var eleventh = new DateOnly(2026, 11, 11);

        var day = (await Query.ReadPageAsync(admin, new AuditFilter(From: eleventh, To: eleventh, Target: marker), 0, 50, Ct)).Value!;
        var since = (await Query.ReadPageAsync(admin, new AuditFilter(From: eleventh, Target: marker), 0, 50, Ct)).Value!;
        var until = (await Query.ReadPageAsync(admin, new AuditFilter(To: eleventh.AddDays(-1), Target: marker), 0, 50, Ct)).Value!;

        Assert.Equal([lastOfEleventh, firstOfEleventh], day.Rows.Select(r => r.At));
        Assert.Equal(3, since.Total);
        Assert.Equal([lastOfTenth], until.Rows.Select(r => r.At));
    }

    [Fact]
    public async Task Filters_match_part_of_the_user_name_or_target_ignoring_case_and_the_exact_action()
    {
        var admin = await app.Services.CallerAsync("admin");
        var marker = Marker();
        await AddAsync(
            Entry(marker + "-dan-so", null, user: "Nguyễn Văn An", action: AuditActions.DatasetLoaded),
            Entry(marker + "-dan-so", null, user: "Trần Thị Bình", action: AuditActions.QueryDownload),
            Entry(marker + "-gdp", null, user: "Nguyễn Thị Cúc", action: AuditActions.DatasetLoaded));

        var byUser = (await Query.ReadPageAsync(admin, new AuditFilter(User: "NGUYỄN", Target: marker), 0, 50, Ct)).Value!;
        var byAction = (await Query.ReadPageAsync(admin, new AuditFilter(Action: AuditActions.DatasetLoaded, Target: marker), 0, 50, Ct)).Value!;
        var byTarget = (await Query.ReadPageAsync(admin, new AuditFilter(Target: (marker + "-DAN").ToUpperInvariant()), 0, 50, Ct)).Value!;
        var combined = (await Query.ReadPageAsync(admin, new AuditFilter(User: " văn ", Action: AuditActions.DatasetLoaded, Target: marker), 0, 50, Ct)).Value!;

        Assert.Equal(["Nguyễn Thị Cúc", "Nguyễn Văn An"], byUser.Rows.Select(r => r.UserName).Order());
        Assert.Equal(2, byAction.Total);
        Assert.All(byAction.Rows, r => Assert.Equal(AuditActions.DatasetLoaded, r.Action));
        Assert.Equal(["Nguyễn Văn An", "Trần Thị Bình"], byTarget.Rows.Select(r => r.UserName).Order());
        Assert.Equal("Nguyễn Văn An", Assert.Single(combined.Rows).UserName);
    }

    [Fact]
    public async Task Pages_run_newest_first_without_repeating_or_skipping_entries_of_the_same_moment()
    {
        var admin = await app.Services.CallerAsync("admin");
        var marker = Marker();
        // Two entries share each moment, so only the tie-break on Id keeps the pages apart.
        await AddAsync([.. Enumerable.Range(0, 7).Select(i => Entry(marker, null, at: Noon.AddMinutes(i / 2)))]);
        var filter = new AuditFilter(Target: marker);

        var pages = new List<AuditPage>();
        for (var skip = 0; skip < 9; skip += 3)
        {
            pages.Add((await Query.ReadPageAsync(admin, filter, skip, 3, Ct)).Value!);
        }

        Assert.All(pages, p => Assert.Equal(7, p.Total));
        Assert.Equal([3, 3, 1], pages.Select(p => p.Rows.Count));
        var rows = pages.SelectMany(p => p.Rows).ToList();
        Assert.Equal(7, rows.Select(r => r.Id).Distinct().Count());
        Assert.Equal(rows.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Select(r => r.Id), rows.Select(r => r.Id));
    }

    [Fact]
    public async Task An_export_keeps_the_newest_entries_up_to_its_limit_and_counts_all_that_match()
    {
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var office = await app.Services.CallerAsync("lanhdao");
        var marker = Marker();
        await AddAsync(Entry(marker, planning.AgencyId, at: Noon), Entry(marker, planning.AgencyId, at: Noon.AddHours(1)),
            Entry(marker, planning.AgencyId, at: Noon.AddHours(2)), Entry(marker, office.AgencyId, at: Noon.AddHours(3)));

        var export = (await Query.ReadForExportAsync(planning, new AuditFilter(Target: marker), 2, Ct)).Value!;
        var rows = await export.Rows.ToListAsync(Ct);

        Assert.Equal(3, export.Matching);
        Assert.True(export.Truncated);
        Assert.Equal([Noon.AddHours(2), Noon.AddHours(1)], rows.Select(r => r.At));
    }

    private static string Marker() => "audit-query-" + Guid.NewGuid().ToString("N")[..10];

    private static AuditEntry Entry(
        string target, int? agencyId, DateTimeOffset? at = null, string user = "Người thử nghiệm", string action = AuditActions.DatasetLoaded) => new()
    {
        At = at ?? Noon,
        UserId = "test-user",
        UserName = user,
        AgencyId = agencyId,
        Action = action,
        Target = target,
        Details = """{"rows":3}""",
        IpAddress = "10.0.0.7",
    };

    private async Task AddAsync(params AuditEntry[] entries)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        db.AuditEntries.AddRange(entries);
        await db.SaveChangesAsync(Ct);
    }
}
