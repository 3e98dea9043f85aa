using Workbench.Core.Common;

namespace Workbench.Core.Access;

/// <summary>A user account as the administration rules see it.</summary>
/// <param name="Id">The account's id.</param>
/// <param name="UserName">For messages.</param>
/// <param name="AgencyId">The agency the account belongs to.</param>
/// <param name="Role">One of <see cref="Roles"/>.</param>
/// <param name="IsDisabled">Disabled accounts cannot sign in.</param>
public sealed record ManagedUser(string Id, string UserName, int AgencyId, string Role, bool IsDisabled)
{
    public bool IsActiveSystemAdmin => Role == Roles.SystemAdmin && !IsDisabled;
}

/// <summary>
/// The one place that says who may manage which user accounts (Người dùng): a system administrator every account
/// and any role; an agency administrator the accounts of their own agency, never a system administrator's, and only
/// the roles up to their own. No one disables their own account, an agency administrator does not change their own
/// role, and the last active system administrator is never disabled or demoted, so the platform always keeps one.
/// </summary>
public static class UserAdministration
{
    /// <summary>Whether the caller may open the user list at all.</summary>
    public static bool CanManageAny(Caller caller) => caller.Role is Roles.SystemAdmin or Roles.AgencyAdmin;

    /// <summary>Whether the caller may manage the accounts of <paramref name="agencyId"/>.</summary>
    public static bool CanManage(Caller caller, int agencyId) =>
        caller.IsSystemAdmin || (caller.Role == Roles.AgencyAdmin && caller.AgencyId == agencyId);

    /// <summary>Whether the caller may move accounts between agencies: system administrators only.</summary>
    public static bool CanMoveBetweenAgencies(Caller caller) => caller.IsSystemAdmin;

    /// <summary>The roles the caller may give: never above their own.</summary>
    public static IReadOnlyList<string> AssignableRoles(Caller caller) => caller.Role switch
    {
        Roles.SystemAdmin => Roles.All,
        Roles.AgencyAdmin => [Roles.AgencyAdmin, Roles.Analyst, Roles.Viewer],
        _ => [],
    };

    /// <summary>Why the caller may not create an account of <paramref name="agencyId"/> with <paramref name="role"/>, or null.</summary>
    public static Error? CreateRefusal(Caller caller, int agencyId, string role) =>
        AgencyRefusal(caller, agencyId) ?? RoleRefusal(caller, role);

    /// <summary>
    /// Why the caller may not manage <paramref name="user"/> at all (reset the password, enable, unlock), or null:
    /// the account must be in the caller's reach, and a system administrator's account is a system administrator's business.
    /// </summary>
    public static Error? ManageRefusal(Caller caller, ManagedUser user)
    {
        if (AgencyRefusal(caller, user.AgencyId) is { } refusal)
        {
            return refusal;
        }
        if (user.Role == Roles.SystemAdmin && !caller.IsSystemAdmin)
        {
            return new(ErrorKind.Forbidden, "user.system-admin-account", Text.Pick(
                "Tài khoản «{0}» là quản trị hệ thống; chỉ quản trị hệ thống được thay đổi tài khoản này.",
                "'{0}' is a system administrator; only a system administrator may change this account.", user.UserName));
        }
        return null;
    }

    /// <summary>Why the caller may not reset <paramref name="user"/>'s password, or null. One's own password is changed, not reset.</summary>
    public static Error? ResetPasswordRefusal(Caller caller, ManagedUser user)
    {
        if (ManageRefusal(caller, user) is { } refusal)
        {
            return refusal;
        }
        return IsSelf(caller, user)
            ? new(ErrorKind.Conflict, "user.self-reset", Text.Pick(
                "Bạn không tự cấp lại mật khẩu cho mình; hãy dùng «Đổi mật khẩu» ở góc trên bên phải.",
                "You do not reset your own password; use 'Change password' at the top right."))
            : null;
    }

    /// <summary>
    /// Why the caller may not disable <paramref name="user"/>, or null. <paramref name="activeSystemAdmins"/> counts the
    /// active system administrators now, the user included if they are one.
    /// </summary>
    public static Error? DisableRefusal(Caller caller, ManagedUser user, int activeSystemAdmins)
    {
        if (ManageRefusal(caller, user) is { } refusal)
        {
            return refusal;
        }
        if (IsSelf(caller, user))
        {
            return new(ErrorKind.Conflict, "user.self-disable", Text.Pick(
                "Bạn không thể tự vô hiệu hóa tài khoản của mình; hãy nhờ một quản trị khác.",
                "You cannot disable your own account; ask another administrator."));
        }
        return LastSystemAdminRefusal(user, activeSystemAdmins);
    }

    /// <summary>Why the caller may not give <paramref name="user"/> the role <paramref name="newRole"/>, or null.</summary>
    public static Error? RoleChangeRefusal(Caller caller, ManagedUser user, string newRole, int activeSystemAdmins)
    {
        if ((ManageRefusal(caller, user) ?? RoleRefusal(caller, newRole)) is { } refusal)
        {
            return refusal;
        }
        if (IsSelf(caller, user) && !caller.IsSystemAdmin)
        {
            return new(ErrorKind.Conflict, "user.self-role", Text.Pick(
                "Bạn không thể tự đổi vai trò của mình; hãy nhờ quản trị hệ thống.",
                "You cannot change your own role; ask a system administrator."));
        }
        return newRole == Roles.SystemAdmin ? null : LastSystemAdminRefusal(user, activeSystemAdmins);
    }

    /// <summary>Why the caller may not move <paramref name="user"/> to <paramref name="newAgencyId"/>, or null.</summary>
    public static Error? MoveRefusal(Caller caller, ManagedUser user, int newAgencyId)
    {
        if (!CanMoveBetweenAgencies(caller))
        {
            return new(ErrorKind.Forbidden, "user.move-not-allowed", Text.Pick(
                "Chỉ quản trị hệ thống được chuyển người dùng sang cơ quan khác.",
                "Only a system administrator may move a user to another agency."));
        }
        return user.AgencyId == newAgencyId
            ? new(ErrorKind.Conflict, "user.same-agency", Text.Pick(
                "Người dùng «{0}» đã thuộc cơ quan này.", "'{0}' already belongs to this agency.", user.UserName))
            : null;
    }

    private static bool IsSelf(Caller caller, ManagedUser user) => caller.UserId is not null && caller.UserId == user.Id;

    private static Error? AgencyRefusal(Caller caller, int agencyId)
    {
        if (!CanManageAny(caller))
        {
            return new(ErrorKind.Forbidden, "user.no-manage-right", Text.Pick(
                "Chỉ quản trị cơ quan (cho cơ quan của mình) và quản trị hệ thống được quản lý người dùng.",
                "Only agency administrators (for their own agency) and system administrators may manage users."));
        }
        return CanManage(caller, agencyId)
            ? null
            : new(ErrorKind.Forbidden, "user.other-agency", Text.Pick(
                "Người dùng này thuộc cơ quan khác; chỉ quản trị của cơ quan đó hoặc quản trị hệ thống được thay đổi.",
                "This user belongs to another agency; only that agency's administrators or a system administrator may change it."));
    }

    private static Error? RoleRefusal(Caller caller, string role)
    {
        if (!Roles.All.Contains(role))
        {
            return new(ErrorKind.Invalid, "user.unknown-role", Text.Pick(
                "Vai trò «{0}» không tồn tại; hãy chọn một trong: {1}.", "Role '{0}' does not exist; choose one of: {1}.",
                role, string.Join(", ", Roles.All)));
        }
        return AssignableRoles(caller).Contains(role)
            ? null
            : new(ErrorKind.Forbidden, "user.role-too-high", Text.Pick(
                "Bạn không thể giao vai trò «{0}»: quản trị cơ quan chỉ giao được các vai trò đến quản trị cơ quan. Hãy nhờ quản trị hệ thống.",
                "You cannot give the role '{0}': agency administrators give roles up to agency administrator. Ask a system administrator.", role));
    }

    private static Error? LastSystemAdminRefusal(ManagedUser user, int activeSystemAdmins) =>
        user.IsActiveSystemAdmin && activeSystemAdmins <= 1
            ? new(ErrorKind.Conflict, "user.last-system-admin", Text.Pick(
                "«{0}» là quản trị hệ thống duy nhất còn hoạt động; hãy giao vai trò quản trị hệ thống cho người khác trước.",
                "'{0}' is the last active system administrator; make someone else a system administrator first.", user.UserName))
            : null;
}
