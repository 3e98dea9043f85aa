using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Core.Connectors.Rest;
using Workbench.Infrastructure.Connectors;

namespace Workbench.App.Features.Connectors;

/// <summary>How a REST source authenticates, as the editor offers it.</summary>
public enum RestAuthKind
{
    None,
    ApiKey,
    Bearer,
    Basic,
    OAuth2,
}

/// <summary>How a REST source pages, as the editor offers it.</summary>
public enum RestPagingKind
{
    None,
    PageNumber,
    OffsetLimit,
    Cursor,
    NextLink,
}

/// <summary>One line of the mapping grid: a dataset column and the source field it is filled from.</summary>
public sealed class MappingRow
{
    public string Column { get; set; } = "";

    public ColumnType Type { get; set; } = ColumnType.Text;

    public string SourcePath { get; set; } = "";

    /// <summary>For a new dataset: the column is part of its key (needed to update by key).</summary>
    public bool IsKey { get; set; }
}

public sealed class HeaderRow
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";
}

/// <summary>A legal document as typed: everything may still be empty.</summary>
public sealed class DocumentForm
{
    public string Number { get; set; } = "";

    public DateTime? Date { get; set; }

    public string Issuer { get; set; } = "";

    /// <summary>Null when nothing was typed (the connector stays a draft without it); else the document, checked by the service.</summary>
    public LegalDocument? ToDocument() =>
        string.IsNullOrWhiteSpace(Number) && string.IsNullOrWhiteSpace(Issuer) && Date is null
            ? null
            : new LegalDocument(Number.Trim(), Date is { } date ? DateOnly.FromDateTime(date) : default, Issuer.Trim());

    public static DocumentForm From(LegalDocument? document) => document is null
        ? new DocumentForm()
        : new DocumentForm { Number = document.Number, Date = document.Date.ToDateTime(TimeOnly.MinValue), Issuer = document.Issuer };
}

/// <summary>The schedule as its editor holds it.</summary>
public sealed class ScheduleForm
{
    public ScheduleFrequency Frequency { get; set; } = ScheduleFrequency.Daily;

    public TimeSpan? At { get; set; } = new(2, 0, 0);

    public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Monday;

    public int DayOfMonth { get; set; } = 1;

    public int Hours { get; set; } = 1;

    public SyncSchedule ToSchedule()
    {
        var at = At ?? TimeSpan.Zero;
        return new SyncSchedule(Frequency, new TimeOnly(at.Hours, at.Minutes), DayOfWeek, DayOfMonth, Hours);
    }

    public static ScheduleForm From(SyncSchedule schedule) => new()
    {
        Frequency = schedule.Frequency,
        At = schedule.At.ToTimeSpan(),
        DayOfWeek = schedule.DayOfWeek,
        DayOfMonth = schedule.DayOfMonth,
        Hours = schedule.Hours,
    };
}

/// <summary>A REST source's settings as the editor holds them, every kind's fields at once so switching keeps what was typed.</summary>
public sealed class RestForm
{
    public string Url { get; set; } = "";

    public RestMethod Method { get; set; } = RestMethod.Get;

    public string? BodyTemplate { get; set; }

    public List<HeaderRow> Headers { get; set; } = [];

    public RestAuthKind Auth { get; set; }

    public string ApiKeyName { get; set; } = "X-API-Key";

    public ApiKeyLocation ApiKeyIn { get; set; } = ApiKeyLocation.Header;

    public string UserName { get; set; } = "";

    public string TokenUrl { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string? Scope { get; set; }

    public OAuth2ClientAuthentication ClientAuthentication { get; set; } = OAuth2ClientAuthentication.BasicHeader;

    public RestPagingKind Paging { get; set; }

    public string PageParameter { get; set; } = "page";

    public int PageStart { get; set; } = 1;

    public string? SizeParameter { get; set; } = "size";

    public int? PageSize { get; set; } = 100;

    public string OffsetParameter { get; set; } = "offset";

    public string LimitParameter { get; set; } = "limit";

    public string CursorParameter { get; set; } = "cursor";

    public string NextCursorPath { get; set; } = "$.meta.next_cursor";

    public string NextLinkPath { get; set; } = "$.links.next";

    public string RecordsPath { get; set; } = "$";

    public bool Incremental { get; set; }

    public string WatermarkParameter { get; set; } = "updatedSince";

    public string WatermarkPath { get; set; } = "";

    public ColumnType WatermarkType { get; set; } = ColumnType.DateTime;

    public int TimeoutSeconds { get; set; } = (int)RestSourceSettings.DefaultRequestTimeout.TotalSeconds;

    public RestSourceSettings ToSettings(IEnumerable<FieldMapping> mappings) => new()
    {
        Url = Url.Trim(),
        Method = Method,
        BodyTemplate = Method == RestMethod.Post && !string.IsNullOrWhiteSpace(BodyTemplate) ? BodyTemplate : null,
        Headers = [.. Headers.Where(h => !string.IsNullOrWhiteSpace(h.Name)).Select(h => new RestHeader(h.Name.Trim(), h.Value))],
        Auth = Auth switch
        {
            RestAuthKind.ApiKey => new RestAuth.ApiKey(ApiKeyName.Trim(), ApiKeyIn),
            RestAuthKind.Bearer => new RestAuth.Bearer(),
            RestAuthKind.Basic => new RestAuth.Basic(UserName.Trim()),
            RestAuthKind.OAuth2 => new RestAuth.OAuth2ClientCredentials(TokenUrl.Trim(), ClientId.Trim(), string.IsNullOrWhiteSpace(Scope) ? null : Scope.Trim())
            {
                ClientAuthentication = ClientAuthentication,
            },
            _ => new RestAuth.None(),
        },
        Paging = Paging switch
        {
            RestPagingKind.PageNumber => new RestPaging.PageNumber(PageParameter.Trim(), PageStart,
                string.IsNullOrWhiteSpace(SizeParameter) ? null : SizeParameter.Trim(), PageSize),
            RestPagingKind.OffsetLimit => new RestPaging.OffsetLimit(OffsetParameter.Trim(), LimitParameter.Trim(), PageSize ?? 100),
            RestPagingKind.Cursor => new RestPaging.Cursor(CursorParameter.Trim(), NextCursorPath.Trim()),
            RestPagingKind.NextLink => new RestPaging.NextLink(NextLinkPath.Trim()),
            _ => new RestPaging.None(),
        },
        RecordsPath = string.IsNullOrWhiteSpace(RecordsPath) ? "$" : RecordsPath.Trim(),
        Mappings = [.. mappings],
        Watermark = Incremental ? new RestWatermark(WatermarkParameter.Trim(), WatermarkPath.Trim(), WatermarkType) : null,
        RequestTimeout = TimeSpan.FromSeconds(Math.Max(1, TimeoutSeconds)),
    };

    /// <summary>The one secret the chosen authentication needs, or null when the field was left empty (keep the stored one).</summary>
    public RestSecrets? Secrets(string? secret) => string.IsNullOrEmpty(secret)
        ? Auth == RestAuthKind.None ? RestSecrets.Empty : null
        : Auth switch
        {
            RestAuthKind.ApiKey => new RestSecrets(ApiKey: secret),
            RestAuthKind.Bearer => new RestSecrets(BearerToken: secret),
            RestAuthKind.Basic => new RestSecrets(Password: secret),
            RestAuthKind.OAuth2 => new RestSecrets(ClientSecret: secret),
            _ => RestSecrets.Empty,
        };

    public static RestForm From(RestSourceSettings s)
    {
        var form = new RestForm
        {
            Url = s.Url,
            Method = s.Method,
            BodyTemplate = s.BodyTemplate,
            Headers = [.. s.Headers.Select(h => new HeaderRow { Name = h.Name, Value = h.Value })],
            RecordsPath = s.RecordsPath,
            TimeoutSeconds = (int)s.RequestTimeout.TotalSeconds,
        };
        switch (s.Auth)
        {
            case RestAuth.ApiKey key:
                (form.Auth, form.ApiKeyName, form.ApiKeyIn) = (RestAuthKind.ApiKey, key.Name, key.In);
                break;
            case RestAuth.Bearer:
                form.Auth = RestAuthKind.Bearer;
                break;
            case RestAuth.Basic basic:
                (form.Auth, form.UserName) = (RestAuthKind.Basic, basic.UserName);
                break;
            case RestAuth.OAuth2ClientCredentials oauth:
                (form.Auth, form.TokenUrl, form.ClientId, form.Scope, form.ClientAuthentication) =
                    (RestAuthKind.OAuth2, oauth.TokenUrl, oauth.ClientId, oauth.Scope, oauth.ClientAuthentication);
                break;
        }
        switch (s.Paging)
        {
            case RestPaging.PageNumber page:
                (form.Paging, form.PageParameter, form.PageStart, form.SizeParameter, form.PageSize) =
                    (RestPagingKind.PageNumber, page.Parameter, page.Start, page.SizeParameter, page.Size);
                break;
            case RestPaging.OffsetLimit offset:
                (form.Paging, form.OffsetParameter, form.LimitParameter, form.PageSize) =
                    (RestPagingKind.OffsetLimit, offset.OffsetParameter, offset.LimitParameter, offset.Size);
                break;
            case RestPaging.Cursor cursor:
                (form.Paging, form.CursorParameter, form.NextCursorPath) = (RestPagingKind.Cursor, cursor.Parameter, cursor.NextCursorPath);
                break;
            case RestPaging.NextLink link:
                (form.Paging, form.NextLinkPath) = (RestPagingKind.NextLink, link.NextLinkPath);
                break;
        }
        if (s.Watermark is { } watermark)
        {
            (form.Incremental, form.WatermarkParameter, form.WatermarkPath, form.WatermarkType) =
                (true, watermark.Parameter, watermark.SourcePath, watermark.Type);
        }
        return form;
    }
}

/// <summary>A database source's settings as the editor holds them.</summary>
public sealed class DatabaseForm
{
    public DatabaseEngine Engine { get; set; } = DatabaseEngine.PostgreSql;

    public bool UseQuery { get; set; }

    public string Table { get; set; } = "";

    public string Query { get; set; } = "";

    public bool Incremental { get; set; }

    public string WatermarkColumn { get; set; } = "";

    public ColumnType WatermarkType { get; set; } = ColumnType.DateTime;

    public int BatchSize { get; set; } = DatabaseSourceSettings.DefaultBatchSize;

    public DatabaseSourceSettings ToSettings(IEnumerable<FieldMapping> mappings) => new()
    {
        Engine = Engine,
        Table = UseQuery ? null : Table.Trim(),
        Query = UseQuery ? Query : null,
        Mappings = [.. mappings],
        WatermarkColumn = Incremental ? WatermarkColumn.Trim() : null,
        WatermarkType = Incremental ? WatermarkType : null,
        BatchSize = BatchSize,
    };

    public static DatabaseForm From(DatabaseSourceSettings s) => new()
    {
        Engine = s.Engine,
        UseQuery = s.Query is not null,
        Table = s.Table ?? "",
        Query = s.Query ?? "",
        Incremental = s.WatermarkColumn is not null,
        WatermarkColumn = s.WatermarkColumn ?? "",
        WatermarkType = s.WatermarkType ?? ColumnType.DateTime,
        BatchSize = s.BatchSize,
    };
}

/// <summary>A file delivery's settings as the editor holds them.</summary>
public sealed class FileDeliveryForm
{
    public int ReminderDays { get; set; } = FileDeliverySettings.DefaultReminderDays;

    public bool AcceptCsv { get; set; } = true;

    public bool AcceptXlsx { get; set; } = true;

    public FileDeliverySettings ToSettings() => new()
    {
        ReminderDays = ReminderDays,
        Formats = [.. (AcceptCsv ? [FileDeliverySettings.Csv] : Array.Empty<string>()).Concat(AcceptXlsx ? [FileDeliverySettings.Xlsx] : [])],
    };

    public static FileDeliveryForm From(FileDeliverySettings s) => new()
    {
        ReminderDays = s.ReminderDays,
        AcceptCsv = s.Formats.Contains(FileDeliverySettings.Csv),
        AcceptXlsx = s.Formats.Contains(FileDeliverySettings.Xlsx),
    };
}

/// <summary>
/// Everything the connector editor holds, turned into the service's <see cref="ConnectorDraft"/> and secrets. The
/// secret field is never filled from what is stored: empty means "keep".
/// </summary>
public sealed class ConnectorForm
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    public string? Description { get; set; }

    public ConnectorKind Kind { get; set; } = ConnectorKind.Rest;

    public int ProvidingAgencyId { get; set; }

    public SyncMode Mode { get; set; } = SyncMode.FullRefresh;

    /// <summary>True to create a new dataset from the mapping grid when saving; false to feed an existing one.</summary>
    public bool NewDataset { get; set; }

    public string? DatasetKey { get; set; }

    public string NewDatasetName { get; set; } = "";

    public string NewDatasetKey { get; set; } = "";

    public ScheduleForm Schedule { get; set; } = new();

    public RestForm Rest { get; set; } = new();

    public DatabaseForm Database { get; set; } = new();

    public FileDeliveryForm Delivery { get; set; } = new();

    public List<MappingRow> Mappings { get; set; } = [];

    public DocumentForm Request { get; set; } = new();

    public DocumentForm Agreement { get; set; } = new();

    /// <summary>The kind's secret as typed (API key, token, password, client secret or connection string); empty keeps the stored one.</summary>
    public string? Secret { get; set; }

    public IEnumerable<FieldMapping> FieldMappings => Mappings
        .Where(m => !string.IsNullOrWhiteSpace(m.Column))
        .Select(m => new FieldMapping(m.Column.Trim(), m.Type, m.SourcePath.Trim()));

    public string SettingsJson() => Kind switch
    {
        ConnectorKind.Rest => JsonSerializer.Serialize(Rest.ToSettings(FieldMappings), JsonSerializerOptions.Web),
        ConnectorKind.Database => JsonSerializer.Serialize(Database.ToSettings(FieldMappings), JsonSerializerOptions.Web),
        ConnectorKind.FileDelivery => JsonSerializer.Serialize(Delivery.ToSettings(), JsonSerializerOptions.Web),
        _ => "{}",
    };

    /// <summary>The secrets to store as JSON, or null to keep what is stored.</summary>
    public string? SecretsJson() => Kind switch
    {
        ConnectorKind.Rest => Rest.Secrets(Secret) is { } secrets ? JsonSerializer.Serialize(secrets, JsonSerializerOptions.Web) : null,
        ConnectorKind.Database when !string.IsNullOrWhiteSpace(Secret) =>
            JsonSerializer.Serialize(new DatabaseSecrets(Secret.Trim()), JsonSerializerOptions.Web),
        _ => null,
    };

    public ConnectorDraft ToDraft() => new(
        Key.Trim(), Name.Trim(), Description, Kind, ProvidingAgencyId, (NewDataset ? NewDatasetKey : DatasetKey ?? "").Trim(), Mode,
        Schedule.ToSchedule(), SettingsJson(), Request.ToDocument(), Agreement.ToDocument());

    /// <summary>The columns of the dataset to create from the mapping grid.</summary>
    public IReadOnlyList<Workbench.Infrastructure.Catalog.NewColumn> NewColumns() =>
        [.. Mappings.Where(m => !string.IsNullOrWhiteSpace(m.Column)).Select(m => new Workbench.Infrastructure.Catalog.NewColumn(m.Column.Trim(), m.Type, m.IsKey))];

    public static ConnectorForm From(Connector connector, string datasetKey)
    {
        var form = new ConnectorForm
        {
            Name = connector.Name,
            Key = connector.Key,
            Description = connector.Description,
            Kind = connector.Kind,
            ProvidingAgencyId = connector.ProvidingAgencyId,
            Mode = connector.Mode,
            DatasetKey = datasetKey,
            Schedule = SyncSchedule.FromCron(connector.Schedule) is { } schedule ? ScheduleForm.From(schedule) : new ScheduleForm(),
            Request = DocumentForm.From(connector.Request),
            Agreement = DocumentForm.From(connector.Agreement),
        };
        IReadOnlyList<FieldMapping> mappings = [];
        switch (connector.Kind)
        {
            case ConnectorKind.Rest:
                var rest = JsonSerializer.Deserialize<RestSourceSettings>(connector.SettingsJson, JsonSerializerOptions.Web)!;
                form.Rest = RestForm.From(rest);
                mappings = rest.Mappings;
                break;
            case ConnectorKind.Database:
                var database = JsonSerializer.Deserialize<DatabaseSourceSettings>(connector.SettingsJson, JsonSerializerOptions.Web)!;
                form.Database = DatabaseForm.From(database);
                mappings = database.Mappings;
                break;
            case ConnectorKind.FileDelivery:
                form.Delivery = FileDeliveryForm.From(FileDeliverySettings.Read(connector.SettingsJson));
                break;
        }
        form.Mappings = [.. mappings.Select(m => new MappingRow { Column = m.Column, Type = m.Type, SourcePath = m.SourcePath })];
        return form;
    }
}
