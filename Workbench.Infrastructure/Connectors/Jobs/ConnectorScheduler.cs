using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Connectors.Jobs;

/// <summary>Keeps a connector's recurring sync in step with it; <see cref="ConnectorService"/> calls it on every change.</summary>
public interface IConnectorScheduler
{
    /// <summary>Schedules an active pull connector on its cron in the province's time; removes the schedule of any other.</summary>
    void Schedule(Connector connector);

    /// <summary>Removes the connector's schedule, if it has one.</summary>
    void Unschedule(string connectorKey);
}

/// <summary>
/// Connector syncs as Hangfire jobs: one recurring job "connector:{key}" per active REST or database connector, on its
/// cron in Asia/Ho_Chi_Minh; "run now" enqueues a manual run; cancel deletes the running job, which fires its token.
/// </summary>
public sealed partial class ConnectorScheduler(
    IRecurringJobManager recurring,
    IBackgroundJobClient jobs,
    JobStorage storage,
    IDbContextFactory<WorkbenchDbContext> contexts,
    LocalSyncRuns local,
    ILogger<ConnectorScheduler> logger) : IConnectorScheduler
{
    private const string RecurringPrefix = "connector:";

    /// <summary>The province's time (UTC+7, no daylight saving), which connector schedules are written in.</summary>
    public static TimeZoneInfo ProvinceTime => FileDelivery.ProvinceTime;

    public static string RecurringJobId(string connectorKey) => RecurringPrefix + connectorKey;

    public void Schedule(Connector connector)
    {
        if (!connector.IsActive || connector.Kind is not (ConnectorKind.Rest or ConnectorKind.Database))
        {
            Unschedule(connector.Key);
            return;
        }
        var key = connector.Key;
        recurring.AddOrUpdate<ConnectorJobs>(RecurringJobId(key),
            job => job.RunAsync(key, SyncTrigger.Schedule, null, null, CancellationToken.None),
            connector.Schedule, new RecurringJobOptions { TimeZone = ProvinceTime });
    }

    public void Unschedule(string connectorKey) => recurring.RemoveIfExists(RecurringJobId(connectorKey));

    /// <summary>Brings every connector's schedule in step and drops schedules of connectors that are gone (on start-up).</summary>
    public async Task SyncAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = await db.Connectors.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var connector in all)
        {
            Schedule(connector);
        }
        var keys = all.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs().Where(j => j.Id.StartsWith(RecurringPrefix, StringComparison.Ordinal)))
        {
            if (!keys.Contains(job.Id[RecurringPrefix.Length..]))
            {
                recurring.RemoveIfExists(job.Id);
            }
        }
        LogScheduled(all.Count(c => c.IsActive));
    }

    /// <summary>When each scheduled connector runs next, by key, as the job storage has it (so every instance agrees).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> NextRuns()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs()
            .Where(j => j.Id.StartsWith(RecurringPrefix, StringComparison.Ordinal) && j.NextExecution is not null && j.Removed is false)
            .ToDictionary(j => j.Id[RecurringPrefix.Length..], j => new DateTimeOffset(DateTime.SpecifyKind(j.NextExecution!.Value, DateTimeKind.Utc)),
                StringComparer.Ordinal);
    }

    /// <summary>"Chạy ngay": enqueues a manual run of a pull connector that rests on both documents.</summary>
    /// <returns>The Hangfire job id.</returns>
    public async Task<Result<string>> RunNowAsync(Caller caller, string connectorKey, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Key == connectorKey, cancellationToken) is not { } connector)
        {
            return ConnectorErrors.NotFound(connectorKey);
        }
        if (connector.Kind is not (ConnectorKind.Rest or ConnectorKind.Database))
        {
            return ConnectorJobErrors.NotPulled(connector);
        }
        if (ConnectorRules.ActivationProblem(connector) is { } problem)
        {
            return ConnectorJobErrors.NoLegalBasis(problem);
        }
        // A quick answer for the page; the job itself is what guarantees one run at a time.
        if (await db.SyncRuns.AnyAsync(r => r.ConnectorId == connector.Id && r.Status == SyncRunStatus.Running, cancellationToken))
        {
            return ConnectorJobErrors.AlreadyRunning(connectorKey);
        }
        var userId = caller.UserId;
        return jobs.Enqueue<ConnectorJobs>(job => job.RunAsync(connectorKey, SyncTrigger.Manual, userId, null, CancellationToken.None));
    }

    /// <summary>Cancels the connector's running sync: at once when it runs here, through its job's deletion anywhere else.</summary>
    public async Task<Result<bool>> CancelAsync(Caller caller, string connectorKey, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Key == connectorKey, cancellationToken) is not { } connector)
        {
            return ConnectorErrors.NotFound(connectorKey);
        }
        var running = await db.SyncRuns.AsNoTracking()
            .Where(r => r.ConnectorId == connector.Id && r.Status == SyncRunStatus.Running).SingleOrDefaultAsync(cancellationToken);
        var here = local.Cancel(connectorKey);
        if (running?.JobId is { } jobId)
        {
            jobs.Delete(jobId);
        }
        return running is not null || here ? true : ConnectorJobErrors.NotRunning(connectorKey);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector schedules in step: {Active} active")]
    private partial void LogScheduled(int active);
}
