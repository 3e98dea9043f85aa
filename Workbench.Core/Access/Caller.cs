namespace Workbench.Core.Access;

/// <summary>
/// Who is asking: a signed-in user or an API key acting for an agency or a user.
/// Every data access is decided from this one value (see <see cref="DatasetAccess"/>).
/// </summary>
/// <param name="UserId">The user, or null for an agency system's API key.</param>
/// <param name="DisplayName">For the audit log.</param>
/// <param name="AgencyId">The caller's agency.</param>
/// <param name="Role">One of <see cref="Roles"/>.</param>
public sealed record Caller(string? UserId, string DisplayName, int AgencyId, string Role)
{
    public bool IsSystemAdmin => Role == Roles.SystemAdmin;
}
