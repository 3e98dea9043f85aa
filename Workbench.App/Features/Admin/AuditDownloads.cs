using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Workbench.App.Api;
using Workbench.App.Components.Shared;
using Workbench.App.Features.Account;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Identity;

namespace Workbench.App.Features.Admin;

/// <summary>What an export of the audit log wrote: the receipt, and how many entries the filter matched in all.</summary>
public sealed record AuditWorkbookResult(ExportReceipt Receipt, int Matching, int Limit)
{
    public bool Truncated => Matching > Limit;
}

/// <summary>
/// "Tải về Excel" on the audit log: the entries of the page's filter (newest first, at most
/// <see cref="AuditQuery.MaxExportRows"/>) as xlsx through the same exporter as every download, with the filter on the
/// provenance sheet; the export is itself audited. A plain GET so the browser streams the file.
/// </summary>
public static class AuditDownloads
{
    public const string Path = "/admin/audit/download.xlsx";

    public static IEndpointRouteBuilder MapAuditDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, DownloadAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.SystemAdmin},{Roles.AgencyAdmin}" });
        return endpoints;
    }

    /// <summary>The download URL (relative to the base) for <paramref name="filter"/>.</summary>
    public static string Url(AuditFilter filter)
    {
        var query = new Dictionary<string, string?>
        {
            ["from"] = filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["user"] = filter.User,
            ["agency"] = filter.AgencyId?.ToString(CultureInfo.InvariantCulture),
            ["action"] = filter.Action,
            ["target"] = filter.Target,
        };
        return QueryHelpers.AddQueryString(Path.TrimStart('/'), query.Where(q => !string.IsNullOrWhiteSpace(q.Value)));
    }

    /// <summary>The filter a download URL carries; a malformed date or agency is ignored rather than refused.</summary>
    public static AuditFilter Filter(IQueryCollection query) => new(
        Day(query["from"]),
        Day(query["to"]),
        Blank(query["user"]),
        int.TryParse(query["agency"], NumberStyles.None, CultureInfo.InvariantCulture, out var agency) ? agency : null,
        Blank(query["action"]),
        Blank(query["target"]));

    /// <summary>Writes the workbook of <paramref name="filter"/> to <paramref name="output"/> and records the export.</summary>
    /// <param name="limit">Most entries written; <see cref="AuditQuery.MaxExportRows"/> unless a test asks for fewer.</param>
    public static async Task<Result<AuditWorkbookResult>> WriteAsync(
        Stream output, Caller caller, AuditFilter filter, string? ipAddress, IServiceProvider services, IStringLocalizer L,
        CancellationToken cancellationToken, int limit = AuditQuery.MaxExportRows)
    {
        var query = services.GetRequiredService<AuditQuery>();
        var read = await query.ReadForExportAsync(caller, filter, limit, cancellationToken);
        if (read.Error is { } error)
        {
            return error;
        }
        var export = read.Value!;
        var agencies = (await query.AgenciesAsync(caller, cancellationToken)).Value ?? [];
        var provenance = await services.GetRequiredService<DownloadProvenance>()
            .ForAsync(caller, L["Audit.Title"], [], null, cancellationToken);
        provenance = provenance with { Parameters = FilterLines(caller, filter, export, agencies, L) };

        ExportColumn[] columns =
        [
            new(L["Audit.Column.Time"], ColumnType.DateTime),
            new(L["Audit.Column.User"], ColumnType.Text),
            new(L["Audit.Column.Agency"], ColumnType.Text),
            new(L["Audit.Column.Action"], ColumnType.Text),
            new(L["Audit.Column.ActionCode"], ColumnType.Text),
            new(L["Audit.Column.Target"], ColumnType.Text),
            new(L["Audit.Column.Details"], ColumnType.Text),
            new(L["Audit.Column.Ip"], ColumnType.Text),
        ];
        var receipt = await XlsxExporter.WriteAsync(output, columns, Cells(export.Rows, L, cancellationToken), provenance, cancellationToken);
        await query.RecordExportAsync(caller, filter, receipt.Rows, export.Matching, receipt.Sha256, ipAddress);
        return new AuditWorkbookResult(receipt, export.Matching, export.Limit);
    }

    /// <summary>The label of an action in the UI language; an action without one shows its code.</summary>
    public static string ActionLabel(IStringLocalizer L, string action) =>
        L["AuditAction." + action] is { ResourceNotFound: false } label ? label.Value : action;

    private static async Task<IResult> DownloadAsync(HttpContext context, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        if (context.User.ToCaller() is not { } caller)
        {
            return Results.Challenge();
        }
        context.Response.ContentType = XlsxExporter.ContentType;
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"nhat-ky-he-thong-{DateTime.UtcNow.Add(Formats.ProvinceOffset):yyyyMMdd-HHmmss}.xlsx",
        }.ToString();
        // The exporter writes to the body only once the workbook is complete, so a refusal can still be a problem.
        var written = await WriteAsync(context.Response.Body, caller, Filter(context.Request.Query), ClientAddress.Of(context),
            context.RequestServices, L, cancellationToken);
        if (written.Error is { } error)
        {
            context.Response.Headers.Remove(HeaderNames.ContentDisposition);
            return ApiResults.Problem(error);
        }
        return Results.Empty;
    }

    private static async IAsyncEnumerable<object?[]> Cells(
        IAsyncEnumerable<AuditRow> rows, IStringLocalizer L, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return
            [
                // Excel has no time zones: the province's wall-clock time, as the header says.
                row.At.ToOffset(Formats.ProvinceOffset).DateTime,
                row.UserName,
                row.AgencyName,
                ActionLabel(L, row.Action),
                row.Action,
                row.Target,
                row.Details,
                row.IpAddress,
            ];
        }
    }

    private static IReadOnlyList<KeyValuePair<string, string>> FilterLines(
        Caller caller, AuditFilter filter, AuditExportRows export, IReadOnlyList<AuditAgency> agencies, IStringLocalizer L)
    {
        var lines = new List<KeyValuePair<string, string>>
        {
            new(L["Audit.Export.Scope"], caller.IsSystemAdmin
                ? L["Audit.Export.ScopeAll"]
                : L["Audit.Export.ScopeAgency", agencies.FirstOrDefault(a => a.Id == caller.AgencyId)?.Name ?? "?"]),
        };
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                lines.Add(new(L[key], value));
            }
        }
        Add("Audit.From", filter.From is { } from ? Formats.Date(from) : null);
        Add("Audit.To", filter.To is { } to ? Formats.Date(to) : null);
        Add("Audit.User", filter.User);
        Add("Audit.Agency", filter.AgencyId is { } id ? agencies.FirstOrDefault(a => a.Id == id)?.Name ?? id.ToString(CultureInfo.InvariantCulture) : null);
        Add("Audit.Action", filter.Action is { } action ? ActionLabel(L, action) : null);
        Add("Audit.Target", filter.Target);
        lines.Add(new(L["Audit.Export.Matching"], export.Truncated
            ? L["Audit.Export.MatchingTruncated", Formats.Number(export.Matching), Formats.Number(export.Limit)]
            : Formats.Number(export.Matching)));
        return lines;
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
