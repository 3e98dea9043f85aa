using Workbench.Core.Access;
using Workbench.Core.Common;

namespace Workbench.Tests.Core.Access;

public sealed class UserAdministrationTests
{
    private const int Own = 1;
    private const int Other = 2;

    private static Caller As(string role, string id = "me") => new(id, "Người dùng", Own, role);

    private static ManagedUser User(string role = Roles.Analyst, int agencyId = Own, string id = "u", bool disabled = false) =>
        new(id, "nguoidung", agencyId, role, disabled);

    [Theory]
    [InlineData(Roles.SystemAdmin, Own, true)]
    [InlineData(Roles.SystemAdmin, Other, true)]
    [InlineData(Roles.AgencyAdmin, Own, true)]
    [InlineData(Roles.AgencyAdmin, Other, false)]
    [InlineData(Roles.Analyst, Own, false)]
    [InlineData(Roles.Viewer, Own, false)]
    public void Only_system_admins_and_the_agencys_own_admins_manage_its_users(string role, int agencyId, bool expected) =>
        Assert.Equal(expected, UserAdministration.CanManage(As(role), agencyId));

    [Theory]
    [InlineData(Roles.SystemAdmin, Roles.SystemAdmin, null)]
    [InlineData(Roles.SystemAdmin, Roles.Viewer, null)]
    [InlineData(Roles.AgencyAdmin, Roles.SystemAdmin, "user.role-too-high")]
    [InlineData(Roles.AgencyAdmin, Roles.AgencyAdmin, null)]
    [InlineData(Roles.AgencyAdmin, Roles.Analyst, null)]
    [InlineData(Roles.AgencyAdmin, Roles.Viewer, null)]
    [InlineData(Roles.AgencyAdmin, "Superuser", "user.unknown-role")]
    [InlineData(Roles.Analyst, Roles.Viewer, "user.no-manage-right")]
    public void A_new_account_never_gets_a_role_above_its_creators(string creator, string role, string? refusal) =>
        Assert.Equal(refusal, UserAdministration.CreateRefusal(As(creator), Own, role)?.Code);

    [Fact]
    public void An_agency_admin_creates_and_manages_accounts_of_their_own_agency_only()
    {
        var admin = As(Roles.AgencyAdmin);

        Assert.Equal("user.other-agency", UserAdministration.CreateRefusal(admin, Other, Roles.Analyst)?.Code);
        Assert.Equal("user.other-agency", UserAdministration.ManageRefusal(admin, User(agencyId: Other))?.Code);
        Assert.Equal("user.other-agency", UserAdministration.DisableRefusal(admin, User(agencyId: Other), 1)?.Code);
        Assert.Equal("user.other-agency", UserAdministration.RoleChangeRefusal(admin, User(agencyId: Other), Roles.Viewer, 1)?.Code);
        Assert.Null(UserAdministration.ManageRefusal(admin, User()));
        Assert.Null(UserAdministration.DisableRefusal(admin, User(), 1));
        Assert.Null(UserAdministration.RoleChangeRefusal(admin, User(), Roles.Viewer, 1));
    }

    [Fact]
    public void An_agency_admin_may_not_touch_a_system_admins_account_even_in_their_own_agency()
    {
        var admin = As(Roles.AgencyAdmin);
        var systemAdmin = User(Roles.SystemAdmin);

        Assert.Equal("user.system-admin-account", UserAdministration.ResetPasswordRefusal(admin, systemAdmin)?.Code);
        Assert.Equal("user.system-admin-account", UserAdministration.DisableRefusal(admin, systemAdmin, 2)?.Code);
        Assert.Equal("user.system-admin-account", UserAdministration.RoleChangeRefusal(admin, systemAdmin, Roles.Viewer, 2)?.Code);
    }

    [Fact]
    public void An_agency_admin_may_not_give_the_system_admin_role_to_anyone()
    {
        var refusal = UserAdministration.RoleChangeRefusal(As(Roles.AgencyAdmin), User(), Roles.SystemAdmin, 1);

        Assert.Equal("user.role-too-high", refusal?.Code);
        Assert.Equal(ErrorKind.Forbidden, refusal?.Kind);
    }

    [Theory]
    [InlineData(Roles.AgencyAdmin)]
    [InlineData(Roles.SystemAdmin)]
    public void Nobody_disables_their_own_account(string role) =>
        Assert.Equal("user.self-disable", UserAdministration.DisableRefusal(As(role), User(role, id: "me"), 2)?.Code);

    [Fact]
    public void An_agency_admin_does_not_change_their_own_role()
    {
        var refusal = UserAdministration.RoleChangeRefusal(As(Roles.AgencyAdmin), User(Roles.AgencyAdmin, id: "me"), Roles.Analyst, 1);

        Assert.Equal("user.self-role", refusal?.Code);
    }

    [Fact]
    public void Nobody_resets_their_own_password_here() =>
        Assert.Equal("user.self-reset", UserAdministration.ResetPasswordRefusal(As(Roles.AgencyAdmin), User(Roles.AgencyAdmin, id: "me"))?.Code);

    [Fact]
    public void The_last_active_system_admin_is_neither_disabled_nor_demoted()
    {
        var systemAdmin = As(Roles.SystemAdmin, id: "other");
        var last = User(Roles.SystemAdmin, agencyId: Other, id: "last");

        Assert.Equal("user.last-system-admin", UserAdministration.DisableRefusal(systemAdmin, last, activeSystemAdmins: 1)?.Code);
        Assert.Equal("user.last-system-admin", UserAdministration.RoleChangeRefusal(systemAdmin, last, Roles.AgencyAdmin, activeSystemAdmins: 1)?.Code);
        Assert.Equal("user.last-system-admin", UserAdministration.RoleChangeRefusal(As(Roles.SystemAdmin, "last"), last, Roles.Viewer, 1)?.Code);
        Assert.Null(UserAdministration.DisableRefusal(systemAdmin, last, activeSystemAdmins: 2));
        Assert.Null(UserAdministration.RoleChangeRefusal(As(Roles.SystemAdmin, "last"), last, Roles.Viewer, activeSystemAdmins: 2));
    }

    [Fact]
    public void A_disabled_system_admin_does_not_count_as_the_last_one() =>
        Assert.Null(UserAdministration.RoleChangeRefusal(As(Roles.SystemAdmin), User(Roles.SystemAdmin, disabled: true), Roles.Viewer, 1));

    [Theory]
    [InlineData(Roles.SystemAdmin, Other, null)]
    [InlineData(Roles.SystemAdmin, Own, "user.same-agency")]
    [InlineData(Roles.AgencyAdmin, Other, "user.move-not-allowed")]
    public void Only_a_system_admin_moves_a_user_to_another_agency(string role, int to, string? refusal) =>
        Assert.Equal(refusal, UserAdministration.MoveRefusal(As(role), User(), to)?.Code);
}
