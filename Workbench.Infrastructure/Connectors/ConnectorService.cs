using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Core.Connectors.Rest;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Connectors.Jobs;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Connectors;

/// <summary>What the connector editor submits; the secrets travel apart and are never read back.</summary>
/// <param name="SettingsJson">The kind's settings: <see cref="RestSourceSettings"/> or <see cref="DatabaseSourceSettings"/> or <see cref="FileDeliverySettings"/> as JSON; <c>{}</c> for push.</param>
public sealed record ConnectorDraft(
    string Key,
    string Name,
    string? Description,
    ConnectorKind Kind,
    int ProvidingAgencyId,
    string DatasetKey,
    SyncMode Mode,
    SyncSchedule Schedule,
    string SettingsJson,
    LegalDocument? Request,
    LegalDocument? Agreement);

/// <summary>A connector as the list and the health overview show it.</summary>
/// <param name="FailuresInARow">Failed runs since the last success: connectors failing repeatedly stand out.</param>
/// <param name="LastSuccessAt">When the last successful run ended, however long ago.</param>
public sealed record ConnectorSummary(
    Connector Connector, string DatasetKey, string DatasetName, string AgencyName, SyncRun? LastRun, int FailuresInARow, DateTimeOffset? LastSuccessAt);

/// <summary>A connector as its own page shows it: where it reads and writes, and its latest runs, newest first.</summary>
public sealed record ConnectorDetails(
    Connector Connector, string DatasetKey, string DatasetName, string AgencyName, IReadOnlyList<SyncRun> Runs, int FailuresInARow)
{
    /// <summary>How many runs <see cref="ConnectorService.DetailsAsync"/> reads: the history grows without bound.</summary>
    public const int RunsShown = 50;

    public bool HasSecrets => Connector.ProtectedSecrets is not null;
}

/// <summary>
/// Connectors for the system administrator: list, create, change, activate, pause, delete. Secrets are encrypted
/// with ASP.NET Core Data Protection (keys in the metadata store) and never returned to a page; each change writes
/// one audit entry with before and after, secrets left out.
/// </summary>
public sealed class ConnectorService(
    IDbContextFactory<WorkbenchDbContext> contexts,
    IDataProtectionProvider protection,
    AuditLog audit,
    IConnectorScheduler scheduler,
    Catalog.DatasetService datasets,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector _secrets = protection.CreateProtector("Workbench.Connectors.Secrets.v1");

    public async Task<Result<IReadOnlyList<ConnectorSummary>>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
                from c in db.Connectors.AsNoTracking()
                join d in db.Datasets on c.DatasetId equals d.Id
                join a in db.Agencies on c.ProvidingAgencyId equals a.Id
                orderby c.Name
                select new { Connector = c, d.Key, DatasetName = d.Name, AgencyName = a.Name })
            .ToListAsync(cancellationToken);
        // The last 20 runs of each are enough for the last run and a streak of failures worth flagging; the history
        // itself grows without bound, so it is never read whole. One query for all (ROW_NUMBER per connector), not one
        // per connector: the home page asks for this on every visit.
        var runs = (await (
                from connector in db.Connectors
                from r in db.SyncRuns.AsNoTracking().Where(r => r.ConnectorId == connector.Id)
                    .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(20)
                select r).ToListAsync(cancellationToken))
            .GroupBy(r => r.ConnectorId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).ToList());
        // The last success may lie further back than 20 runs; one grouped query finds it for all.
        var successes = await db.SyncRuns.AsNoTracking().Where(r => r.Status == SyncRunStatus.Succeeded && r.EndedAt != null)
            .GroupBy(r => r.ConnectorId).Select(g => new { ConnectorId = g.Key, EndedAt = g.Max(r => r.EndedAt) })
            .ToListAsync(cancellationToken);
        var lastSuccess = successes.ToDictionary(s => s.ConnectorId, s => s.EndedAt);
        return rows.Select(r =>
        {
            var history = runs.GetValueOrDefault(r.Connector.Id) ?? [];
            return new ConnectorSummary(r.Connector, r.Key, r.DatasetName, r.AgencyName, history.FirstOrDefault(), FailuresInARow(history),
                lastSuccess.GetValueOrDefault(r.Connector.Id));
        }).ToList();
    }

    /// <summary>The connector with its target, its providing agency and its latest <see cref="ConnectorDetails.RunsShown"/> runs.</summary>
    public async Task<Result<ConnectorDetails>> DetailsAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await (
                from c in db.Connectors.AsNoTracking()
                join d in db.Datasets on c.DatasetId equals d.Id
                join a in db.Agencies on c.ProvidingAgencyId equals a.Id
                where c.Key == key
                select new { Connector = c, d.Key, DatasetName = d.Name, AgencyName = a.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return ConnectorErrors.NotFound(key);
        }
        var runs = await db.SyncRuns.AsNoTracking().Where(r => r.ConnectorId == row.Connector.Id)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(ConnectorDetails.RunsShown).ToListAsync(cancellationToken);
        return new ConnectorDetails(row.Connector, row.Key, row.DatasetName, row.AgencyName, runs, FailuresInARow(runs));
    }

    /// <summary>Failed runs since the last one that did not fail, the run under way aside.</summary>
    private static int FailuresInARow(IEnumerable<SyncRun> newestFirst) =>
        newestFirst.Where(run => run.Status != SyncRunStatus.Running).TakeWhile(run => run.Status == SyncRunStatus.Failed).Count();

    public async Task<Result<Connector>> GetAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key, cancellationToken) is { } connector
            ? connector
            : ConnectorErrors.NotFound(key);
    }

    public async Task<Result<Connector>> CreateAsync(Caller caller, ConnectorDraft draft, string? secretsJson, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connector = new Connector
        {
            Key = draft.Key.Trim(),
            Name = draft.Name.Trim(),
            Schedule = "",
            SettingsJson = "{}",
            CreatedAt = time.GetUtcNow(),
            CreatedByUserId = caller.UserId,
        };
        if (await ApplyAsync(db, connector, draft, secretsJson, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        if (await db.Connectors.AnyAsync(c => c.Key == connector.Key, cancellationToken))
        {
            return ConnectorErrors.KeyTaken(connector.Key);
        }
        db.Connectors.Add(connector);
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Schedule(connector);
        await audit.WriteAsync(caller, AuditActions.ConnectorCreated, connector.Key, new { after = Described(connector) }, cancellationToken);
        return connector;
    }

    /// <summary>
    /// Creates the connector with a new target dataset of the providing agency (the editor's "create a new dataset"):
    /// both or neither — when the connector is refused, the dataset made for it is removed again.
    /// </summary>
    public async Task<Result<Connector>> CreateWithDatasetAsync(
        Caller caller, ConnectorDraft draft, string? secretsJson, Catalog.NewDataset dataset, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        var created = await datasets.CreateAsync(caller, dataset with { OwnerAgencyId = draft.ProvidingAgencyId }, cancellationToken);
        if (created.Error is { } refused)
        {
            return refused;
        }
        var connector = await CreateAsync(caller, draft with { DatasetKey = created.Value!.Key }, secretsJson, cancellationToken);
        if (connector.Error is not null)
        {
            await datasets.DiscardNewAsync(created.Value.Id, CancellationToken.None);
        }
        return connector;
    }

    /// <param name="secretsJson">New secrets, or null to keep the ones stored.</param>
    public async Task<Result<Connector>> UpdateAsync(
        Caller caller, string key, ConnectorDraft draft, string? secretsJson, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Connectors.SingleOrDefaultAsync(c => c.Key == key, cancellationToken) is not { } connector)
        {
            return ConnectorErrors.NotFound(key);
        }
        var before = Described(connector);
        if (draft.Key.Trim() != connector.Key)
        {
            return ConnectorErrors.KeyFixed(connector.Key);
        }
        if (await ApplyAsync(db, connector, draft, secretsJson, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        // Taking away a document takes away the right to run.
        connector.IsActive &= ConnectorRules.ActivationProblem(connector) is null;
        connector.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Schedule(connector);
        await audit.WriteAsync(caller, AuditActions.ConnectorUpdated, connector.Key,
            new { before, after = Described(connector), secretsReplaced = secretsJson is not null }, cancellationToken);
        return connector;
    }

    public async Task<Result<Connector>> SetActiveAsync(Caller caller, string key, bool active, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Connectors.SingleOrDefaultAsync(c => c.Key == key, cancellationToken) is not { } connector)
        {
            return ConnectorErrors.NotFound(key);
        }
        if (active && ConnectorRules.ActivationProblem(connector) is { } problem)
        {
            return new Error(ErrorKind.Invalid, "connector.no-legal-basis", problem);
        }
        if (connector.IsActive == active)
        {
            return connector;
        }
        connector.IsActive = active;
        connector.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Schedule(connector);
        await audit.WriteAsync(caller, active ? AuditActions.ConnectorActivated : AuditActions.ConnectorDeactivated, connector.Key,
            new { before = new { isActive = !active }, after = new { isActive = active } }, cancellationToken);
        return connector;
    }

    /// <summary>Deletes the connector and its run history, revoking its push key; the dataset and its rows stay.</summary>
    public async Task<Result<bool>> DeleteAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Connectors.SingleOrDefaultAsync(c => c.Key == key, cancellationToken) is not { } connector)
        {
            return ConnectorErrors.NotFound(key);
        }
        var before = Described(connector);
        // The key's row outlives the connector (its reference is set null), so it is revoked first: otherwise it would
        // become an ordinary key of the providing agency.
        var revoked = await db.ApiKeys.Where(k => k.ConnectorId == connector.Id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, time.GetUtcNow()), cancellationToken);
        db.Connectors.Remove(connector);
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Unschedule(connector.Key);
        await audit.WriteAsync(caller, AuditActions.ConnectorDeleted, connector.Key, new { before, keysRevoked = revoked }, cancellationToken);
        return true;
    }

    /// <summary>The stored secrets as JSON, for the sync job only; pages never get them back.</summary>
    public string? SecretsJsonOf(Connector connector) =>
        connector.ProtectedSecrets is { } protectedSecrets ? _secrets.Unprotect(protectedSecrets) : null;

    /// <summary>Checks the draft (and the secrets when given) and copies it onto the connector; the error lists every problem.</summary>
    private async Task<Error?> ApplyAsync(
        WorkbenchDbContext db, Connector connector, ConnectorDraft draft, string? secretsJson, CancellationToken cancellationToken)
    {
        var dataset = await db.Datasets.AsNoTracking().Include(d => d.Columns)
            .SingleOrDefaultAsync(d => d.Key == draft.DatasetKey, cancellationToken);
        connector.Name = draft.Name.Trim();
        connector.Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        connector.Kind = draft.Kind;
        connector.ProvidingAgencyId = draft.ProvidingAgencyId;
        connector.DatasetId = dataset?.Id ?? 0;
        connector.Mode = draft.Mode;
        connector.Schedule = draft.Schedule.ToCron();
        connector.SettingsJson = draft.SettingsJson;
        connector.Request = draft.Request;
        connector.Agreement = draft.Agreement;

        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
        var problems = ConnectorRules.Problems(connector, today).ToList();
        if (!await db.Agencies.AnyAsync(a => a.Id == draft.ProvidingAgencyId && a.IsActive, cancellationToken))
        {
            problems.Add(Text.Pick("Hãy chọn cơ quan cung cấp đang hoạt động.", "Choose an active providing agency."));
        }
        if (dataset is null)
        {
            problems.Add(Text.Pick("Không có bộ dữ liệu đích «{0}».", "There is no target dataset '{0}'.", draft.DatasetKey));
        }
        else
        {
            if (dataset.OwnerAgencyId != draft.ProvidingAgencyId)
            {
                problems.Add(Text.Pick("Bộ dữ liệu đích «{0}» phải thuộc cơ quan cung cấp: dữ liệu vào kho dưới tên cơ quan đã cung cấp nó.",
                    "The target dataset '{0}' must belong to the providing agency: data enters the warehouse under the agency that provides it.",
                    dataset.Name));
            }
            if (draft.Mode == SyncMode.IncrementalUpsert && !dataset.Columns.Any(c => c.IsKey))
            {
                problems.Add(Text.Pick("Bộ dữ liệu «{0}» chưa có cột khóa nên không cập nhật theo khóa được; hãy chọn chế độ khác hoặc đặt cột khóa.",
                    "Dataset '{0}' has no key columns, so it cannot be updated by key; choose another mode or set key columns.", dataset.Name));
            }
        }
        problems.AddRange(SourceProblems(draft, secretsJson ?? SecretsJsonOf(connector), dataset));
        if (problems.Count > 0)
        {
            return ConnectorErrors.Invalid(problems);
        }
        if (secretsJson is not null)
        {
            connector.ProtectedSecrets = _secrets.Protect(secretsJson);
        }
        return null;
    }

    /// <summary>The kind's own settings checked by the kind, and every mapping against the dataset's columns and types.</summary>
    private static IEnumerable<string> SourceProblems(ConnectorDraft draft, string? secretsJson, Dataset? dataset)
    {
        IReadOnlyList<FieldMapping> mappings;
        var problems = new List<string>();
        try
        {
            switch (draft.Kind)
            {
                case ConnectorKind.Rest:
                    var rest = JsonSerializer.Deserialize<RestSourceSettings>(draft.SettingsJson, Json)!;
                    var restSecrets = secretsJson is null ? RestSecrets.Empty : JsonSerializer.Deserialize<RestSecrets>(secretsJson, Json)!;
                    problems.AddRange(rest.Validate(restSecrets).Select(p => p.Message));
                    mappings = rest.Mappings;
                    break;
                case ConnectorKind.Database:
                    var database = JsonSerializer.Deserialize<DatabaseSourceSettings>(draft.SettingsJson, Json)!;
                    problems.AddRange(database.Validate());
                    var connection = secretsJson is null ? null : JsonSerializer.Deserialize<DatabaseSecrets>(secretsJson, Json);
                    if (string.IsNullOrWhiteSpace(connection?.ConnectionString))
                    {
                        problems.Add(Text.Pick("Hãy nhập chuỗi kết nối tới cơ sở dữ liệu nguồn.", "Enter the source database's connection string."));
                    }
                    mappings = database.Mappings;
                    break;
                case ConnectorKind.FileDelivery:
                    // Null when the JSON is "null"; the defaults serve then, as for "{}".
                    var delivery = JsonSerializer.Deserialize<FileDeliverySettings>(draft.SettingsJson, Json) ?? new FileDeliverySettings();
                    problems.AddRange(delivery.Validate());
                    mappings = [];
                    break;
                default:
                    mappings = [];
                    break;
            }
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException)
        {
            return [Text.Pick("Cấu hình nguồn không đọc được: {0}", "The source settings cannot be read: {0}", exception.Message)];
        }
        if (dataset is not null)
        {
            foreach (var mapping in mappings)
            {
                var column = dataset.Columns.FirstOrDefault(c => c.Name == mapping.Column);
                if (column is null)
                {
                    problems.Add(Text.Pick("Bộ dữ liệu «{0}» không có cột «{1}».", "Dataset '{0}' has no column '{1}'.", dataset.Name, mapping.Column));
                }
                else if (column.Type != mapping.Type)
                {
                    problems.Add(Text.Pick("Cột «{0}» có kiểu {1} nhưng ánh xạ khai báo {2}.", "Column '{0}' is {1} but the mapping says {2}.",
                        column.Name, column.Type, mapping.Type));
                }
            }
        }
        return problems;
    }

    /// <summary>The connector for the audit log: everything but its secrets.</summary>
    private static object Described(Connector c) => new
    {
        c.Key, c.Name, kind = c.Kind.ToString(), mode = c.Mode.ToString(), c.Schedule, c.ProvidingAgencyId, c.DatasetId,
        c.Request, c.Agreement, c.IsActive, hasSecrets = c.ProtectedSecrets is not null,
    };
}

/// <summary>The connector errors the system administrator sees, each saying what to do.</summary>
public static class ConnectorErrors
{
    public static Error NoRight() => new(ErrorKind.Forbidden, "connector.no-right",
        Text.Pick("Chỉ quản trị hệ thống cấu hình kết nối dữ liệu.", "Only the system administrator configures connectors."));

    public static Error NotFound(string key) => new(ErrorKind.NotFound, "connector.not-found",
        Text.Pick("Không có kết nối «{0}».", "There is no connector '{0}'.", key));

    public static Error KeyTaken(string key) => new(ErrorKind.Conflict, "connector.key-taken",
        Text.Pick("Mã kết nối «{0}» đã được dùng; hãy chọn mã khác.", "Connector key '{0}' is taken; choose another.", key));

    public static Error KeyFixed(string key) => new(ErrorKind.Invalid, "connector.key-fixed",
        Text.Pick("Mã kết nối «{0}» không đổi được (lịch chạy và mốc đồng bộ gắn với nó).",
            "Connector key '{0}' cannot change (its schedule and watermark hang on it).", key));

    public static Error Invalid(IReadOnlyList<string> problems) => new(ErrorKind.Invalid, "connector.invalid",
        Text.Pick("Kết nối chưa hợp lệ; hãy sửa các mục dưới đây.", "The connector is not valid yet; fix the points below."), problems);
}
