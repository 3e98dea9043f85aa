using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Core.Quality;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Quality;

/// <summary>
/// Quality on every sync (issue 6 item 6): after a load, whatever brought it (a pull, a push, a delivered file), the
/// target dataset is checked against its rules as the platform, its score kept for the dataset and catalog pages, and
/// the run keeps its own report. The load has already succeeded, so a check that fails is recorded as the report's
/// error and never fails the run.
/// </summary>
public sealed partial class SyncQuality(
    QualityChecker checker, IDbContextFactory<WorkbenchDbContext> contexts, TimeProvider time, ILogger<SyncQuality> logger)
{
    /// <summary>
    /// Checks <paramref name="datasetId"/> after <paramref name="run"/> loaded it and sets the run's
    /// <see cref="SyncRun.QualityScore"/>, <see cref="SyncRun.QualityViolations"/> and <see cref="SyncRun.QualityReportJson"/>;
    /// a dataset without rules leaves them null. When the run's row exists already (<c>Id</c> set) the three are
    /// written to it too, so this may be called before or after the run's end is saved. Never throws: a check that fails
    /// or is cancelled is recorded as the report's error, since the rows are loaded either way.
    /// </summary>
    public async Task RecordAsync(SyncRun run, int datasetId, CancellationToken cancellationToken)
    {
        SyncQualityReport report;
        try
        {
            if (await checker.CheckAndRecordAsync(datasetId, cancellationToken) is not { } checkedReport)
            {
                return;
            }
            report = SyncQualityReport.From(checkedReport);
        }
        catch (Exception exception)
        {
            LogCheckFailed(exception, run.Id, datasetId);
            report = SyncQualityReport.Failed(exception is OperationCanceledException
                ? Text.Pick("Kiểm tra chất lượng bị hủy giữa chừng; dữ liệu đã nạp vẫn giữ nguyên.",
                    "The quality check was cancelled half-way; the rows loaded stay.")
                : Text.Pick("Không kiểm tra được chất lượng sau lần nạp này: {0}", "The quality could not be checked after this load: {0}",
                    exception.Message), time.GetUtcNow());
        }
        run.QualityScore = report.Score;
        run.QualityViolations = report.Error is null ? report.Violations : null;
        run.QualityReportJson = report.ToJson();
        if (run.Id == 0)
        {
            return;
        }
        // The run's end is written even when its token fired; so is what the check found.
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.SyncRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.QualityScore, run.QualityScore)
            .SetProperty(r => r.QualityViolations, run.QualityViolations)
            .SetProperty(r => r.QualityReportJson, run.QualityReportJson), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId}: the quality check of dataset {DatasetId} failed; the run stays as it ended")]
    private partial void LogCheckFailed(Exception exception, long runId, int datasetId);
}
