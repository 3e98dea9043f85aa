using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors.Jobs;
using Workbench.Infrastructure.Imports;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Quality;

namespace Workbench.Infrastructure.Connectors;

/// <summary>A connector an agency provides, as "Kết nối của cơ quan" and the reminders show it.</summary>
/// <param name="RecentRuns">The last <see cref="FileDeliveryService.HistorySize"/> runs, newest first.</param>
/// <param name="Delivery">For a file-delivery connector, when its next file is due; else null.</param>
public sealed record ProvidedConnector(
    Connector Connector, string DatasetKey, string DatasetName, string AgencyName, IReadOnlyList<SyncRun> RecentRuns, FileDeliveryStatus? Delivery)
{
    public SyncRun? LastRun => RecentRuns.Count > 0 ? RecentRuns[0] : null;

    /// <summary>Whether the providing agency should be reminded now: an active file delivery due soon or overdue.</summary>
    public bool NeedsReminder => Connector.IsActive && Delivery is { NeedsReminder: true };
}

/// <summary>A delivery that ran: its run (Succeeded or Failed) and, when it failed, the error with every problem found.</summary>
public sealed record FileDeliveryOutcome(SyncRun Run, Error? Error);

/// <summary>
/// Scheduled file delivery (issue 6 item 1d): the providing agency's administrators and data loaders upload the next
/// CSV/XLSX of a file-delivery connector. The file goes through the upload pipeline (checked whole, loaded all or
/// nothing in the connector's mode) as one <see cref="SyncRun"/> under the one-run-per-connector rule, is followed by a
/// quality check, and leaves one audit entry. What is due is computed live by <see cref="FileDelivery"/>.
/// </summary>
public sealed partial class FileDeliveryService(
    IDbContextFactory<WorkbenchDbContext> contexts,
    FileImportService imports,
    DatasetService datasets,
    ConnectorJobs jobs,
    LocalSyncRuns local,
    SyncQuality syncQuality,
    AuditLog audit,
    TimeProvider time,
    ILogger<FileDeliveryService> logger)
{
    /// <summary>Runs shown per connector.</summary>
    public const int HistorySize = 10;

    // Deliveries under way here, by connector: a second one is refused before it looks at the Running row, which the
    // first registers with LocalSyncRuns only just after inserting it.
    private readonly ConcurrentDictionary<int, bool> _delivering = new();

    /// <summary>The connectors <paramref name="agencyId"/> provides; the system administrator may leave it null for every agency.</summary>
    /// <param name="agencyId">Null: the caller's agency (every agency for the system administrator).</param>
    public async Task<Result<IReadOnlyList<ProvidedConnector>>> ListAsync(Caller caller, int? agencyId, CancellationToken cancellationToken)
    {
        var agency = caller.IsSystemAdmin ? agencyId : agencyId ?? caller.AgencyId;
        if (agency is { } id ? !ConnectorRules.CanSeeProvided(caller, id) : !caller.IsSystemAdmin)
        {
            return FileDeliveryErrors.NoRightToSee();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
                from c in db.Connectors.AsNoTracking()
                join d in db.Datasets on c.DatasetId equals d.Id
                join a in db.Agencies on c.ProvidingAgencyId equals a.Id
                where agency == null || c.ProvidingAgencyId == agency
                orderby a.Name, c.Name
                select new { Connector = c, d.Key, DatasetName = d.Name, AgencyName = a.Name })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var list = new List<ProvidedConnector>(rows.Count);
        foreach (var row in rows)
        {
            var connector = row.Connector;
            // The history grows without bound: read a page of it, and the last delivery on its own (it may be older).
            var runs = await db.SyncRuns.AsNoTracking().Where(r => r.ConnectorId == connector.Id)
                .OrderByDescending(r => r.StartedAt).Take(HistorySize).ToListAsync(cancellationToken);
            FileDeliveryStatus? status = null;
            if (connector.Kind == ConnectorKind.FileDelivery)
            {
                var lastDelivery = await db.SyncRuns.AsNoTracking()
                    .Where(r => r.ConnectorId == connector.Id && r.Trigger == SyncTrigger.Delivery && r.Status == SyncRunStatus.Succeeded)
                    .OrderByDescending(r => r.StartedAt).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefaultAsync(cancellationToken);
                status = FileDelivery.Status(connector.Schedule, FileDeliverySettings.Read(connector.SettingsJson), connector.CreatedAt, lastDelivery, now);
            }
            list.Add(new ProvidedConnector(connector, row.Key, row.DatasetName, row.AgencyName, runs, status));
        }
        return list;
    }

    /// <summary>
    /// What the home page reminds the caller of: for the administrators and data loaders of an agency, its active file
    /// deliveries due soon or overdue; for the system administrator, overdue ones across agencies; nothing for others.
    /// </summary>
    public async Task<IReadOnlyList<ProvidedConnector>> RemindersAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanSeeProvided(caller, caller.AgencyId))
        {
            return [];
        }
        var listed = await ListAsync(caller, caller.IsSystemAdmin ? null : caller.AgencyId, cancellationToken);
        return [.. (listed.Value ?? [])
            .Where(c => c.NeedsReminder && (!caller.IsSystemAdmin || c.Delivery!.State == FileDeliveryState.Overdue))
            .OrderBy(c => c.Delivery!.DueAt)];
    }

    /// <summary>
    /// Delivers <paramref name="file"/> as the connector's next file. Refused without a run when the caller may not
    /// deliver, the connector is not a file delivery or is paused, or another delivery is under way; otherwise recorded as
    /// a run, Failed (dataset unchanged, every problem listed) or Succeeded (counts, data version, quality).
    /// </summary>
    /// <param name="sheet">For a workbook, the sheet to read; null for the first.</param>
    public async Task<Result<FileDeliveryOutcome>> DeliverAsync(
        Caller caller, string connectorKey, UploadedFile file, string? sheet, CancellationToken cancellationToken)
    {
        Connector? connector;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            connector = await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Key == connectorKey, cancellationToken);
        }
        if (connector is null)
        {
            return ConnectorErrors.NotFound(connectorKey);
        }
        if (!ConnectorRules.CanDeliver(caller, connector))
        {
            return FileDeliveryErrors.NoRightToDeliver(connector);
        }
        if (connector.Kind != ConnectorKind.FileDelivery)
        {
            return FileDeliveryErrors.NotFileDelivery(connector);
        }
        if (!connector.IsActive)
        {
            return FileDeliveryErrors.Paused(connector);
        }

        if (!_delivering.TryAdd(connector.Id, true))
        {
            return FileDeliveryErrors.AlreadyDelivering(connector);
        }
        try
        {
            return await DeliverOnceAsync(caller, connector, file, sheet, cancellationToken);
        }
        finally
        {
            _delivering.TryRemove(connector.Id, out _);
        }
    }

    private async Task<Result<FileDeliveryOutcome>> DeliverOnceAsync(
        Caller caller, Connector connector, UploadedFile file, string? sheet, CancellationToken cancellationToken)
    {
        var started = await jobs.StartAsync(connector, SyncTrigger.Delivery, caller.UserId, jobId: null, cancellationToken);
        if (started.Error is { } refused)
        {
            return refused.Code == "connector.already-running" ? FileDeliveryErrors.AlreadyDelivering(connector) : refused;
        }
        var run = started.Value!;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Registered here, the Running row is alive to any other start in this process: a second delivery is refused.
        local.Started(run.Id, connector.Key, cancel);
        try
        {
            var loaded = await LoadAsync(caller, connector, file, sheet, run, cancel.Token);
            if (loaded is null)
            {
                await syncQuality.RecordAsync(run, connector.DatasetId, cancel.Token);
            }
            return await FinishAsync(caller, connector, file, run, loaded, loaded is null ? SyncRunStatus.Succeeded : SyncRunStatus.Failed);
        }
        catch (OperationCanceledException)
        {
            return await FinishAsync(caller, connector, file, run, FileDeliveryErrors.Cancelled(), SyncRunStatus.Cancelled);
        }
        catch (Exception exception)
        {
            LogUnexpected(exception, connector.Key);
            await FinishAsync(caller, connector, file, run, new Error(ErrorKind.Invalid, "delivery.unexpected", Text.Pick(
                "Nộp tệp dừng vì một lỗi không lường trước: {0}", "The delivery stopped on an unexpected error: {0}", exception.Message)),
                SyncRunStatus.Failed);
            throw;
        }
        finally
        {
            local.Ended(run.Id);
        }
    }

    /// <summary>Reads and loads the file into the connector's dataset, filling the run's counts; the error when nothing was loaded.</summary>
    private async Task<Error?> LoadAsync(Caller caller, Connector connector, UploadedFile file, string? sheet, SyncRun run, CancellationToken cancellationToken)
    {
        var settings = FileDeliverySettings.Read(connector.SettingsJson);
        if (!settings.Accepts(file.FileName))
        {
            return FileDeliveryErrors.FormatRefused(connector, file.FileName, settings);
        }
        string? datasetKey;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            datasetKey = await db.Datasets.Where(d => d.Id == connector.DatasetId).Select(d => d.Key).SingleOrDefaultAsync(cancellationToken);
        }
        if (datasetKey is null || await datasets.FindAsync(datasetKey, cancellationToken) is not { } dataset)
        {
            return DatasetErrors.NotFound(datasetKey ?? connector.Key);
        }
        var preview = imports.Preview(file, sheet, cancellationToken);
        if (preview.Error is { } unreadable)
        {
            return unreadable;
        }
        // The delivered file must have the dataset's columns: a delivery never redefines the dataset.
        var plan = FileImportService.PlanFor(dataset, preview.Value!);
        if (plan.Error is { } mismatch)
        {
            return mismatch;
        }
        var mode = connector.Mode.LoadMode();
        var result = await imports.LoadAsync(caller, dataset, file, plan.Value!, mode, cancellationToken);
        if (result.Error is { } failed)
        {
            return failed;
        }
        var load = result.Value!.Load;
        var before = dataset.RowCount;
        run.RecordsRead = load.RowsLoaded;
        run.Batches = 1;
        run.DataVersion = load.DataVersion;
        (run.RowsInserted, run.RowsUpdated, run.RowsDeleted) = mode switch
        {
            LoadMode.Replace => (load.RowsLoaded, 0L, before),
            // Upsert: rows the table gained are new; the rest of the file replaced rows with the same key.
            LoadMode.Upsert => (Math.Max(0, load.RowCount - before), load.RowsLoaded - Math.Max(0, load.RowCount - before), 0L),
            _ => (load.RowsLoaded, 0L, 0L),
        };
        return null;
    }

    /// <summary>Writes the run's end and the delivery's audit entry.</summary>
    private async Task<Result<FileDeliveryOutcome>> FinishAsync(
        Caller caller, Connector connector, UploadedFile file, SyncRun run, Error? error, SyncRunStatus status)
    {
        run.Status = status;
        run.EndedAt = time.GetUtcNow();
        run.Attempts = 1;
        if (status != SyncRunStatus.Succeeded)
        {
            (run.RowsInserted, run.RowsUpdated, run.RowsDeleted, run.DataVersion) = (0, 0, 0, null);
            run.ErrorCode = error?.Code;
            run.ErrorMessage = Truncated(error is { Details.Count: > 1 } ? string.Join(Environment.NewLine, error.Details) : error?.Message);
        }
        // The end is written even when the delivery was cancelled: that is what ended it.
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            db.SyncRuns.Attach(run);
            db.Entry(run).State = EntityState.Modified;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        await audit.WriteAsync(caller, AuditActions.ConnectorFileDelivered, connector.Key, new
        {
            runId = run.Id, file = file.FileName, bytes = file.Length, status = status.ToString(), mode = connector.Mode.ToString(),
            rows = run.RecordsRead, dataVersion = run.DataVersion, qualityScore = run.QualityScore, error = run.ErrorCode,
        }, CancellationToken.None);
        LogDelivered(connector.Key, run.Id, status, run.RecordsRead);
        return new FileDeliveryOutcome(run, status == SyncRunStatus.Succeeded ? null : error);
    }

    private static string? Truncated(string? message) => message is { Length: > 4000 } ? message[..3999] + "…" : message;

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {ConnectorKey}: file delivery run {RunId} ended {Status}, {Rows} rows")]
    private partial void LogDelivered(string connectorKey, long runId, SyncRunStatus status, long rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector {ConnectorKey}: the file delivery failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, string connectorKey);

}

/// <summary>Why a delivery was refused, each saying what to do.</summary>
public static class FileDeliveryErrors
{
    public static Error NoRightToSee() => new(ErrorKind.Forbidden, "delivery.no-right",
        Text.Pick("Chỉ quản trị cơ quan và chuyên viên nạp dữ liệu của cơ quan xem các kết nối do cơ quan cung cấp; quản trị cơ quan cấp vai trò này.",
            "Only the agency's administrators and the analysts who load its data see the connectors it provides; the agency administrator gives that role."));

    public static Error NoRightToDeliver(Connector connector) => new(ErrorKind.Forbidden, "delivery.no-right",
        Text.Pick("Chỉ quản trị cơ quan và chuyên viên của cơ quan cung cấp nộp tệp cho kết nối «{0}»; quản trị cơ quan đó cấp vai trò này.",
            "Only the providing agency's administrators and analysts deliver files for connector '{0}'; that agency's administrator gives the role.",
            connector.Name));

    public static Error NotFileDelivery(Connector connector) => new(ErrorKind.Invalid, "delivery.not-file-delivery",
        Text.Pick("Kết nối «{0}» không nhận tệp: dữ liệu của nó được đồng bộ tự động.",
            "Connector '{0}' does not take files: its data is synced automatically.", connector.Name));

    public static Error Paused(Connector connector) => new(ErrorKind.Conflict, "delivery.paused",
        Text.Pick("Kết nối «{0}» đang tạm dừng nên chưa nhận tệp. Quản trị hệ thống kích hoạt lại nó trong Quản trị hệ thống › Kết nối dữ liệu.",
            "Connector '{0}' is paused, so it takes no files. The system administrator reactivates it under System administration › Connectors.",
            connector.Name));

    public static Error AlreadyDelivering(Connector connector) => new(ErrorKind.Conflict, "connector.already-running",
        Text.Pick("Một tệp khác đang được nộp cho kết nối «{0}»; mỗi kết nối nhận một tệp một lúc. Hãy chờ lần nộp đó xong rồi thử lại.",
            "Another file is being delivered to connector '{0}'; a connector takes one file at a time. Wait for it to finish, then try again.",
            connector.Name));

    public static Error FormatRefused(Connector connector, string fileName, FileDeliverySettings settings) => new(ErrorKind.Invalid, "delivery.format",
        Text.Pick("Kết nối «{0}» chỉ nhận tệp {1}; tệp «{2}» không thuộc định dạng đó.",
            "Connector '{0}' takes {1} files only; '{2}' is not one.", connector.Name,
            string.Join(", ", settings.Formats.Select(f => f.ToUpperInvariant())), fileName));

    public static Error Cancelled() => new(ErrorKind.Invalid, "delivery.cancelled",
        Text.Pick("Đã hủy nộp tệp; bộ dữ liệu giữ nguyên như trước.", "The delivery was cancelled; the dataset is as it was."));
}
