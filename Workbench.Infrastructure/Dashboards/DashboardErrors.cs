using Workbench.Core.Common;
using Workbench.Core.Dashboards;
using Workbench.Infrastructure.Scenarios;

namespace Workbench.Infrastructure.Dashboards;

/// <summary>The dashboard errors users see, each saying what to do next.</summary>
public static class DashboardErrors
{
    public static Error NotFound(string key) => new(ErrorKind.NotFound, "dashboard.not-found",
        Text.Pick("Không có bảng điều khiển «{0}». Có thể bảng đã bị xóa.", "There is no dashboard '{0}'. It may have been deleted.", key));

    public static Error NoCreateRight() => new(ErrorKind.Forbidden, "dashboard.no-create-right",
        Text.Pick("Chỉ chuyên viên và quản trị mới tạo được bảng điều khiển. Hãy mở các bảng được chia sẻ với bạn.",
            "Only analysts and administrators create dashboards. Open the dashboards shared with you instead."));

    // Names the key the caller already has, never the name: a dashboard not shared with them tells them nothing new.
    public static Error NoViewRight(Dashboard dashboard) => new(ErrorKind.Forbidden, "dashboard.no-view-right",
        Text.Pick("Bảng điều khiển mã «{0}» chưa được chia sẻ với bạn. Hãy đề nghị người tạo hoặc quản trị cơ quan sở hữu chia sẻ cho bạn.",
            "Dashboard '{0}' has not been shared with you. Ask its owner or the owning agency's administrator to share it.", dashboard.Key));

    public static Error NoEditRight(Dashboard dashboard) => new(ErrorKind.Forbidden, "dashboard.no-edit-right",
        Text.Pick("Chỉ người tạo bảng điều khiển «{0}» hoặc quản trị của cơ quan mới sửa được bảng này.",
            "Only the owner of dashboard '{0}' or an administrator of its agency may change it.", dashboard.Name));

    public static Error NoPublishRight(Dashboard dashboard) => new(ErrorKind.Forbidden, "dashboard.no-publish-right",
        Text.Pick("Chỉ quản trị của cơ quan sở hữu bảng điều khiển «{0}» mới chia sẻ hoặc ngừng chia sẻ được. Hãy đề nghị quản trị cơ quan.",
            "Only administrators of the agency that owns dashboard '{0}' share or unshare it. Ask your agency administrator.", dashboard.Name));

    public static Error NoAudience() => new(ErrorKind.Invalid, "dashboard.no-audience",
        Text.Pick("Hãy chọn ít nhất một đối tượng được chia sẻ: cả cơ quan, một vai trò, hoặc người dùng cụ thể.",
            "Choose at least one audience: the whole agency, a role, or named users."));

    public static Error BadAudience(AudienceChoice choice) => ScenarioErrors.BadAudience(choice) with { Code = "dashboard.bad-audience" };

    public static Error NoSuchVersion(Dashboard dashboard, int number) => new(ErrorKind.NotFound, "dashboard.no-such-version",
        Text.Pick("Bảng điều khiển «{0}» không có phiên bản {1}.", "Dashboard '{0}' has no version {1}.", dashboard.Name, number));

    public static Error Stale(DashboardVersion latest) => new(ErrorKind.Conflict, "dashboard.stale",
        Text.Pick("{0} đã lưu phiên bản {1} lúc {2:HH:mm dd/MM/yyyy} trong khi bạn đang sửa. Hãy tải lại bảng điều khiển rồi sửa tiếp.",
            "{0} saved version {1} at {2:HH:mm dd/MM/yyyy} while you were editing. Reload the dashboard and make your change again.",
            latest.AuthorName, latest.Number, latest.CreatedAt.ToOffset(TimeSpan.FromHours(7))));

    public static Error BadName() => new(ErrorKind.Invalid, "dashboard.bad-name",
        Text.Pick("Hãy đặt tên cho bảng điều khiển (tối đa {0} ký tự).", "Give the dashboard a name (at most {0} characters).", DashboardService.MaxNameLength));

    public static Error DescriptionTooLong() => new(ErrorKind.Invalid, "dashboard.description-too-long",
        Text.Pick("Mô tả dài tối đa {0} ký tự.", "The description may have at most {0} characters.", DashboardService.MaxDescriptionLength));

    /// <summary>Every problem of the document at once, the first as the message.</summary>
    public static Error BadDocument(IReadOnlyList<DocumentProblem> problems) => new(ErrorKind.Invalid, "dashboard.invalid",
        Text.Pick("Bảng điều khiển chưa lưu được: {0}", "The dashboard was not saved: {0}", problems[0].Message),
        [.. problems.Select(p => p.Message)]);

    public static Error NoSuchSnapshot(Dashboard dashboard, int id) => new(ErrorKind.NotFound, "dashboard.no-such-snapshot",
        Text.Pick("Bảng điều khiển «{0}» không có ảnh chụp số liệu mã {1}.", "Dashboard '{0}' has no snapshot {1}.", dashboard.Name, id));

    public static Error BadPeriod() => new(ErrorKind.Invalid, "dashboard.bad-period",
        Text.Pick("Hãy đặt tên kỳ báo cáo cho ảnh chụp số liệu, ví dụ «Quý III/2026» (tối đa {0} ký tự).",
            "Name the reporting period of the snapshot, e.g. 'Quý III/2026' (at most {0} characters).", DashboardSnapshots.MaxPeriodLength));

    public static Error PeriodTaken(string period) => new(ErrorKind.Conflict, "dashboard.period-taken",
        Text.Pick("Đã có ảnh chụp số liệu cho kỳ «{0}». Hãy xóa ảnh cũ hoặc đặt tên kỳ khác.",
            "There is already a snapshot for the period '{0}'. Delete it or name another period.", period));

    public static Error NoSuchTile(Dashboard dashboard, string tileId) => new(ErrorKind.NotFound, "dashboard.no-such-tile",
        Text.Pick("Bảng điều khiển «{0}» không có ô mã «{1}». Hãy tải lại bảng điều khiển: có thể ô đã bị xóa.",
            "Dashboard '{0}' has no tile '{1}'. Reload the dashboard: the tile may have been removed.", dashboard.Name, tileId));

    public static Error TextTile(DashboardTile tile) => new(ErrorKind.Invalid, "dashboard.text-tile",
        Text.Pick("Ô «{0}» là đoạn văn bản, không có dữ liệu để tải. Hãy tải một ô biểu đồ, chỉ số hoặc bảng.",
            "Tile '{0}' is text and has no data to download. Download a chart, KPI or table tile.", tile.Title));
}
