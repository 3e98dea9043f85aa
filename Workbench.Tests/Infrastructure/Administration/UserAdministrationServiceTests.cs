using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Common;
using Workbench.Infrastructure.Administration;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Administration;

/// <summary>What administrators may do to user accounts, what each action changes, and what it leaves on the record, on the demo app.</summary>
/// <remarks>No test here leaves a second active system administrator behind: the last-administrator test counts on "admin" being the only one.</remarks>
public sealed class UserAdministrationServiceTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private UserAdministrationService Users => app.Services.GetRequiredService<UserAdministrationService>();

    [Fact]
    public async Task Agency_admin_lists_only_their_agencys_users_and_the_system_admin_filters_by_agency()
    {
        var admin = await app.Services.CallerAsync("admin");
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var finance = await app.AgencyIdAsync(AgencySeed.Finance);

        var own = (await Users.ListAsync(planning, new UserFilter(), Ct)).Value!;
        var financeOnly = (await Users.ListAsync(admin, new UserFilter(AgencyId: finance), Ct)).Value!;
        var all = (await Users.ListAsync(admin, new UserFilter(), Ct)).Value!;
        var analysts = (await Users.ListAsync(planning, new UserFilter(Role: Roles.Analyst, Search: "chuyên viên"), Ct)).Value!;

        Assert.All(own, u => Assert.Equal(planning.AgencyId, u.AgencyId));
        Assert.Contains(own, u => u.UserName == "chuyenvien.skhdt" && u.Role == Roles.Analyst && u.Status == UserStatus.Active && u.AgencyName.Length > 0);
        Assert.All(financeOnly, u => Assert.Equal(finance, u.AgencyId));
        Assert.Contains(financeOnly, u => u.UserName == "quantri.stc");
        Assert.Contains(all, u => u.UserName == "lanhdao");
        Assert.Equal(["chuyenvien.skhdt"], analysts.Select(u => u.UserName).Where(n => n.StartsWith("chuyenvien", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("chuyenvien.skhdt")]
    [InlineData("lanhdao")]
    public async Task Analysts_and_leaders_may_not_list_or_create_users(string userName)
    {
        var caller = await app.Services.CallerAsync(userName);

        var listed = await Users.ListAsync(caller, new UserFilter(), Ct);
        var created = await Users.CreateAsync(caller, new NewUser("tu.tao", "Tự tạo", null, caller.AgencyId, Roles.Viewer), Ct);

        Assert.Equal(ErrorKind.Forbidden, listed.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, created.Error?.Kind);
    }

    [Fact]
    public async Task A_created_user_gets_a_temporary_password_that_meets_the_policy_and_must_be_changed()
    {
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var finance = await app.AgencyIdAsync(AgencySeed.Finance);
        var before = await LastAuditIdAsync();

        var issued = (await Users.CreateAsync(planning, new NewUser(" nguyen.van.moi ", " Nguyễn Văn Mới ", "moi@quangngai.gov.vn", finance, Roles.Analyst), Ct)).Value!;

        Assert.Equal("nguyen.van.moi", issued.User.UserName);
        Assert.Equal("Nguyễn Văn Mới", issued.User.FullName);
        Assert.Equal(planning.AgencyId, issued.User.AgencyId);
        Assert.Equal(Roles.Analyst, issued.User.Role);
        Assert.True(issued.User.MustChangePassword);
        Assert.Null(issued.User.LastSignInAt);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var user = (await users.FindByNameAsync("nguyen.van.moi"))!;
        Assert.True(await users.CheckPasswordAsync(user, issued.TemporaryPassword));
        Assert.Equal([Roles.Analyst], await users.GetRolesAsync(user));
        var entry = Assert.Single(await AuditSinceAsync(before));
        Assert.Equal(AuditActions.UserCreated, entry.Action);
        Assert.Equal("nguyen.van.moi", entry.Target);
        Assert.Contains("\"after\"", entry.Details);
        Assert.DoesNotContain(issued.TemporaryPassword, entry.Details);
    }

    [Fact]
    public async Task Creating_refuses_a_system_admin_role_from_an_agency_admin_a_taken_name_a_bad_email_and_a_blank_name()
    {
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var before = await LastAuditIdAsync();

        var tooHigh = await Users.CreateAsync(planning, new NewUser("toan.quyen", "Toàn Quyền", null, planning.AgencyId, Roles.SystemAdmin), Ct);
        var taken = await Users.CreateAsync(planning, new NewUser("chuyenvien.skhdt", "Trùng Tên", null, planning.AgencyId, Roles.Viewer), Ct);
        var invalid = await Users.CreateAsync(planning, new NewUser("ten hop le?", " ", "khong-phai-thu", planning.AgencyId, Roles.Viewer), Ct);

        Assert.Equal("user.role-too-high", tooHigh.Error?.Code);
        Assert.Equal(ErrorKind.Invalid, taken.Error?.Kind);
        Assert.Contains(taken.Error!.Details!, d => d.Contains("chuyenvien.skhdt", StringComparison.Ordinal));
        Assert.Equal(ErrorKind.Invalid, invalid.Error?.Kind);
        Assert.Equal(2, invalid.Error!.Details!.Count);
        Assert.Empty(await AuditSinceAsync(before));
    }

    [Fact]
    public async Task Creating_refuses_a_user_name_with_characters_identity_does_not_allow()
    {
        var planning = await app.Services.CallerAsync("quantri.skhdt");

        var created = await Users.CreateAsync(planning, new NewUser("người dùng", "Người Dùng", null, planning.AgencyId, Roles.Viewer), Ct);

        Assert.Equal(ErrorKind.Invalid, created.Error?.Kind);
        Assert.Null(await FindAsync("người dùng"));
    }

    [Fact]
    public async Task Agency_admin_may_not_touch_another_agencys_users()
    {
        var admin = await app.Services.CallerAsync("admin");
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var stranger = (await Users.CreateAsync(admin, new NewUser("nguoi.stc", "Người Sở Tài chính", null,
            await app.AgencyIdAsync(AgencySeed.Finance), Roles.Analyst), Ct)).Value!.User;
        var before = await LastAuditIdAsync();

        Assert.Equal("user.other-agency", (await Users.ResetPasswordAsync(planning, stranger.Id, Ct)).Error?.Code);
        Assert.Equal("user.other-agency", (await Users.DisableAsync(planning, stranger.Id, Ct)).Error?.Code);
        Assert.Equal("user.other-agency", (await Users.ChangeRoleAsync(planning, stranger.Id, Roles.Viewer, Ct)).Error?.Code);
        Assert.Equal("user.move-not-allowed", (await Users.MoveAsync(planning, stranger.Id, planning.AgencyId, Ct)).Error?.Code);
        Assert.DoesNotContain((await Users.ListAsync(planning, new UserFilter(), Ct)).Value!, u => u.Id == stranger.Id);
        Assert.Empty(await AuditSinceAsync(before));
        Assert.Equal(UserStatus.Active, (await FindAsync("nguoi.stc"))!.Status);
    }

    [Fact]
    public async Task Resetting_a_password_issues_a_new_temporary_one_clears_the_lockout_and_ends_sessions()
    {
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var created = (await Users.CreateAsync(planning, new NewUser("cap.lai", "Cấp Lại", null, planning.AgencyId, Roles.Viewer), Ct)).Value!;
        await LockOutAsync(created.User.Id);
        var stamp = await StampAsync(created.User.Id);
        var before = await LastAuditIdAsync();

        var reset = (await Users.ResetPasswordAsync(planning, created.User.Id, Ct)).Value!;

        Assert.NotEqual(created.TemporaryPassword, reset.TemporaryPassword);
        Assert.Equal(UserStatus.Active, reset.User.Status);
        Assert.True(reset.User.MustChangePassword);
        Assert.NotEqual(stamp, await StampAsync(created.User.Id));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var user = (await users.FindByIdAsync(created.User.Id))!;
        Assert.True(await users.CheckPasswordAsync(user, reset.TemporaryPassword));
        Assert.False(await users.CheckPasswordAsync(user, created.TemporaryPassword));
        Assert.Equal(0, user.AccessFailedCount);
        var entry = Assert.Single(await AuditSinceAsync(before));
        Assert.Equal(AuditActions.UserPasswordReset, entry.Action);
        Assert.Contains("\"lockedOut\":true", entry.Details);
    }

    [Fact]
    public async Task Disabling_ends_sessions_and_enabling_brings_the_account_back()
    {
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var user = (await Users.CreateAsync(planning, new NewUser("tam.nghi", "Tạm Nghỉ", null, planning.AgencyId, Roles.Analyst), Ct)).Value!.User;
        var stamp = await StampAsync(user.Id);
        var before = await LastAuditIdAsync();

        var disabled = await Users.DisableAsync(planning, user.Id, Ct);
        var again = await Users.DisableAsync(planning, user.Id, Ct);
        var disabledStamp = await StampAsync(user.Id);
        var enabled = await Users.EnableAsync(planning, user.Id, Ct);

        Assert.Equal(UserStatus.Disabled, disabled.Value!.Status);
        Assert.Equal("user.already-disabled", again.Error?.Code);
        Assert.NotEqual(stamp, disabledStamp);
        Assert.Equal(UserStatus.Active, enabled.Value!.Status);
        var entries = await AuditSinceAsync(before);
        Assert.Equal([AuditActions.UserDisabled, AuditActions.UserEnabled], entries.Select(e => e.Action));
        Assert.Equal("""{"before":{"isDisabled":false},"after":{"isDisabled":true}}""", entries[0].Details);
    }

    [Fact]
    public async Task Agency_admin_may_not_disable_or_demote_themselves()
    {
        var planning = await app.Services.CallerAsync("quantri.skhdt");

        var disabled = await Users.DisableAsync(planning, planning.UserId!, Ct);
        var demoted = await Users.ChangeRoleAsync(planning, planning.UserId!, Roles.Viewer, Ct);

        Assert.Equal("user.self-disable", disabled.Error?.Code);
        Assert.Equal("user.self-role", demoted.Error?.Code);
        Assert.Equal(Roles.AgencyAdmin, (await FindAsync("quantri.skhdt"))!.Role);
    }

    [Fact]
    public async Task Unlocking_ends_a_lockout_at_once()
    {
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var user = (await Users.CreateAsync(planning, new NewUser("bi.khoa", "Bị Khóa", null, planning.AgencyId, Roles.Viewer), Ct)).Value!.User;
        var notLocked = await Users.UnlockAsync(planning, user.Id, Ct);
        await LockOutAsync(user.Id);
        var locked = await FindAsync("bi.khoa");
        var before = await LastAuditIdAsync();

        var unlocked = await Users.UnlockAsync(planning, user.Id, Ct);

        Assert.Equal("user.not-locked-out", notLocked.Error?.Code);
        Assert.Equal(UserStatus.LockedOut, locked!.Status);
        Assert.Equal(UserStatus.Active, unlocked.Value!.Status);
        Assert.Equal(AuditActions.UserUnlocked, Assert.Single(await AuditSinceAsync(before)).Action);
    }

    [Fact]
    public async Task Changing_the_role_replaces_the_only_role_and_ends_sessions_but_an_agency_admin_cannot_give_system_admin()
    {
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var user = (await Users.CreateAsync(planning, new NewUser("doi.vai.tro", "Đổi Vai Trò", null, planning.AgencyId, Roles.Analyst), Ct)).Value!.User;
        var stamp = await StampAsync(user.Id);
        var before = await LastAuditIdAsync();

        var changed = await Users.ChangeRoleAsync(planning, user.Id, Roles.Viewer, Ct);
        var tooHigh = await Users.ChangeRoleAsync(planning, user.Id, Roles.SystemAdmin, Ct);

        Assert.Equal(Roles.Viewer, changed.Value!.Role);
        Assert.Equal("user.role-too-high", tooHigh.Error?.Code);
        Assert.NotEqual(stamp, await StampAsync(user.Id));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        Assert.Equal([Roles.Viewer], await users.GetRolesAsync((await users.FindByIdAsync(user.Id))!));
        var entry = Assert.Single(await AuditSinceAsync(before));
        Assert.Equal(AuditActions.UserRoleChanged, entry.Action);
        Assert.Equal("""{"before":{"role":"Analyst"},"after":{"role":"Viewer"}}""", entry.Details);
    }

    [Fact]
    public async Task A_system_admin_moves_a_user_to_another_agency_and_their_sessions_end()
    {
        var admin = await app.Services.CallerAsync("admin");
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var finance = await app.AgencyIdAsync(AgencySeed.Finance);
        var user = (await Users.CreateAsync(planning, new NewUser("chuyen.co.quan", "Chuyển Cơ Quan", null, planning.AgencyId, Roles.Analyst), Ct)).Value!.User;
        var stamp = await StampAsync(user.Id);
        var before = await LastAuditIdAsync();

        var moved = await Users.MoveAsync(admin, user.Id, finance, Ct);

        Assert.Equal(finance, moved.Value!.AgencyId);
        Assert.NotEqual(stamp, await StampAsync(user.Id));
        Assert.DoesNotContain((await Users.ListAsync(planning, new UserFilter(), Ct)).Value!, u => u.Id == user.Id);
        var entry = Assert.Single(await AuditSinceAsync(before));
        Assert.Equal(AuditActions.UserAgencyChanged, entry.Action);
        Assert.Contains($"\"after\":{{\"agencyId\":{finance}}}", entry.Details);
    }

    [Fact]
    public async Task The_last_active_system_admin_can_be_neither_demoted_nor_disabled()
    {
        var admin = await app.Services.CallerAsync("admin");
        // A second system administrator, disabled since but still with a page open: the only other one who could try.
        var second = (await Users.CreateAsync(admin, new NewUser("quantri.thu.hai", "Quản trị thứ hai", null, admin.AgencyId, Roles.SystemAdmin), Ct)).Value!.User;
        await Users.DisableAsync(admin, second.Id, Ct);
        var stale = new Caller(second.Id, second.FullName, second.AgencyId, Roles.SystemAdmin);
        var before = await LastAuditIdAsync();

        var demoted = await Users.ChangeRoleAsync(admin, admin.UserId!, Roles.AgencyAdmin, Ct);
        var disabled = await Users.DisableAsync(stale, admin.UserId!, Ct);

        Assert.Equal("user.last-system-admin", demoted.Error?.Code);
        Assert.Equal("user.last-system-admin", disabled.Error?.Code);
        var account = (await FindAsync("admin"))!;
        Assert.Equal((Roles.SystemAdmin, UserStatus.Active), (account.Role, account.Status));
        Assert.Empty(await AuditSinceAsync(before));
    }

    [Fact]
    public async Task A_user_changes_their_own_password_and_the_forced_change_is_cleared()
    {
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        var issued = (await Users.CreateAsync(planning, new NewUser("tu.doi", "Tự Đổi", null, planning.AgencyId, Roles.Analyst), Ct)).Value!;
        var self = await app.Services.CallerAsync("tu.doi");
        var before = await LastAuditIdAsync();

        var wrong = await Users.ChangeOwnPasswordAsync(self, "Sai@Mat-Khau1", "Moi@Mat-Khau-2026", Ct);
        var same = await Users.ChangeOwnPasswordAsync(self, issued.TemporaryPassword, issued.TemporaryPassword, Ct);
        var weak = await Users.ChangeOwnPasswordAsync(self, issued.TemporaryPassword, "ngan", Ct);
        var changed = await Users.ChangeOwnPasswordAsync(self, issued.TemporaryPassword, "Moi@Mat-Khau-2026", Ct);

        Assert.Equal(ErrorKind.Invalid, wrong.Error?.Kind);
        Assert.Equal(ErrorKind.Invalid, same.Error?.Kind);
        Assert.True(weak.Error!.Details!.Count >= 3);
        Assert.True(changed.Value);
        Assert.False((await FindAsync("tu.doi"))!.MustChangePassword);
        var entry = Assert.Single(await AuditSinceAsync(before));
        Assert.Equal(AuditActions.UserPasswordChanged, entry.Action);
        Assert.Equal(self.UserId, entry.UserId);
    }

    private async Task<UserSummary?> FindAsync(string userName)
    {
        var all = (await Users.ListAsync(await app.Services.CallerAsync("admin"), new UserFilter(), Ct)).Value!;
        return all.SingleOrDefault(u => u.UserName == userName);
    }

    private async Task LockOutAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        for (var i = 0; i < 5; i++)
        {
            await users.AccessFailedAsync(user);
        }
        Assert.True(await users.IsLockedOutAsync(user));
    }

    private async Task<string?> StampAsync(string userId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync(Ct);
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id, Ct) ?? 0;
    }

    private async Task<List<AuditEntry>> AuditSinceAsync(long id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Id > id).OrderBy(e => e.Id).ToListAsync(Ct);
    }
}
