using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Catalog;

/// <summary>
/// Datasets end to end: metadata, warehouse table, loads and reads. Pages and the API call this;
/// every access decision goes through <see cref="DatasetAccess"/>.
/// </summary>
public sealed class DatasetService(
    IDbContextFactory<WorkbenchDbContext> contexts,
    IWarehouse warehouse,
    AuditLog audit,
    DatasetLoadLocks locks,
    Query.QueryService queries,
    Access.GrantService grants,
    DatasetChanges changes,
    TimeProvider time)
{
    public const int MaxColumnNameLength = 128;

    /// <summary>Every dataset of the catalog (metadata is discoverable; rows are not), with what the caller may do.</summary>
    public async Task<IReadOnlyList<CatalogEntry>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var datasets = await db.Datasets.AsNoTracking()
            .Include(d => d.OwnerAgency)
            .Include(d => d.Columns)
            .ToListAsync(cancellationToken);
        var reach = await grants.ForCallerAsync(caller, cancellationToken);
        return [.. datasets
            .OrderBy(d => d.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), ignoreCase: true))
            .Select(d => new CatalogEntry(d, DatasetAccess.CanQuery(caller, d, reach), DatasetAccess.CanLoad(caller, d)))];
    }

    /// <summary>The datasets whose rows the caller may query (the API's <c>GET /datasets</c>).</summary>
    public async Task<IReadOnlyList<Dataset>> ListQueryableAsync(Caller caller, CancellationToken cancellationToken) =>
        [.. (await ListAsync(caller, cancellationToken)).Where(e => e.CanQuery).Select(e => e.Dataset)];

    public async Task<Dataset?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Datasets.AsNoTracking()
            .Include(d => d.OwnerAgency)
            .Include(d => d.Columns)
            .SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
    }

    /// <summary>A dataset the caller may query, or why not.</summary>
    public async Task<Result<Dataset>> GetQueryableAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        var dataset = await FindAsync(key, cancellationToken);
        if (dataset is null)
        {
            return DatasetErrors.NotFound(key);
        }
        return DatasetAccess.CanQuery(caller, dataset, await grants.ForCallerAsync(caller, cancellationToken))
            ? dataset
            : DatasetErrors.NoQueryRight(dataset);
    }

    public async Task<Result<Dataset>> CreateAsync(Caller caller, NewDataset request, CancellationToken cancellationToken)
    {
        if (!DatasetAccess.CanCreate(caller, request.OwnerAgencyId))
        {
            return DatasetErrors.NoCreateRight();
        }
        if (ValidateDefinition(request.Key, request.Name, request.Columns) is { } invalid)
        {
            return invalid;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Agencies.AnyAsync(a => a.Id == request.OwnerAgencyId, cancellationToken))
        {
            return new Error(ErrorKind.Invalid, "agency.not-found",
                Text.Pick("Không tìm thấy cơ quan chủ quản (mã {0}).", "Owner agency {0} was not found.", request.OwnerAgencyId));
        }
        if (await db.Datasets.AnyAsync(d => d.Key == request.Key, cancellationToken))
        {
            return DatasetErrors.KeyTaken(request.Key);
        }

        var dataset = new Dataset
        {
            Key = request.Key,
            Name = request.Name.Trim(),
            Description = request.Description,
            OwnerAgencyId = request.OwnerAgencyId,
            CatalogGroup = request.CatalogGroup,
            Classification = request.Classification,
            ExpectedUpdateFrequency = request.Frequency,
            IsSample = request.IsSample,
            CreatedAt = time.GetUtcNow(),
            TableName = "pending",
            Columns = ToColumns(request.Columns),
        };
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync(cancellationToken);

        dataset.TableName = DatasetKey.TableNameFor(dataset.Id);
        try
        {
            await warehouse.CreateTableAsync(dataset.TableName, WarehouseColumns(dataset), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Keep the two stores consistent: no metadata without its table.
            db.Datasets.Remove(dataset);
            await db.SaveChangesAsync(CancellationToken.None);
            await warehouse.DropTableAsync(dataset.TableName, CancellationToken.None);
            throw;
        }

        await audit.WriteAsync(caller, AuditActions.DatasetCreated, dataset.Key,
            new { dataset.Name, columns = request.Columns.Select(c => new { c.Name, type = c.Type.ToContractName(), c.IsKey }) },
            cancellationToken);
        return (await FindAsync(dataset.Key, cancellationToken))!;
    }

    /// <summary>
    /// Loads rows (values in the dataset's column order). All or nothing: if <paramref name="rows"/> throws
    /// or the warehouse refuses a row, the dataset stays as it was.
    /// </summary>
    public Task<Result<LoadResult>> LoadAsync(
        Caller caller, string key, LoadMode mode, IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        LoadAsync(caller, key, mode, rows, checkpoint: null, cancellationToken);

    /// <summary>A load that also commits <paramref name="checkpoint"/> (a sync's watermark) with its rows, or neither.</summary>
    public async Task<Result<LoadResult>> LoadAsync(
        Caller caller, string key, LoadMode mode, IEnumerable<object?[]> rows, WarehouseCheckpoint? checkpoint,
        CancellationToken cancellationToken)
    {
        var dataset = await FindAsync(key, cancellationToken);
        if (dataset is null)
        {
            return DatasetErrors.NotFound(key);
        }
        if (!DatasetAccess.CanLoad(caller, dataset))
        {
            return DatasetErrors.NoLoadRight(dataset);
        }

        using var _ = await locks.AcquireAsync(dataset.Id, cancellationToken);
        // Read again under the lock: a redefinition that held it has moved the rows to a new table with new columns.
        dataset = await FindAsync(key, cancellationToken);
        if (dataset is null)
        {
            return DatasetErrors.NotFound(key);
        }
        var keys = dataset.OrderedColumns.Where(c => c.IsKey).Select(c => c.PhysicalName).ToList();
        if (mode == LoadMode.Upsert && keys.Count == 0)
        {
            return new Error(ErrorKind.Invalid, "dataset.no-key",
                Text.Pick("Bộ dữ liệu «{0}» chưa có cột khóa nên không thể cập nhật theo khóa (upsert). Hãy chọn cột khóa hoặc dùng chế độ thêm/thay thế.",
                    "Dataset '{0}' has no key columns, so it cannot be upserted. Choose key columns, or append or replace instead.", dataset.Name));
        }
        var counter = new CountingRows(rows);
        var load = new WarehouseLoad(dataset.TableName, WarehouseColumns(dataset), mode, keys, checkpoint);
        long rowCount;
        try
        {
            rowCount = await warehouse.LoadAsync(load, counter, cancellationToken);
        }
        catch (WarehouseLoadException exception)
        {
            return DatasetErrors.Rejected(exception);
        }
        var version = await RecordLoadAsync(dataset.Id, rowCount, replacesAll: mode == LoadMode.Replace, cancellationToken);

        await audit.WriteAsync(caller, AuditActions.DatasetLoaded, dataset.Key,
            new { mode = mode.ToString().ToLowerInvariant(), rows = counter.Count, rowCount, dataVersion = version }, cancellationToken);
        return new LoadResult(counter.Count, rowCount, version);
    }

    /// <summary>
    /// Replaces a dataset's rows and its columns at once (a full refresh whose file has another shape).
    /// The new rows go into a new table; metadata then points at it in one transaction, so readers see the old
    /// dataset or the new one, never a mix.
    /// </summary>
    public async Task<Result<LoadResult>> RedefineAsync(
        Caller caller, string key, IReadOnlyList<NewColumn> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var found = await FindAsync(key, cancellationToken);
        if (found is null)
        {
            return DatasetErrors.NotFound(key);
        }
        if (!DatasetAccess.CanLoad(caller, found))
        {
            return DatasetErrors.NoLoadRight(found);
        }
        if (ValidateDefinition(found.Key, found.Name, columns) is { } invalid)
        {
            return invalid;
        }

        using var _ = await locks.AcquireAsync(found.Id, cancellationToken);
        // Read under the lock: another redefinition that held it has changed the table, the columns and the version.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.Include(d => d.Columns).Include(d => d.OwnerAgency)
            .SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (dataset is null)
        {
            return DatasetErrors.NotFound(key);
        }
        var oldTable = dataset.TableName;
        var newTable = $"{DatasetKey.TableNameFor(dataset.Id)}_v{dataset.DataVersion + 1}";
        var newColumns = ToColumns(columns);
        var warehouseColumns = newColumns.Select(c => new WarehouseColumn(c.PhysicalName, c.Type)).ToList();
        var counter = new CountingRows(rows);
        long rowCount;
        try
        {
            await warehouse.DropTableAsync(newTable, cancellationToken);
            await warehouse.CreateTableAsync(newTable, warehouseColumns, cancellationToken);
            rowCount = await warehouse.LoadAsync(
                new WarehouseLoad(newTable, warehouseColumns, LoadMode.Append, []), counter, cancellationToken);
        }
        catch (Exception exception)
        {
            await warehouse.DropTableAsync(newTable, CancellationToken.None);
            if (exception is WarehouseLoadException rejected)
            {
                return DatasetErrors.Rejected(rejected);
            }
            throw;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.DatasetColumns.RemoveRange(dataset.Columns);
            await db.SaveChangesAsync(cancellationToken);
            dataset.Columns = newColumns;
            dataset.TableName = newTable;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var version = await RecordLoadAsync(dataset.Id, rowCount, replacesAll: true, cancellationToken);
        await warehouse.DropTableAsync(oldTable, CancellationToken.None);

        await audit.WriteAsync(caller, AuditActions.DatasetLoaded, dataset.Key,
            new { mode = "replace-schema", rows = counter.Count, rowCount, dataVersion = version,
                  columns = columns.Select(c => new { c.Name, type = c.Type.ToContractName(), c.IsKey }) }, cancellationToken);
        return new LoadResult(counter.Count, rowCount, version);
    }

    /// <summary>
    /// A page of a dataset's rows, read through the engine like any query, so the caller's access (row filters, masked
    /// columns once grants exist) applies here as everywhere; the run is audited.
    /// </summary>
    public async Task<Result<RowPage>> ReadRowsAsync(Caller caller, string key, long offset, int limit, CancellationToken cancellationToken)
    {
        var found = await GetQueryableAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var dataset = found.Value!;
        var page = new LimitStep(Math.Clamp(limit, 0, 10_000), offset > 0 ? offset : null);
        var run = new PipelineRun(new Pipeline(SourceReference.ForDataset(key), [], [page]), new Dictionary<string, System.Text.Json.JsonElement>());
        var outcome = await queries.RunAsync(caller, run, cancellationToken);
        if (outcome.Error is { } queryError)
        {
            return new Error(queryError.Kind, queryError.Code, queryError.Message);
        }
        var total = dataset.RowCount;
        if (!DatasetAccess.IsOwner(caller, dataset))
        {
            // A grantee's row filter hides rows: count what they may see, through the engine like the rows (cached).
            var count = new AggregateStep([], [new Measure(AggregateFunction.Count, null, "n")]);
            var counted = await queries.RunAsync(caller,
                new PipelineRun(new Pipeline(SourceReference.ForDataset(key), [], [count]), new Dictionary<string, System.Text.Json.JsonElement>()),
                cancellationToken);
            total = counted.Value?.Rows.FirstOrDefault()?[0] is long visible ? visible : 0;
        }
        return new RowPage(dataset.OrderedColumns, outcome.Value!.Rows, total);
    }

    /// <summary>Checks the caller's download right on a dataset.</summary>
    public async Task<Result<Dataset>> GetDownloadableAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        var found = await GetQueryableAsync(caller, key, cancellationToken);
        if (found.Error is not null)
        {
            return found;
        }
        return DatasetAccess.CanDownload(caller, found.Value!, await grants.ForCallerAsync(caller, cancellationToken))
            ? found
            : DatasetErrors.NoDownloadRight(found.Value!);
    }

    public async Task<Result<bool>> DeleteAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.Include(d => d.OwnerAgency).SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (dataset is null)
        {
            return DatasetErrors.NotFound(key);
        }
        if (!DatasetAccess.CanDelete(caller, dataset))
        {
            return DatasetErrors.NoDeleteRight(dataset);
        }
        // A load in progress finishes first; the table it writes to is then dropped with the dataset.
        using var _ = await locks.AcquireAsync(dataset.Id, cancellationToken);
        await db.Entry(dataset).ReloadAsync(cancellationToken);
        // Datasets derived from this one keep its name in their lineage; only the link goes.
        await db.DerivationSources.Where(s => s.DatasetId == dataset.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DatasetId, (int?)null), cancellationToken);
        // Requests point at grants that the dataset's delete cascades to: they go first, whatever order an engine
        // checks constraints in.
        await db.AccessRequests.Where(r => r.DatasetId == dataset.Id).ExecuteDeleteAsync(cancellationToken);
        db.Datasets.Remove(dataset);
        await db.SaveChangesAsync(cancellationToken);
        await warehouse.DropTableAsync(dataset.TableName, CancellationToken.None);
        await audit.WriteAsync(caller, AuditActions.DatasetDeleted, key, new { dataset.Name, dataset.RowCount }, cancellationToken);
        return true;
    }

    /// <summary>
    /// Removes a dataset that was created moments ago by the same operation that now failed (for example a file
    /// that did not load). Not an access path: callers only pass the id they just created.
    /// </summary>
    internal async Task DiscardNewAsync(int datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.SingleOrDefaultAsync(d => d.Id == datasetId, cancellationToken);
        if (dataset is null)
        {
            return;
        }
        // Requests point at grants that the dataset's delete cascades to: they go first, whatever order an engine
        // checks constraints in.
        await db.AccessRequests.Where(r => r.DatasetId == dataset.Id).ExecuteDeleteAsync(cancellationToken);
        db.Datasets.Remove(dataset);
        await db.SaveChangesAsync(cancellationToken);
        await warehouse.DropTableAsync(dataset.TableName, cancellationToken);
    }

    /// <summary>Checks a dataset definition; null when it is valid.</summary>
    public static Error? ValidateDefinition(string key, string name, IReadOnlyList<NewColumn> columns, int maxColumns = 500)
    {
        var problems = new List<string>();
        if (!DatasetKey.IsValid(key))
        {
            problems.Add(Text.Pick(
                "Mã bộ dữ liệu «{0}» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ «dan-so-huyen».",
                "Dataset key '{0}' is not valid: use lower-case letters without marks, digits and dashes, e.g. 'dan-so-huyen'.", key));
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(Text.Pick("Tên bộ dữ liệu không được để trống.", "The dataset name must not be empty."));
        }
        if (columns.Count == 0)
        {
            problems.Add(Text.Pick("Bộ dữ liệu cần ít nhất một cột.", "A dataset needs at least one column."));
        }
        if (columns.Count > maxColumns)
        {
            problems.Add(Text.Pick("Bộ dữ liệu có {0} cột, vượt giới hạn {1} cột.", "The dataset has {0} columns, over the limit of {1}.", columns.Count, maxColumns));
        }
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i].Name?.Trim() ?? "";
            if (column.Length == 0)
            {
                problems.Add(Text.Pick("Cột thứ {0} chưa có tên.", "Column {0} has no name.", i + 1));
            }
            else if (column.Length > MaxColumnNameLength)
            {
                problems.Add(Text.Pick("Tên cột thứ {0} dài quá {1} ký tự.", "The name of column {0} is longer than {1} characters.", i + 1, MaxColumnNameLength));
            }
            else if (!seen.TryAdd(column, i + 1))
            {
                problems.Add(Text.Pick("Tên cột «{0}» bị trùng (cột thứ {1} và {2}).", "Column name '{0}' is used twice (columns {1} and {2}).", column, seen[column], i + 1));
            }
        }
        return problems.Count == 0 ? null : new Error(ErrorKind.Invalid, "dataset.invalid", problems[0], problems);
    }

    private static List<DatasetColumn> ToColumns(IReadOnlyList<NewColumn> columns) =>
        [.. columns.Select((c, i) => new DatasetColumn
        {
            Name = c.Name.Trim(),
            PhysicalName = DatasetKey.PhysicalColumnName(i),
            Type = c.Type,
            Ordinal = i,
            IsKey = c.IsKey,
            Description = c.Description,
        })];

    private static List<WarehouseColumn> WarehouseColumns(Dataset dataset) =>
        [.. dataset.OrderedColumns.Select(c => new WarehouseColumn(c.PhysicalName, c.Type))];

    /// <param name="replacesAll">The load replaced every row: whatever was sample data is now the agency's own.</param>
    private async Task<long> RecordLoadAsync(int datasetId, long rowCount, bool replacesAll, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        // Note: the increment happens in the database, so two app instances never hand out the same version.
        await db.Datasets.Where(d => d.Id == datasetId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.DataVersion, d => d.DataVersion + 1)
            .SetProperty(d => d.RowCount, rowCount)
            .SetProperty(d => d.LastLoadedAt, now)
            .SetProperty(d => d.IsSample, d => d.IsSample && !replacesAll), CancellationToken.None);
        var loaded = await db.Datasets.Where(d => d.Id == datasetId).Select(d => new { d.Key, d.DataVersion }).SingleAsync(CancellationToken.None);
        changes.Publish(new DatasetChange(datasetId, loaded.Key, loaded.DataVersion));
        return loaded.DataVersion;
    }

    /// <summary>Counts rows as the warehouse consumes them.</summary>
    private sealed class CountingRows(IEnumerable<object?[]> rows) : IEnumerable<object?[]>
    {
        public long Count { get; private set; }

        public IEnumerator<object?[]> GetEnumerator()
        {
            Count = 0;
            foreach (var row in rows)
            {
                Count++;
                yield return row;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>One load at a time per dataset in this process; loads of different datasets run in parallel.</summary>
public sealed class DatasetLoadLocks
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> AcquireAsync(int datasetId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(datasetId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}

/// <summary>The dataset errors, in one place so the UI and the API say the same thing.</summary>
public static class DatasetErrors
{
    public static Error NotFound(string key) => new(ErrorKind.NotFound, "dataset.not-found",
        Text.Pick("Không tìm thấy bộ dữ liệu «{0}».", "Dataset '{0}' was not found.", key));

    public static Error KeyTaken(string key) => new(ErrorKind.Conflict, "dataset.key-taken",
        Text.Pick("Mã bộ dữ liệu «{0}» đã được dùng. Hãy chọn mã khác.", "Dataset key '{0}' is already used. Choose another key.", key));

    public static Error NoQueryRight(Dataset dataset) => new(ErrorKind.Forbidden, "dataset.no-query-right",
        Text.Pick("Bạn chưa được cấp quyền khai thác bộ dữ liệu «{0}». Quản trị của {1} có thể cấp quyền.",
            "You have not been granted access to dataset '{0}'. The administrator of {1} can grant it.",
            dataset.Name, AgencyName(dataset)));

    public static Error NoDownloadRight(Dataset dataset) => new(ErrorKind.Forbidden, "dataset.no-download-right",
        Text.Pick("Bạn được xem nhưng chưa được tải về dữ liệu của bộ dữ liệu «{0}». Hãy đề nghị cơ quan sở hữu cấp quyền tải về.",
            "You may view but not download the rows of dataset '{0}'. Ask its owner agency for a download right.", dataset.Name));

    public static Error NoLoadRight(Dataset dataset) => new(ErrorKind.Forbidden, "dataset.no-load-right",
        Text.Pick("Chỉ chuyên viên và quản trị của {1} được nạp dữ liệu vào bộ dữ liệu «{0}».",
            "Only analysts and administrators of {1} may load data into dataset '{0}'.", dataset.Name, AgencyName(dataset)));

    public static Error NoDeleteRight(Dataset dataset) => new(ErrorKind.Forbidden, "dataset.no-delete-right",
        Text.Pick("Chỉ quản trị của {1} được xóa bộ dữ liệu «{0}».",
            "Only administrators of {1} may delete dataset '{0}'.", dataset.Name, AgencyName(dataset)));

    public static Error Rejected(WarehouseLoadException exception) => new(ErrorKind.Invalid, "dataset.rows-rejected",
        Text.Pick("Không dòng nào được nạp: {0}", "No row was loaded: {0}", exception.Message));

    public static Error NoCreateRight() => new(ErrorKind.Forbidden, "dataset.no-create-right",
        Text.Pick("Bạn chỉ được tạo bộ dữ liệu cho cơ quan của mình, với vai trò chuyên viên hoặc quản trị.",
            "You may create datasets only for your own agency, as an analyst or administrator."));

    private static string AgencyName(Dataset dataset) =>
        (Text.IsEnglish ? dataset.OwnerAgency?.NameEn : null) ?? dataset.OwnerAgency?.Name ?? "?";
}
