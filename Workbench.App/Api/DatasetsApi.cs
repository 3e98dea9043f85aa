using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Imports;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Connectors.Jobs;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Imports;
using Workbench.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Workbench.App.Api;

/// <summary>The dataset half of HTTP API v1 (PIPELINE.md): catalog, creation, push ingest, upload, rows.</summary>
public static class DatasetsApi
{
    /// <summary>Room for the multipart boundaries and headers around the file itself.</summary>
    private const long MultipartAllowance = 1024 * 1024;

    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .RequireAuthorization(ApiKeyAuthenticationHandler.PolicyName)
            .WithTags("Datasets")
            .DisableAntiforgery();

        api.MapGet("/datasets", ListAsync).WithSummary("Datasets the caller may query.");
        api.MapGet("/datasets/{key}", GetAsync).WithSummary("One dataset's metadata.");
        api.MapPost("/datasets", CreateAsync).WithSummary("Create a dataset (administrators).");
        // Kestrel's default body limit (30 MB) would cut uploads short of the configured file limit.
        var imports = endpoints.ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value;
        var uploadLimit = imports.Limits.MaxBytes + MultipartAllowance;
        api.MapPost("/datasets/{key}/rows", PushAsync)
            .WithMetadata(new RequestSizeLimitAttribute(imports.MaxPushMegabytes * 1024L * 1024L), new PushConnectorEndpoint())
            .WithSummary("Push rows: a JSON array of objects keyed by column name. A batch is all or nothing. " +
                "A push connector's own key pushes to its dataset only, in its mode, each push recorded as a sync of the connector.");
        api.MapPost("/datasets/{key}/upload", UploadAsync)
            .WithMetadata(new RequestSizeLimitAttribute(uploadLimit))
            .WithFormOptions(multipartBodyLengthLimit: uploadLimit)
            .WithSummary("Upload a CSV or XLSX file (multipart field 'file'); creates the dataset with inferred types when the key is new.");
        api.MapGet("/datasets/{key}/rows", RowsAsync).WithSummary("Rows, subject to the caller's grants.");
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context, DatasetService datasets, CancellationToken cancellationToken)
    {
        var list = await datasets.ListQueryableAsync(Caller(context), cancellationToken);
        return Results.Ok(list.Select(DatasetDto.From));
    }

    private static async Task<IResult> GetAsync(string key, HttpContext context, DatasetService datasets, CancellationToken cancellationToken)
    {
        var found = await datasets.GetQueryableAsync(Caller(context), key, cancellationToken);
        return found.Error is { } error ? ApiResults.Problem(error) : Results.Ok(DatasetDto.From(found.Value!));
    }

    private static async Task<IResult> CreateAsync(
        CreateDatasetRequest request, HttpContext context, DatasetService datasets,
        IDbContextFactory<WorkbenchDbContext> contexts, CancellationToken cancellationToken)
    {
        var caller = Caller(context);
        if (caller.Role is not (Roles.SystemAdmin or Roles.AgencyAdmin))
        {
            return ApiResults.Problem(ErrorKind.Forbidden, "dataset.create-needs-admin", Text.Pick(
                "Chỉ quản trị hệ thống và quản trị cơ quan được tạo bộ dữ liệu qua API.",
                "Only system and agency administrators may create datasets through the API."));
        }
        var problems = new List<string>();
        var columns = new List<NewColumn>();
        foreach (var (column, index) in (request.Columns ?? []).Select((c, i) => (c, i)))
        {
            if (!ColumnTypes.TryParse(column.Type, out var type))
            {
                problems.Add(Text.Pick("Cột thứ {0} («{1}»): kiểu «{2}» không hợp lệ; dùng integer, number, text, boolean, date hoặc datetime.",
                    "Column {0} ('{1}'): type '{2}' is not valid; use integer, number, text, boolean, date or datetime.",
                    index + 1, column.Name, column.Type));
                continue;
            }
            columns.Add(new NewColumn(column.Name ?? "", type, column.Key ?? false, column.Description));
        }
        if (problems.Count > 0)
        {
            return ApiResults.Problem(new Error(ErrorKind.Invalid, "dataset.invalid", problems[0], problems));
        }

        var ownerId = caller.AgencyId;
        if (!string.IsNullOrWhiteSpace(request.OwnerAgency))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var owner = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Code == request.OwnerAgency, cancellationToken);
            if (owner is null)
            {
                return ApiResults.Problem(ErrorKind.Invalid, "agency.not-found", Text.Pick(
                    "Không có cơ quan mã «{0}».", "There is no agency with code '{0}'.", request.OwnerAgency));
            }
            ownerId = owner.Id;
        }

        var created = await datasets.CreateAsync(caller, new NewDataset(
            request.Key ?? "", request.Name ?? "", ownerId, columns, request.Description, request.CatalogGroup), cancellationToken);
        return created.Error is { } error
            ? ApiResults.Problem(error)
            : Results.Created($"/api/v1/datasets/{created.Value!.Key}", DatasetDto.From(created.Value));
    }

    private static async Task<IResult> PushAsync(
        string key, [FromQuery] string? mode, HttpContext context, DatasetService datasets, PushConnectorKeys pushKeys, ConnectorJobs jobs,
        IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        var caller = Caller(context);
        if (ParseMode(mode) is not { } loadMode)
        {
            return InvalidMode(mode);
        }
        // A push connector's own key: its dataset, its mode, while it is active; the push is a sync of the connector.
        PushTarget? target = null;
        if (context.User.PushConnector() is { } connectorId)
        {
            var allowed = await pushKeys.AuthorizePushAsync(connectorId, key, mode, cancellationToken);
            if (allowed.Error is { } refused)
            {
                return ApiResults.Problem(refused);
            }
            target = allowed.Value!;
            loadMode = target.Mode;
        }
        var dataset = await datasets.FindAsync(key, cancellationToken);
        if (dataset is null)
        {
            return ApiResults.Problem(DatasetErrors.NotFound(key));
        }
        if (target is null && !DatasetAccess.CanLoad(caller, dataset))
        {
            return ApiResults.Problem(DatasetErrors.NoLoadRight(dataset));
        }

        var limit = options.Value.MaxPushMegabytes * 1024L * 1024L;
        if (context.Request.ContentLength > limit)
        {
            return ApiResults.Problem(ErrorKind.Invalid, "push.too-large", Text.Pick(
                "Lô dữ liệu lớn hơn giới hạn {0} MB. Hãy chia thành nhiều lô nhỏ hơn.",
                "The batch is larger than the {0} MB limit. Split it into smaller batches.", options.Value.MaxPushMegabytes));
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(new LimitedReadStream(context.Request.Body, limit), default, cancellationToken);
        }
        catch (JsonException exception)
        {
            return ApiResults.Problem(ErrorKind.Invalid, "push.bad-json", Text.Pick(
                "Nội dung không phải JSON hợp lệ (dòng {0}, vị trí {1}). Hãy gửi một mảng các đối tượng.",
                "The body is not valid JSON (line {0}, position {1}). Send an array of objects.",
                (exception.LineNumber ?? 0) + 1, (exception.BytePositionInLine ?? 0) + 1));
        }
        catch (ImportException exception)
        {
            return ApiResults.Problem(ErrorKind.Invalid, "push.too-large", exception.Error.Message(!Text.IsEnglish));
        }

        using (document)
        {
            var converted = PushedRows.Convert(document.RootElement, dataset.OrderedColumns);
            if (converted.Error is { } invalid)
            {
                return ApiResults.Problem(invalid);
            }
            if (target is not null)
            {
                var synced = await jobs.SyncRowsAsync(target.Connector, SyncTrigger.Push, null, loadMode, converted.Value!, cancellationToken);
                return synced.Error is { } failed
                    ? ApiResults.Problem(failed)
                    : Results.Ok(new LoadResultDto(key, PushConnectorKeys.ModeName(loadMode), synced.Value!.Load.RowsLoaded, synced.Value.Load.RowCount,
                        synced.Value.Load.DataVersion, false));
            }
            var loaded = await datasets.LoadAsync(caller, key, loadMode, converted.Value!, cancellationToken);
            return loaded.Error is { } error
                ? ApiResults.Problem(error)
                : Results.Ok(new LoadResultDto(key, loadMode.ToString().ToLowerInvariant(), loaded.Value!.RowsLoaded, loaded.Value.RowCount, loaded.Value.DataVersion, false));
        }
    }

    private static async Task<IResult> UploadAsync(
        string key, [FromQuery] string? mode, [FromQuery] string? sheet, HttpContext context,
        FileImportService imports, CancellationToken cancellationToken)
    {
        if (ParseMode(mode) is not { } loadMode)
        {
            return InvalidMode(mode);
        }
        if (!context.Request.HasFormContentType)
        {
            return ApiResults.Problem(ErrorKind.Invalid, "upload.not-multipart", Text.Pick(
                "Hãy gửi tệp dạng multipart/form-data trong trường «file».", "Send the file as multipart/form-data in the field 'file'."));
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return ApiResults.Problem(ErrorKind.Invalid, "upload.no-file", Text.Pick(
                "Thiếu tệp: trường multipart «file» trống.", "No file: the multipart field 'file' is empty."));
        }

        await using var stream = file.OpenReadStream();
        var result = await imports.UploadAsync(Caller(context), key, stream, file.FileName, loadMode, sheet, cancellationToken);
        return result.Error is { } error
            ? ApiResults.Problem(error)
            : result.Value!.Created
                ? Results.Created($"/api/v1/datasets/{key}", ToDto(key, loadMode, result.Value))
                : Results.Ok(ToDto(key, loadMode, result.Value));
    }

    private static async Task<IResult> RowsAsync(
        string key, [FromQuery] int? limit, [FromQuery] long? offset, HttpContext context,
        DatasetService datasets, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(limit ?? 100, 1, 10_000);
        var skip = Math.Max(0, offset ?? 0);
        var page = await datasets.ReadRowsAsync(Caller(context), key, skip, take, cancellationToken);
        return page.Error is { } error
            ? ApiResults.Problem(error)
            : Results.Ok(new RowsDto([.. page.Value!.Columns.Select(ColumnDto.From)], page.Value.Rows, page.Value.TotalRows, skip, take));
    }

    private static LoadResultDto ToDto(string key, LoadMode mode, FileLoadResult result) =>
        new(key, mode.ToString().ToLowerInvariant(), result.Load.RowsLoaded, result.Load.RowCount, result.Load.DataVersion, result.Created);

    private static Caller Caller(HttpContext context) =>
        context.User.ToCaller() ?? throw new InvalidOperationException("The API policy admits only callers with an agency.");

    private static LoadMode? ParseMode(string? mode) => (mode ?? "append").ToLowerInvariant() switch
    {
        "append" => LoadMode.Append,
        "replace" => LoadMode.Replace,
        "upsert" => LoadMode.Upsert,
        _ => null,
    };

    private static IResult InvalidMode(string? mode) => ApiResults.Problem(ErrorKind.Invalid, "load.bad-mode", Text.Pick(
        "Chế độ «{0}» không hợp lệ; dùng append, replace hoặc upsert.", "Mode '{0}' is not valid; use append, replace or upsert.", mode));
}
