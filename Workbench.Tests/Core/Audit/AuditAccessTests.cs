using Workbench.Core.Access;
using Workbench.Core.Audit;

namespace Workbench.Tests.Core.Audit;

public sealed class AuditAccessTests
{
    [Fact]
    public void System_admin_reads_every_entry_including_those_of_no_agency()
    {
        var admin = new Caller("u1", "Quản trị", 1, Roles.SystemAdmin);

        Assert.Equal(AuditScope.Everything, AuditAccess.Scope(admin));
        Assert.True(AuditAccess.CanRead(admin, new AuditEntry { Action = AuditActions.SignIn, AgencyId = 9 }));
        Assert.True(AuditAccess.CanRead(admin, new AuditEntry { Action = AuditActions.SignInFailed, AgencyId = null }));
    }

    [Fact]
    public void Agency_admin_reads_only_entries_of_their_own_agency()
    {
        var admin = new Caller("u2", "Quản trị cơ quan", 4, Roles.AgencyAdmin);

        Assert.Equal(AuditScope.OfAgency(4), AuditAccess.Scope(admin));
        Assert.True(AuditAccess.CanRead(admin, new AuditEntry { Action = AuditActions.SignIn, AgencyId = 4 }));
        Assert.False(AuditAccess.CanRead(admin, new AuditEntry { Action = AuditActions.SignIn, AgencyId = 5 }));
        Assert.False(AuditAccess.CanRead(admin, new AuditEntry { Action = AuditActions.SignInFailed, AgencyId = null }));
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Viewer)]
    [InlineData("")]
    public void Everyone_else_reads_nothing(string role)
    {
        var caller = new Caller("u3", "Chuyên viên", 4, role);

        Assert.Null(AuditAccess.Scope(caller));
        Assert.False(AuditAccess.CanRead(caller));
        Assert.False(AuditAccess.CanRead(caller, new AuditEntry { Action = AuditActions.SignIn, AgencyId = 4 }));
    }

    [Fact]
    public void Every_action_constant_is_offered_once()
    {
        var constants = typeof(AuditActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(constants.Order(StringComparer.Ordinal), AuditActions.All.Order(StringComparer.Ordinal));
    }
}
