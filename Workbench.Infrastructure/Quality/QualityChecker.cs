using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Quality;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Query;

namespace Workbench.Infrastructure.Quality;

/// <summary>
/// Checks a dataset against its quality rules through the query engine: each rule's violations pipeline is previewed
/// (a few rows and the total), as the dataset's own agency sees it.
/// </summary>
public sealed class QualityChecker(
    DatasetService datasets, QueryService queries, IDbContextFactory<WorkbenchDbContext> contexts, AuditLog audit, TimeProvider time)
{
    /// <summary>Violations shown per rule in the report.</summary>
    public const int SampleRows = 5;

    public const int MaxRules = 50;

    /// <summary>Replaces the dataset's rules (those who may load it set them); each rule must fit the dataset's columns.</summary>
    public async Task<Result<Dataset>> SetRulesAsync(Caller caller, string datasetKey, IReadOnlyList<QualityRule> rules, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.Include(d => d.Columns).SingleOrDefaultAsync(d => d.Key == datasetKey, cancellationToken);
        if (dataset is null)
        {
            return DatasetErrors.NotFound(datasetKey);
        }
        if (!DatasetAccess.CanLoad(caller, dataset))
        {
            return QualityErrors.NoRight(dataset);
        }
        var problems = rules.Select((rule, i) => rule.Problem(dataset.OrderedColumns) is { } problem ? $"{i + 1}. {rule.Describe()}: {problem}" : null)
            .OfType<string>().ToList();
        if (rules.Count > MaxRules)
        {
            problems.Add(Text.Pick("Tối đa {0} quy tắc cho một bộ dữ liệu.", "At most {0} rules per dataset.", MaxRules));
        }
        if (problems.Count > 0)
        {
            return new Error(ErrorKind.Invalid, "quality.invalid-rules",
                Text.Pick("Quy tắc chất lượng chưa hợp lệ; hãy sửa các mục dưới đây.", "The quality rules are not valid; fix the points below."), problems);
        }
        var before = dataset.QualityRules.Select(r => r.Describe()).ToList();
        dataset.QualityRules = [.. rules];
        // The old score measured other rules.
        dataset.QualityScore = null;
        dataset.QualityCheckedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(caller, AuditActions.DatasetQualityRulesChanged, dataset.Key,
            new { before, after = rules.Select(r => r.Describe()) }, cancellationToken);
        return dataset;
    }

    /// <summary>Checks the dataset against its own rules and keeps the score for the dataset and catalog pages.</summary>
    public async Task<Result<QualityReport>> CheckAndRecordAsync(Caller caller, string datasetKey, CancellationToken cancellationToken)
    {
        if (await datasets.FindAsync(datasetKey, cancellationToken) is not { } dataset)
        {
            return DatasetErrors.NotFound(datasetKey);
        }
        if (!DatasetAccess.CanLoad(caller, dataset))
        {
            return QualityErrors.NoRight(dataset);
        }
        return await CheckAndRecordAsync(dataset, cancellationToken);
    }

    /// <summary>
    /// Checks the dataset against its own rules as the platform (after a sync's load: whoever pushed or scheduled it, the
    /// check reads what the owner sees) and keeps the score; null when it has no rules (or no longer exists).
    /// </summary>
    public async Task<QualityReport?> CheckAndRecordAsync(int datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.Datasets.Where(d => d.Id == datasetId).Select(d => d.Key).SingleOrDefaultAsync(cancellationToken);
        if (key is null || await datasets.FindAsync(key, cancellationToken) is not { QualityRules.Count: > 0 } dataset)
        {
            return null;
        }
        return await CheckAndRecordAsync(dataset, cancellationToken);
    }

    private async Task<QualityReport> CheckAndRecordAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        var report = await CheckAsync(dataset, dataset.QualityRules, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Datasets.Where(d => d.Id == dataset.Id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.QualityScore, report.Results.Count == 0 ? null : report.Score)
            .SetProperty(d => d.QualityCheckedAt, report.CheckedAt), cancellationToken);
        return report;
    }

    public async Task<Result<QualityReport>> CheckAsync(string datasetKey, IReadOnlyList<QualityRule> rules, CancellationToken cancellationToken) =>
        await datasets.FindAsync(datasetKey, cancellationToken) is { } dataset
            ? await CheckAsync(dataset, rules, cancellationToken)
            : DatasetErrors.NotFound(datasetKey);

    private async Task<QualityReport> CheckAsync(Dataset dataset, IReadOnlyList<QualityRule> rules, CancellationToken cancellationToken)
    {
        // The check reads what the owner sees, whoever triggered it (a sync, an administrator); a reference dataset
        // of another agency is read by the platform itself, which is why this runs as the system.
        var checker = new Caller(null, Text.Pick("Kiểm tra chất lượng dữ liệu", "Data quality check"), dataset.OwnerAgencyId, Roles.SystemAdmin);
        var columns = dataset.OrderedColumns;
        var results = new List<QualityRuleResult>();
        foreach (var rule in rules)
        {
            if (rule.Problem(columns) is { } problem)
            {
                results.Add(new QualityRuleResult(rule, 0, [], problem));
                continue;
            }
            var preview = await queries.PreviewAsync(checker, new PipelineRun(rule.Violations(dataset.Key, columns), new Dictionary<string, JsonElement>()),
                SampleRows, cancellationToken);
            results.Add(preview.Error is { } error
                ? new QualityRuleResult(rule, 0, [], string.Join(" ", [error.Message, .. error.Errors.Select(e => e.Message)]))
                : new QualityRuleResult(rule, preview.Value!.TotalRows, preview.Value.Rows, null));
        }
        return new QualityReport(dataset.RowCount, results, time.GetUtcNow());
    }
}

/// <summary>The quality errors people see.</summary>
public static class QualityErrors
{
    public static Error NoRight(Dataset dataset) => new(ErrorKind.Forbidden, "quality.no-right",
        Text.Pick("Chỉ người dùng của cơ quan sở hữu bộ dữ liệu «{0}» (được nạp dữ liệu) mới đặt và kiểm tra quy tắc chất lượng.",
            "Only users of the agency that owns dataset '{0}' who may load it set and check its quality rules.", dataset.Name));
}
