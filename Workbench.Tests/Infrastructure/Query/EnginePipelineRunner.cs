using System.Text.Json.Nodes;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query;
using Workbench.Core.Query.Compilation;
using Workbench.Tests.Core.Query;
using Workbench.Tests.Engine.Reference;

namespace Workbench.Tests.Infrastructure.Query;

/// <summary>
/// The engine as a differential runner: loads a case's datasets into a real warehouse (once per key), compiles the
/// pipeline for the warehouse's dialect as a system administrator, reads pivot values when asked, and returns the
/// rows the warehouse's <see cref="IWarehouse.QueryAsync"/> gives. It is its own <see cref="ISourceCatalog"/>, like
/// <see cref="TestCatalog"/>, so no metadata store is needed.
/// </summary>
public sealed class EnginePipelineRunner(IWarehouse warehouse) : IPipelineRunner, ISourceCatalog
{
    private static readonly AccessContext SystemAdmin =
        AccessContext.ForCaller(new Caller(null, "Quản trị hệ thống", 0, Roles.SystemAdmin));

    // A generous backstop: a generated case runs in milliseconds, so a hang fails the case instead of the whole run.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (ReferenceTable Table, Dataset Dataset)> _loaded = [];
    private int _nextId;

    public async Task<ResultTable> RunAsync(DifferentialCase c, CancellationToken ct)
    {
        foreach (var (key, table) in c.Datasets)
        {
            await LoadAsync(key, table, ct);
        }

        var body = c.Pipeline;
        body["arguments"] = c.Arguments;
        var parsed = PipelineJson.Parse(body.ToJsonString());
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException("The engine refused the pipeline JSON: " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
        }
        var run = new PipelineRun(parsed.Pipeline!, parsed.Arguments);

        var pivotValues = new Dictionary<int, IReadOnlyList<string>>();
        while (true)
        {
            var result = await PipelineCompiler.CompileAsync(run, this, SystemAdmin, warehouse.Dialect, pivotValues, ct);
            if (!result.IsValid)
            {
                throw new InvalidOperationException("The engine refused the pipeline: " + string.Join("; ", result.Errors.Select(e => $"step {e.Step} {e.Field}: {e.Message}")));
            }
            if (result.PivotValuesNeeded is { } request)
            {
                var values = await QueryAsync(request.Query, ct);
                pivotValues[request.Step] = [.. values.Select(r => (string)r[0]!)];
                continue;
            }
            var query = result.Query!;
            var columns = query.Columns.Select(col => new ReferenceColumn(col.Name, col.Type)).ToList();
            return new ResultTable(columns, await QueryAsync(query, ct));
        }
    }

    public Task<Dataset?> FindDatasetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_loaded.TryGetValue(key, out var entry) ? entry.Dataset : null);

    /// <summary>Generated cases read datasets only.</summary>
    public Task<Workbench.Core.Scenarios.Scenario?> FindScenarioAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<Workbench.Core.Scenarios.Scenario?>(null);

    private async Task<List<object?[]>> QueryAsync(CompiledQuery query, CancellationToken ct)
    {
        var rows = new List<object?[]>();
        await foreach (var row in warehouse.QueryAsync(query, Timeout, ct))
        {
            rows.Add(row);
        }
        return rows;
    }

    // The generated cases of one dataset set share the same table instances; a replayed case brings new ones under
    // the same key, which then get a table of their own.
    private async Task LoadAsync(string key, ReferenceTable table, CancellationToken ct)
    {
        if (_loaded.TryGetValue(key, out var entry) && ReferenceEquals(entry.Table, table))
        {
            return;
        }
        var dataset = TestCatalog.Make(++_nextId, key, key, [.. table.Columns.Select(c => (c.Name, c.Type))]);
        var columns = dataset.OrderedColumns.Select(c => new WarehouseColumn(c.PhysicalName, c.Type)).ToList();
        await warehouse.DropTableAsync(dataset.TableName, ct);
        await warehouse.CreateTableAsync(dataset.TableName, columns, ct);
        await warehouse.LoadAsync(new WarehouseLoad(dataset.TableName, columns, LoadMode.Append, []), table.Rows, ct);
        _loaded[key] = (table, dataset);
    }
}
