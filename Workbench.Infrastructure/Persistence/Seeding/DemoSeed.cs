using Workbench.Core.Access;

namespace Workbench.Infrastructure.Persistence.Seeding;

/// <summary>A demo account: one per role, spread over at least two agencies.</summary>
public sealed record DemoAccount(string UserName, string FullName, string Role, string AgencyCode);

/// <summary>The Development-only demo accounts. Never seeded outside Development.</summary>
public static class DemoSeed
{
    /// <summary>One password for every demo account; it satisfies Identity's default policy.</summary>
    public const string Password = "Workbench@2026";

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin", "Quản trị hệ thống (tài khoản mẫu)", Roles.SystemAdmin, AgencySeed.InformationAndCommunications),
        new("quantri.skhdt", "Quản trị Sở Kế hoạch và Đầu tư (tài khoản mẫu)", Roles.AgencyAdmin, AgencySeed.PlanningAndInvestment),
        new("chuyenvien.skhdt", "Chuyên viên Sở Kế hoạch và Đầu tư (tài khoản mẫu)", Roles.Analyst, AgencySeed.PlanningAndInvestment),
        new("lanhdao", "Lãnh đạo UBND tỉnh (tài khoản mẫu)", Roles.Viewer, AgencySeed.PeoplesCommitteeOffice),
        // A second agency with an administrator and an analyst, to show sharing between agencies by grant.
        new("quantri.stc", "Quản trị Sở Tài chính (tài khoản mẫu)", Roles.AgencyAdmin, AgencySeed.Finance),
        new("chuyenvien.stc", "Chuyên viên Sở Tài chính (tài khoản mẫu)", Roles.Analyst, AgencySeed.Finance),
    ];
}
