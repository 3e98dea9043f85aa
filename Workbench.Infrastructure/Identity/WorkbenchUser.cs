using Microsoft.AspNetCore.Identity;
using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Identity;

/// <summary>A local account. Every user belongs to exactly one agency and holds one of <see cref="Core.Access.Roles"/>.</summary>
public class WorkbenchUser : IdentityUser
{
    public string FullName { get; set; } = "";

    public int AgencyId { get; set; }

    public Agency? Agency { get; set; }

    /// <summary>Set for accounts an administrator created; the user picks a password at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>Disabled accounts cannot sign in; they are kept so the audit log still names them.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
