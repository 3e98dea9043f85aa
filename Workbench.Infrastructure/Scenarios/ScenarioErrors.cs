using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Scenarios;

namespace Workbench.Infrastructure.Scenarios;

/// <summary>The scenario errors users see, each saying what to do next.</summary>
public static class ScenarioErrors
{
    public static Error NotFound(string key) => new(ErrorKind.NotFound, "scenario.not-found",
        Text.Pick("Không có kịch bản «{0}». Có thể kịch bản đã bị xóa.", "There is no scenario '{0}'. It may have been deleted.", key));

    public static Error NoCreateRight() => new(ErrorKind.Forbidden, "scenario.no-create-right",
        Text.Pick("Chỉ chuyên viên và quản trị mới tạo được kịch bản phân tích. Hãy mở các kịch bản được chia sẻ với bạn.",
            "Only analysts and administrators create scenarios. Open the scenarios shared with you instead."));

    // Names the key the caller already has, never the name: a scenario not shared with them tells them nothing new.
    public static Error NoOpenRight(Scenario scenario) => new(ErrorKind.Forbidden, "scenario.no-open-right",
        Text.Pick("Kịch bản mã «{0}» chưa được chia sẻ với bạn. Hãy đề nghị người tạo hoặc quản trị cơ quan sở hữu chia sẻ cho bạn.",
            "Scenario '{0}' has not been shared with you. Ask its owner or the owning agency's administrator to share it.", scenario.Key));

    public static Error NoEditRight(Scenario scenario) => new(ErrorKind.Forbidden, "scenario.no-edit-right",
        Text.Pick("Chỉ người tạo kịch bản «{0}» hoặc quản trị của cơ quan mới sửa được kịch bản này.",
            "Only the owner of scenario '{0}' or an administrator of its agency may change it.", scenario.Name));

    public static Error NoPublishRight(Scenario scenario) => new(ErrorKind.Forbidden, "scenario.no-publish-right",
        Text.Pick("Chỉ quản trị của cơ quan sở hữu kịch bản «{0}» mới chia sẻ hoặc ngừng chia sẻ được. Hãy đề nghị quản trị cơ quan.",
            "Only administrators of the agency that owns scenario '{0}' share or unshare it. Ask your agency administrator.", scenario.Name));

    public static Error NoAudience() => new(ErrorKind.Invalid, "scenario.no-audience",
        Text.Pick("Hãy chọn ít nhất một đối tượng được chia sẻ: cả cơ quan, một vai trò, hoặc người dùng cụ thể.",
            "Choose at least one audience: the whole agency, a role, or named users."));

    /// <summary>Names the line that is wrong: a role that does not exist, or a user who does not exist or is disabled.</summary>
    public static Error BadAudience(AudienceChoice choice) => choice switch
    {
        { Kind: AudienceKind.Role } => new(ErrorKind.Invalid, "scenario.bad-audience",
            Text.Pick("Không có vai trò «{0}» để chia sẻ; hãy chọn lại vai trò trong danh sách.",
                "There is no role '{0}' to share with; choose the role from the list again.", choice.Role)),
        { Kind: AudienceKind.User } => new(ErrorKind.Invalid, "scenario.bad-audience",
            Text.Pick("Người dùng (mã {0}) không tồn tại hoặc đã bị khóa nên không chia sẻ được; hãy bỏ dòng này hoặc chọn người khác.",
                "The user (id {0}) does not exist or is disabled, so cannot be shared with; remove the line or choose someone else.", choice.UserId)),
        _ => new(ErrorKind.Invalid, "scenario.bad-audience",
            Text.Pick("Một đối tượng chia sẻ không hợp lệ.", "An audience line is not valid.")),
    };

    public static Error NoSuchVersion(Scenario scenario, int number) => new(ErrorKind.NotFound, "scenario.no-such-version",
        Text.Pick("Kịch bản «{0}» không có phiên bản {1}.", "Scenario '{0}' has no version {1}.", scenario.Name, number));

    public static Error Stale(ScenarioVersion latest) => new(ErrorKind.Conflict, "scenario.stale",
        Text.Pick("{0} đã lưu phiên bản {1} lúc {2:HH:mm dd/MM/yyyy} trong khi bạn đang sửa. Hãy tải lại kịch bản rồi sửa tiếp.",
            "{0} saved version {1} at {2:HH:mm dd/MM/yyyy} while you were editing. Reload the scenario and make your change again.",
            latest.AuthorName, latest.Number, latest.CreatedAt.ToOffset(TimeSpan.FromHours(7))));

    public static Error BadName() => new(ErrorKind.Invalid, "scenario.bad-name",
        Text.Pick("Hãy đặt tên cho kịch bản (tối đa {0} ký tự).", "Give the scenario a name (at most {0} characters).", ScenarioService.MaxNameLength));

    public static Error DescriptionTooLong() => new(ErrorKind.Invalid, "scenario.description-too-long",
        Text.Pick("Mô tả dài tối đa {0} ký tự.", "The description may have at most {0} characters.", ScenarioService.MaxDescriptionLength));

    public static Error PipelineTooLarge() => new(ErrorKind.Invalid, "scenario.pipeline-too-large",
        Text.Pick("Quy trình quá lớn để lưu (tối đa {0} KB). Hãy tách thành nhiều kịch bản.",
            "The pipeline is too large to save (at most {0} KB). Split it into several scenarios.", ScenarioService.MaxPipelineChars / 1024));

    public static Error BadPipeline(IReadOnlyList<PipelineError> errors) => new(ErrorKind.Invalid, "scenario.bad-pipeline",
        Text.Pick("Quy trình không đúng định dạng nên chưa lưu được.", "The pipeline is not in the expected format, so it was not saved."),
        [.. errors.Select(e => e.Step is { } step ? Text.Pick("Bước {0}: {1}", "Step {0}: {1}", step + 1, e.Message) : e.Message)]);

    public static Error TooManyVisuals() => new(ErrorKind.Invalid, "scenario.too-many-visuals",
        Text.Pick("Một kịch bản có tối đa {0} biểu đồ.", "A scenario has at most {0} visuals.", ScenarioService.MaxVisuals));

    public static Error UndeclaredParameter(string name) => new(ErrorKind.Invalid, "scenario.undeclared-parameter",
        Text.Pick("Tham số «{0}» chưa được khai báo trong quy trình.", "Parameter '{0}' is not declared in the pipeline.", name));
}
