using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Common;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Access;

/// <summary>Who may list, create and revoke API keys, and what a key is once made or revoked, on the demo app.</summary>
public sealed class ApiKeyServiceTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiKeyService Keys => app.Services.GetRequiredService<ApiKeyService>();

    [Fact]
    public async Task Agency_admin_sees_only_the_keys_of_their_own_agency()
    {
        var admin = await CallerAsync("admin");
        var planning = await CallerAsync("quantri.skhdt");
        var office = await AgencyIdAsync("VPUBND");
        var own = await CreateAsync(planning, "Hệ thống ĐKDN", planning.AgencyId, Roles.Analyst);
        var other = await CreateAsync(admin, "Cổng VPUBND", office, Roles.Viewer);

        var listed = (await Keys.ListAsync(planning, Ct)).Value!;
        var all = (await Keys.ListAsync(admin, Ct)).Value!;

        Assert.Contains(listed, k => k.Id == own.Record.Id && k.Prefix == own.Record.Prefix && k.AgencyName.Length > 0 && k.IsActive);
        Assert.DoesNotContain(listed, k => k.Id == other.Record.Id);
        Assert.All(listed, k => Assert.Equal(planning.AgencyId, k.AgencyId));
        Assert.Contains(all, k => k.Id == own.Record.Id);
        Assert.Contains(all, k => k.Id == other.Record.Id);
    }

    [Theory]
    [InlineData("chuyenvien.skhdt")]
    [InlineData("lanhdao")]
    public async Task Analysts_and_leaders_may_not_list_create_or_revoke_keys(string userName)
    {
        var caller = await CallerAsync(userName);
        var key = await CreateAsync(await CallerAsync("admin"), "Khóa của " + userName, caller.AgencyId, Roles.Viewer);

        var listed = await Keys.ListAsync(caller, Ct);
        var created = await Keys.CreateAsync(caller, "Tự tạo", caller.AgencyId, Roles.Viewer, null, Ct);
        var revoked = await Keys.RevokeAsync(caller, key.Record.Id, Ct);

        Assert.Equal(ErrorKind.Forbidden, listed.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, created.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, revoked.Error?.Kind);
        Assert.NotNull(await Keys.FindActiveAsync(key.Key, Ct));
    }

    [Fact]
    public async Task Agency_admin_may_not_create_keys_for_another_agency()
    {
        var planning = await CallerAsync("quantri.skhdt");

        var created = await Keys.CreateAsync(planning, "Khóa lạ", await AgencyIdAsync("VPUBND"), Roles.Viewer, null, Ct);

        Assert.Equal(ErrorKind.Forbidden, created.Error?.Kind);
    }

    [Fact]
    public async Task Agency_admin_may_not_create_a_system_admin_key_but_may_create_the_roles_of_their_agency()
    {
        var planning = await CallerAsync("quantri.skhdt");

        var systemKey = await Keys.CreateAsync(planning, "Khóa toàn quyền", planning.AgencyId, Roles.SystemAdmin, null, Ct);
        var allowed = new List<string>();
        foreach (var role in new[] { Roles.AgencyAdmin, Roles.Analyst, Roles.Viewer })
        {
            var created = await Keys.CreateAsync(planning, "Khóa " + role, planning.AgencyId, role, null, Ct);
            if (created.IsSuccess)
            {
                allowed.Add(created.Value!.Record.Role);
            }
        }

        Assert.Equal(ErrorKind.Forbidden, systemKey.Error?.Kind);
        Assert.Equal([Roles.AgencyAdmin, Roles.Analyst, Roles.Viewer], allowed);
        Assert.True((await Keys.CreateAsync(await CallerAsync("admin"), "Tự động hóa", planning.AgencyId, Roles.SystemAdmin, null, Ct)).IsSuccess);
    }

    [Fact]
    public async Task Agency_admin_may_not_revoke_another_agencys_key()
    {
        var planning = await CallerAsync("quantri.skhdt");
        var other = await CreateAsync(await CallerAsync("admin"), "Cổng VPUBND 2", await AgencyIdAsync("VPUBND"), Roles.Viewer);

        var revoked = await Keys.RevokeAsync(planning, other.Record.Id, Ct);

        Assert.Equal(ErrorKind.Forbidden, revoked.Error?.Kind);
        Assert.NotNull(await Keys.FindActiveAsync(other.Key, Ct));
    }

    [Fact]
    public async Task A_revoked_key_stops_authenticating_and_the_revocation_is_audited()
    {
        var planning = await CallerAsync("quantri.skhdt");
        var key = await CreateAsync(planning, "Hệ thống sẽ thu hồi", planning.AgencyId, Roles.Analyst);
        using var client = app.CreateApiClient(key.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/datasets", Ct)).StatusCode);

        var revoked = await Keys.RevokeAsync(planning, key.Record.Id, Ct);
        var again = await Keys.RevokeAsync(planning, key.Record.Id, Ct);

        Assert.True(revoked.Value);
        Assert.False(again.Value);
        Assert.Null(await Keys.FindActiveAsync(key.Key, Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/datasets", Ct)).StatusCode);
        Assert.Contains((await Keys.ListAsync(planning, Ct)).Value!, k => k.Id == key.Record.Id && !k.IsActive && k.RevokedAt is not null);
        await using var db = await Db();
        var audited = await db.AuditEntries.Where(e => e.Action == AuditActions.ApiKeyRevoked && e.Target == key.Record.Prefix).ToListAsync(Ct);
        Assert.Equal(planning.UserId, Assert.Single(audited).UserId);
    }

    [Fact]
    public async Task The_secret_is_stored_only_as_its_hash()
    {
        var planning = await CallerAsync("quantri.skhdt");

        var key = await CreateAsync(planning, "Khóa kiểm tra băm", planning.AgencyId, Roles.Viewer);

        await using var db = await Db();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == key.Record.Id, Ct);
        Assert.Equal(ApiKeys.Hash(key.Key), stored.KeyHash);
        Assert.Equal(key.Key[..ApiKeys.PrefixLength], stored.Prefix);
        Assert.True(key.Key.Length > 40);
        Assert.DoesNotContain(await db.AuditEntries.Select(e => e.Details ?? "").ToListAsync(Ct), d => d.Contains(key.Key, StringComparison.Ordinal));
        // The database files themselves (with the write-ahead log), not just what EF reads back.
        var files = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(app.DataFolder, "workbench.db*"))
        {
            files.Append(Encoding.UTF8.GetString(await ReadSharedAsync(file)));
        }
        Assert.Contains(stored.KeyHash, files.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key.Key, files.ToString(), StringComparison.Ordinal);
    }

    private async Task<CreatedApiKey> CreateAsync(Caller caller, string name, int agencyId, string role)
    {
        var created = await Keys.CreateAsync(caller, name, agencyId, role, null, Ct);
        Assert.Null(created.Error);
        return created.Value!;
    }

    private Task<Caller> CallerAsync(string userName) => app.Services.CallerAsync(userName);

    private async Task<int> AgencyIdAsync(string code)
    {
        await using var db = await Db();
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync(Ct);
    }

    private Task<WorkbenchDbContext> Db() =>
        app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }
}
