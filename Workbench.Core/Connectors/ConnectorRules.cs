using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;

namespace Workbench.Core.Connectors;

/// <summary>Who manages connectors, what a valid one looks like, and when one may run on its schedule.</summary>
public static class ConnectorRules
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;

    /// <summary>Connectors reach into other agencies' systems: the system administrator configures them (Đ5.1).</summary>
    public static bool CanManage(Caller caller) => caller.IsSystemAdmin;

    /// <summary>
    /// Who sees the connectors an agency provides ("Kết nối của cơ quan"): its administrators and the analysts who load
    /// its data (as <see cref="DatasetAccess.CanLoad"/> says), and the system administrator for every agency.
    /// </summary>
    public static bool CanSeeProvided(Caller caller, int providingAgencyId) =>
        caller.IsSystemAdmin || (caller.AgencyId == providingAgencyId && caller.Role is Roles.AgencyAdmin or Roles.Analyst);

    /// <summary>Who may deliver a file-delivery connector's next file: those who see it, since its dataset is their agency's.</summary>
    public static bool CanDeliver(Caller caller, Connector connector) => CanSeeProvided(caller, connector.ProvidingAgencyId);

    /// <summary>Every problem with a connector's own fields (its source settings are checked by their kind), each naming the field.</summary>
    public static IReadOnlyList<string> Problems(Connector connector, DateOnly today)
    {
        var problems = new List<string>();
        if (!DatasetKey.IsValid(connector.Key))
        {
            problems.Add(Text.Pick("Mã kết nối «{0}» không hợp lệ: chỉ chữ thường không dấu, số và dấu gạch ngang, bắt đầu bằng chữ.",
                "Connector key '{0}' is not valid: lower-case letters without marks, digits and hyphens, starting with a letter.", connector.Key));
        }
        if (string.IsNullOrWhiteSpace(connector.Name) || connector.Name.Length > MaxNameLength)
        {
            problems.Add(Text.Pick("Tên kết nối là bắt buộc, tối đa {0} ký tự.", "The connector's name is required, at most {0} characters.", MaxNameLength));
        }
        if (connector.Description?.Length > MaxDescriptionLength)
        {
            problems.Add(Text.Pick("Mô tả tối đa {0} ký tự.", "The description is at most {0} characters.", MaxDescriptionLength));
        }
        if (SyncSchedule.FromCron(connector.Schedule) is not { } schedule)
        {
            problems.Add(Text.Pick("Lịch đồng bộ không hợp lệ: hãy chọn chạy theo giờ, hằng ngày, hằng tuần hoặc hằng tháng.",
                "The schedule is not valid: choose hourly, daily, weekly or monthly."));
        }
        else if (schedule.Problem() is { } problem)
        {
            problems.Add(problem);
        }
        problems.AddRange(connector.Request?.Problems(Text.Pick("Văn bản đề nghị", "The request document"), today) ?? []);
        problems.AddRange(connector.Agreement?.Problems(Text.Pick("Văn bản thống nhất", "The agreement document"), today) ?? []);
        return problems;
    }

    /// <summary>Why the connector may not be switched on, or null: it needs both documents it rests on.</summary>
    public static string? ActivationProblem(Connector connector) => (connector.Request, connector.Agreement) switch
    {
        (null, null) => Text.Pick(
            "Chưa kích hoạt được: cần văn bản đề nghị của cơ quan khai thác và văn bản thống nhất của cơ quan cung cấp (số, ngày, cơ quan ban hành).",
            "Cannot activate yet: it needs the consuming agency's request and the providing agency's agreement (number, date, issuer)."),
        (null, _) => Text.Pick("Chưa kích hoạt được: còn thiếu văn bản đề nghị của cơ quan khai thác.",
            "Cannot activate yet: the consuming agency's request document is missing."),
        (_, null) => Text.Pick("Chưa kích hoạt được: còn thiếu văn bản thống nhất của cơ quan cung cấp.",
            "Cannot activate yet: the providing agency's agreement document is missing."),
        _ => null,
    };
}
