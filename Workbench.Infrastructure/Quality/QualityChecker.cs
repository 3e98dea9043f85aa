using System.Text.Json;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Quality;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Query;

namespace Workbench.Infrastructure.Quality;

/// <summary>
/// Checks a dataset against its quality rules through the query engine: each rule's violations pipeline is previewed
/// (a few rows and the total), as the dataset's own agency sees it.
/// </summary>
public sealed class QualityChecker(DatasetService datasets, QueryService queries, TimeProvider time)
{
    /// <summary>Violations shown per rule in the report.</summary>
    public const int SampleRows = 5;

    public async Task<Result<QualityReport>> CheckAsync(string datasetKey, IReadOnlyList<QualityRule> rules, CancellationToken cancellationToken)
    {
        if (await datasets.FindAsync(datasetKey, cancellationToken) is not { } dataset)
        {
            return DatasetErrors.NotFound(datasetKey);
        }
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
