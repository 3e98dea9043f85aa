using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Access;

/// <summary>A grant to make: the dataset, exactly one grantee (agency or user), rights, limits and legal basis.</summary>
public sealed record NewGrant(
    string DatasetKey,
    int? GranteeAgencyId,
    string? GranteeUserId,
    GrantRights Rights,
    string? RowFilter,
    IReadOnlyList<ColumnMask> MaskedColumns,
    DateOnly? ExpiresOn,
    string LegalBasisNumber,
    DateOnly LegalBasisDate,
    string LegalBasisIssuer,
    string? Purpose = null);

/// <summary>A user who can receive a grant, as a picker shows them.</summary>
public sealed record GranteeUser(string Id, string FullName, string UserName, string AgencyName);

/// <summary>
/// Grants: made and revoked by the owning agency's administrators (<see cref="DatasetAccess.CanGrant"/>), read fresh by
/// every query (<see cref="ForCallerAsync"/>) so a revocation or an expiry takes effect at the next one, whatever asks:
/// an open designer, a dashboard, an API key. Grants are never deleted; a revoked one stays on the record.
/// </summary>
public sealed class GrantService(IDbContextFactory<WorkbenchDbContext> contexts, AuditLog audit, TimeProvider time)
{
    /// <summary>The province's date today: a grant expiring on a day works until that day ends in Vietnam.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);

    /// <summary>The caller's working grants (their agency's and their own), for <see cref="AccessContext.For"/>.</summary>
    public async Task<CallerGrants> ForCallerAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var grants = await db.DatasetGrants.AsNoTracking()
            .Where(g => g.RevokedAt == null
                        && ((g.GranteeUserId == null && g.GranteeAgencyId == caller.AgencyId)
                            || (caller.UserId != null && g.GranteeUserId == caller.UserId)))
            .ToListAsync(cancellationToken);
        return new CallerGrants(grants, Today);
    }

    /// <summary>Every grant of a dataset (active, expired and revoked), newest first, for its owner's administrators.</summary>
    public async Task<Result<IReadOnlyList<DatasetGrant>>> ForDatasetAsync(Caller caller, string datasetKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Key == datasetKey, cancellationToken);
        if (dataset is null)
        {
            return DatasetErrorsNotFound(datasetKey);
        }
        if (!DatasetAccess.CanGrant(caller, dataset))
        {
            return NoGrantRight(dataset);
        }
        return await Lists(db).Where(g => g.DatasetId == dataset.Id).OrderByDescending(g => g.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Grants of the datasets the caller's agency owns (every agency's for a system administrator).</summary>
    public async Task<IReadOnlyList<DatasetGrant>> GivenAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Lists(db);
        if (!caller.IsSystemAdmin)
        {
            query = query.Where(g => g.Dataset!.OwnerAgencyId == caller.AgencyId);
        }
        return await query.OrderByDescending(g => g.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Grants the caller's agency (or the caller by name) received.</summary>
    public async Task<IReadOnlyList<DatasetGrant>> ReceivedAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Lists(db)
            .Where(g => (g.GranteeUserId == null && g.GranteeAgencyId == caller.AgencyId) || (caller.UserId != null && g.GranteeUserId == caller.UserId))
            .OrderByDescending(g => g.CreatedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Agencies that can receive grants of datasets owned by <paramref name="ownerAgencyId"/>: the active others.</summary>
    public async Task<IReadOnlyList<Agency>> GranteeAgenciesAsync(int ownerAgencyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive && a.Id != ownerAgencyId).ToListAsync(cancellationToken);
        return [.. agencies.OrderBy(a => a.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), ignoreCase: true))];
    }

    /// <summary>
    /// Up to <paramref name="limit"/> active users of active agencies whose name or account contains <paramref name="text"/>, outside
    /// <paramref name="outsideAgencyId"/> when given (a grant's owner agency already sees everything).
    /// </summary>
    public async Task<IReadOnlyList<GranteeUser>> FindGranteeUsersAsync(int? outsideAgencyId, string? text, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking()
            .Where(u => u.AgencyId != outsideAgencyId && !u.IsDisabled && db.Agencies.Any(a => a.Id == u.AgencyId && a.IsActive));
        if (!string.IsNullOrWhiteSpace(text))
        {
            var part = text.Trim();
            query = query.Where(u => u.FullName.Contains(part) || u.UserName!.Contains(part));
        }
        return await query.OrderBy(u => u.FullName).Take(limit)
            .Join(db.Agencies, u => u.AgencyId, a => a.Id, (u, a) => new GranteeUser(u.Id, u.FullName, u.UserName!, a.Name))
            .ToListAsync(cancellationToken);
    }

    public async Task<Result<DatasetGrant>> CreateAsync(Caller caller, NewGrant request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var added = await AddAsync(db, caller, request, cancellationToken);
        if (added.Error is not null)
        {
            return added;
        }
        await db.SaveChangesAsync(cancellationToken);
        await AuditCreatedAsync(caller, request.DatasetKey, added.Value!, CancellationToken.None);
        return added;
    }

    /// <summary>
    /// Checks a new grant and adds it to <paramref name="db"/> without saving, so another change (an access request's
    /// approval) is saved with it or not at all. The caller saves, then calls <see cref="AuditCreatedAsync"/>.
    /// </summary>
    internal async Task<Result<DatasetGrant>> AddAsync(WorkbenchDbContext db, Caller caller, NewGrant request, CancellationToken cancellationToken)
    {
        var dataset = await db.Datasets.AsNoTracking().Include(d => d.Columns).Include(d => d.OwnerAgency)
            .SingleOrDefaultAsync(d => d.Key == request.DatasetKey, cancellationToken);
        if (dataset is null)
        {
            return DatasetErrorsNotFound(request.DatasetKey);
        }
        if (!DatasetAccess.CanGrant(caller, dataset))
        {
            return NoGrantRight(dataset);
        }

        var grant = new DatasetGrant
        {
            DatasetId = dataset.Id,
            GranteeAgencyId = request.GranteeAgencyId,
            GranteeUserId = Blank(request.GranteeUserId),
            Rights = request.Rights,
            RowFilter = Blank(request.RowFilter),
            MaskedColumns = [.. request.MaskedColumns],
            ExpiresOn = request.ExpiresOn,
            LegalBasisNumber = request.LegalBasisNumber?.Trim() ?? "",
            LegalBasisDate = request.LegalBasisDate,
            LegalBasisIssuer = request.LegalBasisIssuer?.Trim() ?? "",
            Purpose = Blank(request.Purpose),
            CreatedAt = time.GetUtcNow(),
            CreatedByUserId = caller.UserId,
            CreatedByName = caller.DisplayName,
        };
        var problems = GrantRules.Check(grant, dataset, Today).ToList();
        if (grant.GranteeAgencyId is { } agencyId
            && !await db.Agencies.AnyAsync(a => a.Id == agencyId && a.IsActive, cancellationToken))
        {
            problems.Add(Text.Pick("Không tìm thấy cơ quan được cấp quyền, hoặc cơ quan đã ngừng hoạt động.", "The grantee agency was not found or is no longer active."));
        }
        if (grant.GranteeUserId is { } userId)
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (user is null || !await db.Agencies.AnyAsync(a => a.Id == user.AgencyId && a.IsActive, cancellationToken))
            {
                problems.Add(Text.Pick("Không tìm thấy người dùng được cấp quyền, hoặc cơ quan của họ đã ngừng hoạt động.",
                    "The grantee user was not found or their agency is no longer active."));
            }
            else if (user.AgencyId == dataset.OwnerAgencyId)
            {
                problems.Add(Text.Pick("Người dùng này thuộc cơ quan sở hữu nên đã có toàn quyền.", "This user belongs to the owner agency and already has every right."));
            }
            else
            {
                grant.GranteeUserName = user.FullName;
            }
        }
        problems.AddRange(await CeilingProblemsAsync(db, dataset, grant, cancellationToken));
        if (problems.Count > 0)
        {
            return new Error(ErrorKind.Invalid, "grant.invalid", problems[0], problems);
        }

        db.DatasetGrants.Add(grant);
        return grant;
    }

    /// <summary>Records a grant saved after <see cref="AddAsync"/>.</summary>
    internal Task AuditCreatedAsync(Caller caller, string datasetKey, DatasetGrant grant, CancellationToken cancellationToken) =>
        audit.WriteAsync(caller, AuditActions.GrantCreated, datasetKey, new { after = Describe(grant) }, cancellationToken);

    /// <summary>Ends a grant now. The next query of every grantee is refused or narrowed, cached results included.</summary>
    public async Task<Result<DatasetGrant>> RevokeAsync(Caller caller, int grantId, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var grant = await db.DatasetGrants.Include(g => g.Dataset).SingleOrDefaultAsync(g => g.Id == grantId, cancellationToken);
        if (grant is null)
        {
            return new Error(ErrorKind.NotFound, "grant.not-found", Text.Pick("Không tìm thấy quyền đã cấp (mã {0}).", "Grant {0} was not found.", grantId));
        }
        if (!DatasetAccess.CanGrant(caller, grant.Dataset!))
        {
            return NoGrantRight(grant.Dataset!);
        }
        if (grant.RevokedAt is not null)
        {
            return grant;
        }
        var before = Describe(grant);
        grant.RevokedAt = time.GetUtcNow();
        grant.RevokedByName = caller.DisplayName;
        grant.RevokeReason = Blank(reason);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(caller, AuditActions.GrantRevoked, grant.Dataset!.Key,
            new { before, after = Describe(grant) }, CancellationToken.None);
        return grant;
    }

    /// <summary>
    /// Data derived from other agencies' data may go no further than those agencies let it (Đ4.4): the grantee must
    /// itself be able to query every source of a derived dataset, by owning it or by a working grant.
    /// </summary>
    private async Task<IReadOnlyList<string>> CeilingProblemsAsync(
        WorkbenchDbContext db, Dataset dataset, DatasetGrant grant, CancellationToken cancellationToken)
    {
        var sources = await db.DerivationSources.AsNoTracking()
            .Where(s => s.DatasetId != null)
            .Join(db.DatasetDerivations.Where(d => d.DatasetId == dataset.Id), s => s.DerivationId, d => d.Id, (s, _) => s.DatasetId!.Value)
            .Join(db.Datasets, id => id, d => d.Id, (_, d) => d)
            .ToListAsync(cancellationToken);
        if (sources.Count == 0)
        {
            return [];
        }
        int? granteeAgency = grant.GranteeAgencyId;
        if (grant.GranteeUserId is { } userId)
        {
            granteeAgency = await db.Users.Where(u => u.Id == userId).Select(u => (int?)u.AgencyId).SingleOrDefaultAsync(cancellationToken);
        }
        var ids = sources.Select(s => s.Id).ToList();
        var reaching = await db.DatasetGrants.AsNoTracking()
            .Where(g => ids.Contains(g.DatasetId) && g.RevokedAt == null
                        && ((g.GranteeUserId == null && g.GranteeAgencyId == granteeAgency)
                            || (grant.GranteeUserId != null && g.GranteeUserId == grant.GranteeUserId)))
            .ToListAsync(cancellationToken);
        var today = Today;
        var problems = new List<string>();
        foreach (var source in sources.Where(s => s.OwnerAgencyId != granteeAgency
                                                  && !reaching.Any(g => g.DatasetId == s.Id && g.IsActiveOn(today))))
        {
            problems.Add(Text.Pick(
                "Bộ dữ liệu này được tạo từ «{0}», mà bên nhận chưa được cấp quyền; hãy đề nghị cơ quan sở hữu «{0}» cấp quyền cho họ trước.",
                "This dataset was made from '{0}', which the grantee may not query; ask the owner of '{0}' to grant it to them first.", source.Name));
        }
        return problems;
    }

    private static IQueryable<DatasetGrant> Lists(WorkbenchDbContext db) =>
        db.DatasetGrants.AsNoTracking().Include(g => g.Dataset).ThenInclude(d => d!.OwnerAgency).Include(g => g.GranteeAgency);

    internal static object Describe(DatasetGrant grant) => new
    {
        grant.Id,
        grant.GranteeAgencyId,
        grant.GranteeUserId,
        rights = grant.Rights.ToString(),
        grant.RowFilter,
        masks = grant.MaskedColumns.Select(m => new { m.Column, kind = m.Kind.ToString() }),
        grant.ExpiresOn,
        legalBasis = new { grant.LegalBasisNumber, grant.LegalBasisDate, grant.LegalBasisIssuer },
        grant.Purpose,
        grant.RevokedAt,
        grant.RevokeReason,
    };

    private static Error DatasetErrorsNotFound(string key) => Catalog.DatasetErrors.NotFound(key);

    private static Error NoGrantRight(Dataset dataset) => new(ErrorKind.Forbidden, "grant.no-right", Text.Pick(
        "Chỉ quản trị của cơ quan sở hữu bộ dữ liệu «{0}» mới cấp và thu hồi quyền khai thác.",
        "Only administrators of the agency that owns dataset '{0}' grant and revoke access to it.", dataset.Name));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
