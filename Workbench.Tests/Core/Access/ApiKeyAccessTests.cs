using Workbench.Core.Access;

namespace Workbench.Tests.Core.Access;

public sealed class ApiKeyAccessTests
{
    private const int Own = 1;
    private const int Other = 2;

    private static Caller As(string role) => new("u", "Người dùng", Own, role);

    [Theory]
    [InlineData(Roles.SystemAdmin, Own, true)]
    [InlineData(Roles.SystemAdmin, Other, true)]
    [InlineData(Roles.AgencyAdmin, Own, true)]
    [InlineData(Roles.AgencyAdmin, Other, false)]
    [InlineData(Roles.Analyst, Own, false)]
    [InlineData(Roles.Viewer, Own, false)]
    public void Only_system_admins_and_the_agencys_own_admin_manage_its_keys(string role, int agencyId, bool expected) =>
        Assert.Equal(expected, ApiKeyAccess.CanManage(As(role), agencyId));

    [Theory]
    [InlineData(Roles.SystemAdmin, Roles.SystemAdmin, true)]
    [InlineData(Roles.AgencyAdmin, Roles.SystemAdmin, false)]
    [InlineData(Roles.AgencyAdmin, Roles.AgencyAdmin, true)]
    [InlineData(Roles.AgencyAdmin, Roles.Analyst, true)]
    [InlineData(Roles.AgencyAdmin, Roles.Viewer, true)]
    [InlineData(Roles.Analyst, Roles.Viewer, false)]
    public void A_key_never_acts_with_more_than_its_creators_role(string creator, string keyRole, bool expected) =>
        Assert.Equal(expected, ApiKeyAccess.CanCreate(As(creator), Own, keyRole));
}
