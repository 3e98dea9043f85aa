using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Access;

/// <summary>
/// Access requests (yêu cầu khai thác): a user asks for a dataset they cannot use, with a purpose; the owner agency's
/// administrators approve it, which creates the grant in the same save, or refuse it with a reason; the requester may
/// withdraw it while it waits. Every step is audited with the request before and after.
/// </summary>
public sealed class AccessRequestService(
    IDbContextFactory<WorkbenchDbContext> contexts, GrantService grants, AuditLog audit, TimeProvider time)
{
    public async Task<Result<AccessRequest>> CreateAsync(
        Caller caller, string datasetKey, string? purpose, GrantRights wantedRights, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.AsNoTracking().Include(d => d.OwnerAgency).SingleOrDefaultAsync(d => d.Key == datasetKey, cancellationToken);
        if (dataset is null)
        {
            return Catalog.DatasetErrors.NotFound(datasetKey);
        }
        var pending = caller.UserId is not null && await db.AccessRequests.AnyAsync(
            r => r.DatasetId == dataset.Id && r.RequesterUserId == caller.UserId && r.Status == AccessRequestStatus.Pending, cancellationToken);
        var reach = await grants.ForCallerAsync(caller, cancellationToken);
        if (AccessRequestRules.RequestRefusal(caller, dataset, reach, pending) is { } refusal)
        {
            return refusal;
        }
        var problems = AccessRequestRules.Check(purpose, wantedRights);
        if (problems.Count > 0)
        {
            return new Error(ErrorKind.Invalid, "access-request.invalid", problems[0], problems);
        }

        var request = new AccessRequest
        {
            DatasetId = dataset.Id,
            RequesterUserId = caller.UserId!,
            RequesterName = caller.DisplayName,
            RequesterAgencyId = caller.AgencyId,
            Purpose = purpose!.Trim(),
            WantedRights = wantedRights,
            CreatedAt = time.GetUtcNow(),
        };
        db.AccessRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(caller, AuditActions.AccessRequestCreated, dataset.Key, new { after = Describe(request) }, CancellationToken.None);
        request.Dataset = dataset;
        return request;
    }

    /// <summary>The caller's own requests, every outcome, newest first.</summary>
    public async Task<IReadOnlyList<AccessRequest>> MineAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.UserId is null)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Lists(db).Where(r => r.RequesterUserId == caller.UserId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The caller's latest request for a dataset, or null: what the dataset page shows them.</summary>
    public async Task<AccessRequest?> LatestMineAsync(Caller caller, int datasetId, CancellationToken cancellationToken)
    {
        if (caller.UserId is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Lists(db).Where(r => r.RequesterUserId == caller.UserId && r.DatasetId == datasetId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Requests the caller may decide: for their agency's datasets (every agency's for a system administrator);
    /// the waiting ones first, oldest first, then the decided ones, newest first. Nobody else decides anything.
    /// </summary>
    public async Task<IReadOnlyList<AccessRequest>> ToDecideAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!IsDecider(caller))
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var requests = await Decidable(Lists(db), caller).ToListAsync(cancellationToken);
        return
        [
            .. requests.Where(r => r.IsPending).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
            .. requests.Where(r => !r.IsPending).OrderByDescending(r => r.DecidedAt ?? r.CreatedAt).ThenByDescending(r => r.Id),
        ];
    }

    /// <summary>How many requests wait for the caller's decision (the menu's badge and the home page).</summary>
    public async Task<int> PendingCountAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!IsDecider(caller))
        {
            return 0;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Decidable(db.AccessRequests, caller).CountAsync(r => r.Status == AccessRequestStatus.Pending, cancellationToken);
    }

    /// <summary>
    /// Approves a waiting request by creating <paramref name="grant"/>: to the requester or to their whole agency, with
    /// the legal basis like any grant. The grant and the request's new state are saved together or not at all.
    /// </summary>
    public async Task<Result<AccessRequest>> ApproveAsync(Caller caller, int requestId, NewGrant grant, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await DecidableAsync(db, caller, requestId, cancellationToken);
        if (found.Error is not null)
        {
            return found;
        }
        var request = found.Value!;
        if (grant.DatasetKey != request.Dataset!.Key || !AccessRequestRules.GrantFitsRequest(request, grant.GranteeAgencyId, grant.GranteeUserId))
        {
            return new Error(ErrorKind.Invalid, "access-request.grantee", Text.Pick(
                "Quyền cấp theo đề nghị phải cho chính người đề nghị ({0}) hoặc cơ quan của họ.",
                "A grant for a request goes to the requester ({0}) or to their agency.", request.RequesterName));
        }
        var before = Describe(request);
        // The grant says what it is for: the approver's words, or else the requester's.
        var added = await grants.AddAsync(db, caller,
            string.IsNullOrWhiteSpace(grant.Purpose) ? grant with { Purpose = request.Purpose } : grant, cancellationToken);
        if (added.Error is { } error)
        {
            return error;
        }
        request.Grant = added.Value!;
        Decide(request, caller, AccessRequestStatus.Approved);
        if (await SaveDecisionAsync(db, request, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        await grants.AuditCreatedAsync(caller, request.Dataset.Key, added.Value!, CancellationToken.None);
        await audit.WriteAsync(caller, AuditActions.AccessRequestApproved, request.Dataset.Key,
            new { before, after = Describe(request) }, CancellationToken.None);
        return request;
    }

    /// <summary>Refuses a waiting request; the reason is required and shown to the requester.</summary>
    public async Task<Result<AccessRequest>> RefuseAsync(Caller caller, int requestId, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await DecidableAsync(db, caller, requestId, cancellationToken);
        if (found.Error is not null)
        {
            return found;
        }
        if (AccessRequestRules.CheckRefusal(reason) is { } problem)
        {
            return new Error(ErrorKind.Invalid, "access-request.reason", problem, [problem]);
        }
        var request = found.Value!;
        var before = Describe(request);
        Decide(request, caller, AccessRequestStatus.Refused);
        request.RefusalReason = reason!.Trim();
        if (await SaveDecisionAsync(db, request, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        await audit.WriteAsync(caller, AuditActions.AccessRequestRefused, request.Dataset!.Key,
            new { before, after = Describe(request) }, CancellationToken.None);
        return request;
    }

    /// <summary>Takes back a waiting request; only its requester may.</summary>
    public async Task<Result<AccessRequest>> WithdrawAsync(Caller caller, int requestId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.AccessRequests.Include(r => r.Dataset).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.RequesterUserId != caller.UserId)
        {
            return NotFound(requestId);
        }
        if (!AccessRequestRules.CanWithdraw(caller, request))
        {
            return AlreadyDecided(request);
        }
        var before = Describe(request);
        Decide(request, caller, AccessRequestStatus.Withdrawn);
        if (await SaveDecisionAsync(db, request, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        await audit.WriteAsync(caller, AuditActions.AccessRequestWithdrawn, request.Dataset!.Key,
            new { before, after = Describe(request) }, CancellationToken.None);
        return request;
    }

    private static bool IsDecider(Caller caller) => caller.IsSystemAdmin || caller.Role == Roles.AgencyAdmin;

    /// <summary>The requests of datasets the caller may grant (<see cref="DatasetAccess.CanGrant"/>, as a query).</summary>
    private static IQueryable<AccessRequest> Decidable(IQueryable<AccessRequest> requests, Caller caller) =>
        caller.IsSystemAdmin
            ? requests
            : caller.Role == Roles.AgencyAdmin
                ? requests.Where(r => r.Dataset!.OwnerAgencyId == caller.AgencyId)
                : requests.Where(_ => false);

    /// <summary>A waiting request, tracked, that the caller may decide.</summary>
    private static async Task<Result<AccessRequest>> DecidableAsync(
        WorkbenchDbContext db, Caller caller, int requestId, CancellationToken cancellationToken)
    {
        var request = await db.AccessRequests.Include(r => r.Dataset).ThenInclude(d => d!.OwnerAgency)
            .SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return NotFound(requestId);
        }
        if (!AccessRequestRules.CanDecide(caller, request.Dataset!))
        {
            return new Error(ErrorKind.Forbidden, "access-request.no-right", Text.Pick(
                "Chỉ quản trị của cơ quan sở hữu «{0}» ({1}) mới duyệt đề nghị khai thác bộ dữ liệu này.",
                "Only administrators of '{0}''s owner agency ({1}) decide requests for it.",
                request.Dataset!.Name, request.Dataset.OwnerAgency?.Name));
        }
        return request.IsPending ? request : AlreadyDecided(request);
    }

    private void Decide(AccessRequest request, Caller caller, AccessRequestStatus status)
    {
        request.Status = status;
        request.DecidedAt = time.GetUtcNow();
        request.DecidedByUserId = caller.UserId;
        request.DecidedByName = caller.DisplayName;
    }

    /// <summary>Saves a decision unless someone decided (or withdrew) first: then nothing of it is saved.</summary>
    private static async Task<Error?> SaveDecisionAsync(WorkbenchDbContext db, AccessRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            var now = await db.AccessRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id, cancellationToken);
            return AlreadyDecided(now);
        }
    }

    private static IQueryable<AccessRequest> Lists(WorkbenchDbContext db) =>
        db.AccessRequests.AsNoTracking()
            .Include(r => r.Dataset).ThenInclude(d => d!.OwnerAgency)
            .Include(r => r.RequesterAgency)
            .Include(r => r.Grant);

    private static object Describe(AccessRequest request) => new
    {
        request.Id,
        request.RequesterUserId,
        request.RequesterName,
        request.RequesterAgencyId,
        request.Purpose,
        wantedRights = request.WantedRights.ToString(),
        status = request.Status.ToString(),
        request.DecidedAt,
        request.DecidedByName,
        request.RefusalReason,
        request.GrantId,
    };

    private static Error NotFound(int requestId) => new(ErrorKind.NotFound, "access-request.not-found",
        Text.Pick("Không tìm thấy đề nghị khai thác (mã {0}).", "Access request {0} was not found.", requestId));

    private static Error AlreadyDecided(AccessRequest request) => new(ErrorKind.Conflict, "access-request.decided", request.Status switch
    {
        AccessRequestStatus.Approved => Text.Pick("Đề nghị này đã được duyệt; tải lại trang để xem.", "This request was already approved; reload the page to see it."),
        AccessRequestStatus.Refused => Text.Pick("Đề nghị này đã bị từ chối; tải lại trang để xem.", "This request was already refused; reload the page to see it."),
        _ => Text.Pick("Người đề nghị đã rút đề nghị này.", "The requester withdrew this request."),
    });
}
