using Workbench.Core.Catalog;
using Workbench.Core.Common;

namespace Workbench.Core.Access;

/// <summary>
/// Who may ask for a dataset, decide a request and withdraw one, and what makes a request or a refusal well formed.
/// Deciding is granting, so it follows <see cref="DatasetAccess.CanGrant"/>.
/// </summary>
public static class AccessRequestRules
{
    public const int MaxPurposeLength = GrantRules.MaxPurposeLength;
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// Why <paramref name="caller"/> may not ask for <paramref name="dataset"/>, or null when they may: a signed-in
    /// person (not an agency's API key) outside the owner agency, who cannot query it yet and has no request waiting.
    /// </summary>
    public static Error? RequestRefusal(Caller caller, Dataset dataset, CallerGrants grants, bool hasPendingRequest)
    {
        if (caller.UserId is null)
        {
            return new(ErrorKind.Forbidden, "access-request.no-user", Text.Pick(
                "Đề nghị cấp quyền do một người dùng gửi; khóa API của cơ quan không gửi được.",
                "Access requests are sent by a person; an agency's API key cannot send one."));
        }
        if (DatasetAccess.IsOwner(caller, dataset))
        {
            return new(ErrorKind.Conflict, "access-request.owner", Text.Pick(
                "Cơ quan của bạn sở hữu «{0}» nên bạn đã dùng được bộ dữ liệu này; không cần đề nghị.",
                "Your agency owns '{0}', so you can already use it; there is nothing to request.", dataset.Name));
        }
        if (DatasetAccess.CanQuery(caller, dataset, grants))
        {
            return new(ErrorKind.Conflict, "access-request.has-access", Text.Pick(
                "Bạn đã được cấp quyền khai thác «{0}»; mở thẻ «Dữ liệu» để xem.",
                "You already have access to '{0}'; open the 'Data' tab to see it.", dataset.Name));
        }
        if (hasPendingRequest)
        {
            return new(ErrorKind.Conflict, "access-request.pending", Text.Pick(
                "Bạn đã có một đề nghị khai thác «{0}» đang chờ duyệt; hãy chờ kết quả hoặc rút đề nghị đó để gửi lại.",
                "You already have a request for '{0}' waiting; wait for the decision or withdraw it to send a new one.", dataset.Name));
        }
        return null;
    }

    /// <summary>Whether the caller may ask for the dataset now (the button on the dataset page).</summary>
    public static bool CanRequest(Caller caller, Dataset dataset, CallerGrants grants, bool hasPendingRequest) =>
        RequestRefusal(caller, dataset, grants, hasPendingRequest) is null;

    /// <summary>Whether the caller may approve or refuse requests for the dataset: whoever may grant it.</summary>
    public static bool CanDecide(Caller caller, Dataset dataset) => DatasetAccess.CanGrant(caller, dataset);

    /// <summary>Whether the caller may withdraw the request: its requester, while it waits.</summary>
    public static bool CanWithdraw(Caller caller, AccessRequest request) =>
        request.IsPending && caller.UserId is not null && caller.UserId == request.RequesterUserId;

    /// <summary>The problems with a new request's purpose and rights; empty when it may be sent.</summary>
    public static IReadOnlyList<string> Check(string? purpose, GrantRights wantedRights)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(purpose))
        {
            problems.Add(Text.Pick("Hãy ghi mục đích khai thác dữ liệu, để cơ quan sở hữu có căn cứ xem xét.",
                "Say what you need the data for, so the owner agency can decide."));
        }
        else if (purpose.Trim().Length > MaxPurposeLength)
        {
            problems.Add(Text.Pick("Mục đích dài tối đa {0} ký tự.", "The purpose may have at most {0} characters.", MaxPurposeLength));
        }
        if (!wantedRights.HasFlag(GrantRights.Query) || (wantedRights & ~(GrantRights.Query | GrantRights.Download)) != 0)
        {
            problems.Add(Text.Pick("Quyền đề nghị gồm truy vấn, có thể kèm tải về.", "The rights requested are query, perhaps with download."));
        }
        return problems;
    }

    /// <summary>The problem with a refusal's reason, or null: the requester must learn why.</summary>
    public static string? CheckRefusal(string? reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? Text.Pick("Hãy ghi lý do từ chối để người đề nghị biết cần bổ sung gì.", "Give the reason for refusing, so the requester knows what to change.")
            : reason.Trim().Length > MaxReasonLength
                ? Text.Pick("Lý do dài tối đa {0} ký tự.", "The reason may have at most {0} characters.", MaxReasonLength)
                : null;

    /// <summary>Whether a grant made on approval goes where the request came from: the requester, or their whole agency.</summary>
    public static bool GrantFitsRequest(AccessRequest request, int? granteeAgencyId, string? granteeUserId) =>
        granteeUserId is not null
            ? granteeAgencyId is null && granteeUserId == request.RequesterUserId
            : granteeAgencyId == request.RequesterAgencyId;
}
