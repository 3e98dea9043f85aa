using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Administration;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Administration;

/// <summary>An agency as the agency list shows it, with what belongs to it.</summary>
/// <param name="ApiKeys">Keys not revoked.</param>
/// <param name="MergedIntoName">The agency it was merged into, in the current UI language.</param>
public sealed record AgencySummary(
    int Id,
    string Code,
    string Name,
    string? NameEn,
    bool IsActive,
    int? MergedIntoId,
    string? MergedIntoName,
    int Users,
    int Datasets,
    int Scenarios,
    int ApiKeys,
    DateTimeOffset CreatedAt)
{
    /// <summary>The name in the current UI language.</summary>
    public string DisplayName => (Text.IsEnglish ? NameEn : null) ?? Name;
}

/// <summary>What a merge moves from one agency to another, and the grants it ends because they would grant an agency its own data.</summary>
public sealed record AgencyMergeCounts(
    int Users,
    int Datasets,
    int Scenarios,
    int ApiKeys,
    int GrantsMoved,
    int GrantsRevoked,
    int AccessRequests,
    int Audiences);

/// <summary>A merge about to happen: both agencies and what it will move, for the confirmation.</summary>
public sealed record AgencyMergePreview(AgencySummary Source, AgencySummary Target, AgencyMergeCounts Counts);

/// <summary>
/// Agency administration (system administrators only): the list with counts, create, rename, deactivate, reactivate
/// and merge. Each change and its audit entry (with before and after) are saved in one transaction.
/// </summary>
/// <remarks>
/// Deactivating keeps the agency's data: its datasets stay readable through existing grants. What stops is its people
/// and systems: sign-in (the sign-in paths and open sessions ask <see cref="Identity.SessionCheck"/>), API keys (<c>ApiKeyService.FindActiveAsync</c>),
/// and being offered as a grantee or publishing target.
/// </remarks>
public sealed class AgencyService(IDbContextFactory<WorkbenchDbContext> contexts, AuditLog audit, TimeProvider time)
{
    private static readonly StringComparer VietnameseNames = StringComparer.Create(new CultureInfo("vi-VN"), ignoreCase: true);

    /// <summary>Every agency, active first, by name.</summary>
    public async Task<Result<IReadOnlyList<AgencySummary>>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!AgencyRules.CanManage(caller))
        {
            return AgencyErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var summaries = await SummariesAsync(db, db.Agencies, cancellationToken);
        return summaries
            .OrderBy(a => a.IsActive ? 0 : 1)
            .ThenBy(a => a.DisplayName, VietnameseNames)
            .ToList();
    }

    public async Task<Result<Agency>> CreateAsync(Caller caller, string code, string name, string? nameEn, CancellationToken cancellationToken)
    {
        if (!AgencyRules.CanManage(caller))
        {
            return AgencyErrors.NoRight();
        }
        code = AgencyRules.NormalizeCode(code);
        if (!AgencyRules.IsValidCode(code))
        {
            return AgencyErrors.BadCode(code);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await CheckNamesAsync(db, null, name, nameEn, cancellationToken);
        if (names.Error is { } nameError)
        {
            return nameError;
        }
        if (await db.Agencies.AnyAsync(a => a.Code == code, cancellationToken))
        {
            return AgencyErrors.CodeTaken(code);
        }

        var agency = new Agency { Code = code, Name = names.Value.Name, NameEn = names.Value.NameEn, CreatedAt = time.GetUtcNow() };
        db.Agencies.Add(agency);
        db.AuditEntries.Add(audit.Entry(caller, AuditActions.AgencyCreated, code, new { after = Describe(agency) }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two administrators creating the same code at once: the unique index lets one win.
            if (await CodeExistsAsync(code, cancellationToken))
            {
                return AgencyErrors.CodeTaken(code);
            }
            throw;
        }
        return agency;
    }

    /// <summary>Changes the Vietnamese and English names; the code stays, as the API and other systems use it.</summary>
    public async Task<Result<Agency>> RenameAsync(Caller caller, int id, string name, string? nameEn, CancellationToken cancellationToken)
    {
        if (!AgencyRules.CanManage(caller))
        {
            return AgencyErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agency is null)
        {
            return AgencyErrors.NotFound(id);
        }
        var names = await CheckNamesAsync(db, id, name, nameEn, cancellationToken);
        if (names.Error is { } nameError)
        {
            return nameError;
        }
        if (agency.Name == names.Value.Name && agency.NameEn == names.Value.NameEn)
        {
            return agency;
        }
        var before = Describe(agency);
        agency.Name = names.Value.Name;
        agency.NameEn = names.Value.NameEn;
        db.AuditEntries.Add(audit.Entry(caller, AuditActions.AgencyRenamed, agency.Code, new { before, after = Describe(agency) }));
        await db.SaveChangesAsync(cancellationToken);
        return agency;
    }

    /// <summary>
    /// Stops the agency's users from signing in (their open sessions end at the next security check) and its API keys
    /// from working, and stops offering it as a grantee. Its datasets, and the grants on them, stay.
    /// </summary>
    public async Task<Result<Agency>> DeactivateAsync(Caller caller, int id, CancellationToken cancellationToken)
    {
        if (!AgencyRules.CanManage(caller))
        {
            return AgencyErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agency is null)
        {
            return AgencyErrors.NotFound(id);
        }
        if (!agency.IsActive)
        {
            return agency;
        }
        var admins = ActiveSystemAdmins(db);
        if (await admins.AnyAsync(u => u.AgencyId == id, cancellationToken) && !await admins.AnyAsync(u => u.AgencyId != id, cancellationToken))
        {
            return AgencyErrors.LastSystemAdmins(agency.Name);
        }

        var before = Describe(agency);
        agency.IsActive = false;
        var users = await db.Users.Where(u => u.AgencyId == id).ToListAsync(cancellationToken);
        RenewSessions(users);
        db.AuditEntries.Add(audit.Entry(caller, AuditActions.AgencyDeactivated, agency.Code,
            new { before, after = Describe(agency), users = users.Count }));
        await db.SaveChangesAsync(cancellationToken);
        return agency;
    }

    /// <summary>Lets the agency's users sign in and its keys work again. A merged agency stays closed: its things now belong to another.</summary>
    public async Task<Result<Agency>> ReactivateAsync(Caller caller, int id, CancellationToken cancellationToken)
    {
        if (!AgencyRules.CanManage(caller))
        {
            return AgencyErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agency is null)
        {
            return AgencyErrors.NotFound(id);
        }
        if (agency.MergedIntoId is { } mergedInto)
        {
            var target = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == mergedInto, cancellationToken);
            return AgencyErrors.MergedCannotReactivate(agency.Name, target.Name);
        }
        if (agency.IsActive)
        {
            return agency;
        }
        var before = Describe(agency);
        agency.IsActive = true;
        db.AuditEntries.Add(audit.Entry(caller, AuditActions.AgencyReactivated, agency.Code, new { before, after = Describe(agency) }));
        await db.SaveChangesAsync(cancellationToken);
        return agency;
    }

    /// <summary>What merging <paramref name="sourceId"/> into <paramref name="targetId"/> would move, or why it cannot be done.</summary>
    public async Task<Result<AgencyMergePreview>> PreviewMergeAsync(Caller caller, int sourceId, int targetId, CancellationToken cancellationToken)
    {
        if (!AgencyRules.CanManage(caller))
        {
            return AgencyErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pair = await MergePairAsync(db, sourceId, targetId, cancellationToken);
        if (pair.Error is { } error)
        {
            return error;
        }
        var summaries = await SummariesAsync(db, db.Agencies.Where(a => a.Id == sourceId || a.Id == targetId), cancellationToken);
        return new AgencyMergePreview(
            summaries.Single(s => s.Id == sourceId), summaries.Single(s => s.Id == targetId), await MergeCountsAsync(db, sourceId, targetId, cancellationToken));
    }

    /// <summary>
    /// Merges <paramref name="sourceId"/> into <paramref name="targetId"/>, all or nothing: its users, datasets (derived
    /// ones included), scenarios and their audiences, API keys, received grants and access requests move to the target;
    /// a grant that would let the target grant to itself is revoked. The source is deactivated and remembers the target.
    /// The moved users' sessions are renewed, as their agency is in their sign-in cookie.
    /// </summary>
    public async Task<Result<AgencyMergeCounts>> MergeAsync(Caller caller, int sourceId, int targetId, CancellationToken cancellationToken)
    {
        if (!AgencyRules.CanManage(caller))
        {
            return AgencyErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pair = await MergePairAsync(db, sourceId, targetId, cancellationToken);
        if (pair.Error is { } error)
        {
            return error;
        }
        var (source, target) = pair.Value;
        var before = new { source = Describe(source), target = Describe(target) };

        // Revoked first, while each grant still names the agency it was made for.
        var now = time.GetUtcNow();
        var reason = Text.Pick("Hợp nhất cơ quan «{0}» vào «{1}»", "Agency '{0}' merged into '{1}'", source.Name, target.Name);
        var selfGrants = await SelfGrants(db, sourceId, targetId).ToListAsync(cancellationToken);
        foreach (var grant in selfGrants)
        {
            grant.RevokedAt = now;
            grant.RevokedByName = caller.DisplayName;
            grant.RevokeReason = reason;
        }
        await db.SaveChangesAsync(cancellationToken);

        var users = await db.Users.Where(u => u.AgencyId == sourceId).ToListAsync(cancellationToken);
        foreach (var user in users)
        {
            user.AgencyId = targetId;
        }
        RenewSessions(users);
        // Connectors feed datasets of their providing agency; they move with the datasets.
        await db.Connectors.Where(c => c.ProvidingAgencyId == sourceId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ProvidingAgencyId, targetId), cancellationToken);
        var counts = new AgencyMergeCounts(
            Users: users.Count,
            Datasets: await db.Datasets.Where(d => d.OwnerAgencyId == sourceId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.OwnerAgencyId, targetId), cancellationToken),
            Scenarios: await db.Scenarios.Where(s => s.OwnerAgencyId == sourceId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.OwnerAgencyId, targetId), cancellationToken),
            ApiKeys: await db.ApiKeys.Where(k => k.AgencyId == sourceId)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.AgencyId, targetId), cancellationToken),
            GrantsMoved: await db.DatasetGrants.Where(g => g.GranteeAgencyId == sourceId)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.GranteeAgencyId, targetId), cancellationToken),
            GrantsRevoked: selfGrants.Count,
            AccessRequests: await db.AccessRequests.Where(r => r.RequesterAgencyId == sourceId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RequesterAgencyId, targetId), cancellationToken),
            Audiences: await db.ScenarioAudiences.Where(a => a.AgencyId == sourceId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.AgencyId, targetId), cancellationToken));

        source.IsActive = false;
        source.MergedIntoId = targetId;
        db.AuditEntries.Add(audit.Entry(caller, AuditActions.AgencyMerged, source.Code, new
        {
            before,
            after = new { source = Describe(source), target = Describe(target) },
            moved = counts,
            revokedGrants = selfGrants.Select(g => g.Id),
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    private static async Task<Result<(Agency Source, Agency Target)>> MergePairAsync(
        WorkbenchDbContext db, int sourceId, int targetId, CancellationToken cancellationToken)
    {
        if (sourceId == targetId)
        {
            return AgencyErrors.MergeIntoItself();
        }
        var agencies = await db.Agencies.Where(a => a.Id == sourceId || a.Id == targetId).ToListAsync(cancellationToken);
        var source = agencies.SingleOrDefault(a => a.Id == sourceId);
        var target = agencies.SingleOrDefault(a => a.Id == targetId);
        if (source is null || target is null)
        {
            return AgencyErrors.NotFound(source is null ? sourceId : targetId);
        }
        if (source.MergedIntoId is not null)
        {
            return AgencyErrors.AlreadyMerged(source.Name);
        }
        if (!target.IsActive)
        {
            return AgencyErrors.MergeIntoInactive(target.Name);
        }
        return (source, target);
    }

    private static async Task<AgencyMergeCounts> MergeCountsAsync(WorkbenchDbContext db, int sourceId, int targetId, CancellationToken cancellationToken) => new(
        Users: await db.Users.CountAsync(u => u.AgencyId == sourceId, cancellationToken),
        Datasets: await db.Datasets.CountAsync(d => d.OwnerAgencyId == sourceId, cancellationToken),
        Scenarios: await db.Scenarios.CountAsync(s => s.OwnerAgencyId == sourceId, cancellationToken),
        ApiKeys: await db.ApiKeys.CountAsync(k => k.AgencyId == sourceId, cancellationToken),
        GrantsMoved: await db.DatasetGrants.CountAsync(g => g.GranteeAgencyId == sourceId, cancellationToken),
        GrantsRevoked: await SelfGrants(db, sourceId, targetId).CountAsync(cancellationToken),
        AccessRequests: await db.AccessRequests.CountAsync(r => r.RequesterAgencyId == sourceId, cancellationToken),
        Audiences: await db.ScenarioAudiences.CountAsync(a => a.AgencyId == sourceId, cancellationToken));

    /// <summary>
    /// Grants not yet revoked that, once the two agencies are one, would have that agency grant its own data to itself
    /// or to one of its own users.
    /// </summary>
    private static IQueryable<DatasetGrant> SelfGrants(WorkbenchDbContext db, int sourceId, int targetId) =>
        db.DatasetGrants.Where(g => g.RevokedAt == null
            && (g.Dataset!.OwnerAgencyId == sourceId || g.Dataset.OwnerAgencyId == targetId)
            && ((g.GranteeUserId == null && (g.GranteeAgencyId == sourceId || g.GranteeAgencyId == targetId))
                || (g.GranteeUserId != null && db.Users.Any(u => u.Id == g.GranteeUserId && (u.AgencyId == sourceId || u.AgencyId == targetId)))));

    /// <summary>Users who are not disabled, hold the system administrator role and belong to an active agency.</summary>
    private static IQueryable<WorkbenchUser> ActiveSystemAdmins(WorkbenchDbContext db)
    {
        var roleIds = db.Roles.Where(r => r.Name == Roles.SystemAdmin).Select(r => r.Id);
        return db.Users.Where(u => !u.IsDisabled
                                   && db.Agencies.Any(a => a.Id == u.AgencyId && a.IsActive)
                                   && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
    }

    /// <summary>
    /// A new security stamp ends the users' cookies at the next check, so a session picks up the new agency (or, for a
    /// deactivated one, ends) instead of carrying the old one in its claims.
    /// </summary>
    private static void RenewSessions(IEnumerable<WorkbenchUser> users)
    {
        foreach (var user in users)
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
    }

    private static async Task<List<AgencySummary>> SummariesAsync(WorkbenchDbContext db, IQueryable<Agency> agencies, CancellationToken cancellationToken)
    {
        var rows = await agencies.AsNoTracking()
            .Select(a => new
            {
                Agency = a,
                Users = db.Users.Count(u => u.AgencyId == a.Id),
                Datasets = db.Datasets.Count(d => d.OwnerAgencyId == a.Id),
                Scenarios = db.Scenarios.Count(s => s.OwnerAgencyId == a.Id),
                ApiKeys = db.ApiKeys.Count(k => k.AgencyId == a.Id && k.RevokedAt == null),
            })
            .ToListAsync(cancellationToken);
        var mergedIds = rows.Select(r => r.Agency.MergedIntoId).OfType<int>().Distinct().ToList();
        var english = Text.IsEnglish;
        var mergedNames = await db.Agencies.AsNoTracking().Where(a => mergedIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => (english ? a.NameEn : null) ?? a.Name, cancellationToken);
        return [.. rows.Select(r => new AgencySummary(
            r.Agency.Id, r.Agency.Code, r.Agency.Name, r.Agency.NameEn, r.Agency.IsActive, r.Agency.MergedIntoId,
            r.Agency.MergedIntoId is { } into ? mergedNames.GetValueOrDefault(into) : null,
            r.Users, r.Datasets, r.Scenarios, r.ApiKeys, r.Agency.CreatedAt))];
    }

    /// <summary>The names as stored, or why they cannot be: the Vietnamese name is required, and neither may be another agency's.</summary>
    private static async Task<Result<(string Name, string? NameEn)>> CheckNamesAsync(
        WorkbenchDbContext db, int? id, string? name, string? nameEn, CancellationToken cancellationToken)
    {
        var vietnamese = AgencyRules.NormalizeName(name);
        var english = AgencyRules.NormalizeName(nameEn);
        if (vietnamese is null || vietnamese.Length > AgencyRules.MaxNameLength)
        {
            return AgencyErrors.BadName();
        }
        if (english is { Length: > AgencyRules.MaxNameLength })
        {
            return AgencyErrors.BadName();
        }
        // Compared here, not by the database: case and Vietnamese marks compare alike in every provider this way.
        var others = await db.Agencies.AsNoTracking().Where(a => a.Id != id).Select(a => new { a.Name, a.NameEn }).ToListAsync(cancellationToken);
        if (others.Any(a => VietnameseNames.Equals(a.Name, vietnamese)))
        {
            return AgencyErrors.NameTaken(vietnamese);
        }
        if (english is not null && others.Any(a => a.NameEn is not null && VietnameseNames.Equals(a.NameEn, english)))
        {
            return AgencyErrors.NameTaken(english);
        }
        return (vietnamese, english);
    }

    private async Task<bool> CodeExistsAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Agencies.AnyAsync(a => a.Code == code, cancellationToken);
    }

    private static object Describe(Agency agency) => new { agency.Id, agency.Code, agency.Name, agency.NameEn, agency.IsActive, agency.MergedIntoId };
}

/// <summary>The expected failures of <see cref="AgencyService"/>, in the current UI language.</summary>
public static class AgencyErrors
{
    public static Error NoRight() => new(ErrorKind.Forbidden, "agency.no-right",
        Text.Pick("Chỉ quản trị hệ thống được tạo, đổi tên, ngừng hoạt động và hợp nhất cơ quan.",
            "Only system administrators may create, rename, deactivate and merge agencies."));

    public static Error NotFound(int id) => new(ErrorKind.NotFound, "agency.not-found",
        Text.Pick("Không tìm thấy cơ quan (mã {0}).", "Agency {0} was not found.", id));

    public static Error BadCode(string code) => new(ErrorKind.Invalid, "agency.bad-code",
        Text.Pick("Mã cơ quan «{0}» không hợp lệ: dùng 2–{1} chữ cái không dấu, chữ số và dấu gạch ngang, bắt đầu bằng chữ cái, ví dụ STTTT hoặc VPDDBQH-HDND.",
            "Agency code '{0}' is not valid: use 2–{1} letters without marks, digits and hyphens, starting with a letter, e.g. STTTT or VPDDBQH-HDND.",
            code, AgencyRules.MaxCodeLength));

    public static Error CodeTaken(string code) => new(ErrorKind.Conflict, "agency.code-taken",
        Text.Pick("Mã «{0}» đã là mã của một cơ quan khác. Hãy chọn mã khác.", "Code '{0}' already belongs to another agency. Choose another.", code));

    public static Error BadName() => new(ErrorKind.Invalid, "agency.bad-name",
        Text.Pick("Hãy nhập tên tiếng Việt của cơ quan (tối đa {0} ký tự); tên tiếng Anh có thể để trống.",
            "Enter the agency's Vietnamese name (at most {0} characters); the English name may be left empty.", AgencyRules.MaxNameLength));

    public static Error NameTaken(string name) => new(ErrorKind.Conflict, "agency.name-taken",
        Text.Pick("Đã có cơ quan tên «{0}». Hãy đặt tên khác, hoặc hợp nhất hai cơ quan nếu là một.",
            "An agency named '{0}' already exists. Choose another name, or merge the two agencies if they are one.", name));

    public static Error LastSystemAdmins(string name) => new(ErrorKind.Conflict, "agency.last-system-admins",
        Text.Pick("Không thể ngừng hoạt động «{0}»: đây là cơ quan của mọi quản trị hệ thống đang hoạt động, nên sẽ không còn ai quản trị được nền tảng. Hãy giao vai trò quản trị hệ thống cho người dùng của một cơ quan khác trước.",
            "'{0}' cannot be deactivated: every active system administrator belongs to it, so nobody could administer the platform. Give the system administrator role to a user of another agency first.", name));

    public static Error MergeIntoItself() => new(ErrorKind.Invalid, "agency.merge-into-itself",
        Text.Pick("Không thể hợp nhất một cơ quan vào chính nó. Hãy chọn cơ quan nhận khác.", "An agency cannot be merged into itself. Choose another target agency."));

    public static Error MergeIntoInactive(string name) => new(ErrorKind.Invalid, "agency.merge-into-inactive",
        Text.Pick("«{0}» đã ngừng hoạt động nên không thể nhận cơ quan khác. Hãy kích hoạt lại hoặc chọn cơ quan nhận khác.",
            "'{0}' is deactivated and cannot take in another agency. Reactivate it or choose another target agency.", name));

    public static Error AlreadyMerged(string name) => new(ErrorKind.Conflict, "agency.already-merged",
        Text.Pick("«{0}» đã được hợp nhất vào cơ quan khác; không còn gì để chuyển.", "'{0}' has already been merged into another agency; nothing is left to move.", name));

    public static Error MergedCannotReactivate(string name, string target) => new(ErrorKind.Conflict, "agency.merged-cannot-reactivate",
        Text.Pick("«{0}» đã được hợp nhất vào «{1}»: người dùng và dữ liệu của cơ quan nay thuộc «{1}», nên không kích hoạt lại được.",
            "'{0}' was merged into '{1}': its users and data now belong to '{1}', so it cannot be reactivated.", name, target));
}
