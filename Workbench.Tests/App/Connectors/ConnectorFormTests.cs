using System.Text.Json;
using Workbench.App.Features.Connectors;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Core.Connectors.Rest;

namespace Workbench.Tests.App.Connectors;

/// <summary>The editor's form reads a stored connector back exactly, and never carries a secret it did not get typed.</summary>
public sealed class ConnectorFormTests
{
    private static readonly FieldMapping[] Mappings =
        [new("Mã", ColumnType.Text, "ma"), new("Tỉnh", ColumnType.Text, "diaChi.tinh"), new("Dân số", ColumnType.Integer, "danSo")];

    public static TheoryData<string> RestSettings => new()
    {
        Json(new RestSourceSettings
        {
            Url = "https://api.snv.gov.vn/don-vi",
            Auth = new RestAuth.ApiKey("X-Api-Key", ApiKeyLocation.Query),
            Paging = new RestPaging.PageNumber("trang", 1, "kichThuoc", 50),
            RecordsPath = "$.data.items",
            Mappings = Mappings,
            Watermark = new RestWatermark("capNhatSau", "capNhatLuc", ColumnType.DateTime),
            RequestTimeout = TimeSpan.FromSeconds(45),
        }),
        Json(new RestSourceSettings
        {
            Url = "https://api.stc.gov.vn/search",
            Method = RestMethod.Post,
            BodyTemplate = "{\"trang\":{{page}}}",
            Headers = [new RestHeader("Accept-Language", "vi")],
            Auth = new RestAuth.OAuth2ClientCredentials("https://id.stc.gov.vn/token", "workbench", "doc") { ClientAuthentication = OAuth2ClientAuthentication.RequestBody },
            Paging = new RestPaging.Cursor("sau", "$.meta.next"),
            Mappings = Mappings,
        }),
        Json(new RestSourceSettings { Url = "https://x.gov.vn/a", Auth = new RestAuth.Basic("so-khdt"), Paging = new RestPaging.OffsetLimit("o", "l", 200), Mappings = Mappings }),
        Json(new RestSourceSettings { Url = "https://x.gov.vn/b", Auth = new RestAuth.Bearer(), Paging = new RestPaging.NextLink("$.links.next"), Mappings = Mappings }),
    };

    [Theory]
    [MemberData(nameof(RestSettings))]
    public void A_rest_connector_reads_back_into_the_same_settings(string settingsJson)
    {
        var form = ConnectorForm.From(Connector(ConnectorKind.Rest, settingsJson), "don-vi");

        Assert.Equal(settingsJson, form.SettingsJson());
        Assert.Equal("don-vi", form.ToDraft().DatasetKey);
        Assert.Null(form.Secret);
    }

    [Fact]
    public void A_database_connector_and_its_schedule_read_back_the_same()
    {
        var settings = Json(new DatabaseSourceSettings
        {
            Engine = DatabaseEngine.SqlServer, Query = "SELECT ma, ten FROM dbo.dn", Mappings = Mappings, WatermarkColumn = "cap_nhat",
            WatermarkType = ColumnType.DateTime, BatchSize = 20_000,
        });
        var connector = Connector(ConnectorKind.Database, settings);
        connector.Schedule = new SyncSchedule(ScheduleFrequency.Weekly, new TimeOnly(6, 30), DayOfWeek.Monday).ToCron();

        var draft = ConnectorForm.From(connector, "dn").ToDraft();

        Assert.Equal(settings, draft.SettingsJson);
        Assert.Equal(connector.Schedule, draft.Schedule.ToCron());
        Assert.Equal(connector.Request, draft.Request);
    }

    [Fact]
    public void An_empty_secret_keeps_the_stored_one_and_a_typed_one_goes_to_the_field_the_authentication_uses()
    {
        var form = new ConnectorForm { Kind = ConnectorKind.Rest };
        form.Rest.Auth = RestAuthKind.Basic;

        Assert.Null(form.SecretsJson());
        form.Secret = "mật-khẩu";
        Assert.Equal(new RestSecrets(Password: "mật-khẩu"), JsonSerializer.Deserialize<RestSecrets>(form.SecretsJson()!, JsonSerializerOptions.Web));

        form.Kind = ConnectorKind.Database;
        form.Secret = "  Host=db;Password=x  ";
        Assert.Equal("Host=db;Password=x", JsonSerializer.Deserialize<DatabaseSecrets>(form.SecretsJson()!, JsonSerializerOptions.Web)!.ConnectionString);
    }

    [Fact]
    public void A_document_left_empty_is_no_document_and_a_half_typed_one_goes_to_the_rules()
    {
        Assert.Null(new DocumentForm().ToDocument());
        Assert.Equal(new LegalDocument("12/QĐ", default, ""), new DocumentForm { Number = " 12/QĐ " }.ToDocument());
    }

    [Fact]
    public void A_file_delivery_keeps_its_reminder_and_formats()
    {
        var form = new ConnectorForm { Kind = ConnectorKind.FileDelivery };
        form.Delivery.ReminderDays = 5;
        form.Delivery.AcceptCsv = false;

        var settings = FileDeliverySettings.Read(form.SettingsJson());

        Assert.Equal(5, settings.ReminderDays);
        Assert.Equal([FileDeliverySettings.Xlsx], settings.Formats);
        Assert.Equal(form.SettingsJson(), ConnectorForm.From(Connector(ConnectorKind.FileDelivery, form.SettingsJson()), "x").SettingsJson());
    }

    private static string Json<T>(T settings) => JsonSerializer.Serialize(settings, JsonSerializerOptions.Web);

    private static Connector Connector(ConnectorKind kind, string settingsJson) => new()
    {
        Key = "kn",
        Name = "Kết nối",
        Kind = kind,
        Schedule = SyncSchedule.DailyAt(2, 0).ToCron(),
        SettingsJson = settingsJson,
        Request = new LegalDocument("1/CV", new DateOnly(2026, 1, 2), "Sở Tài chính"),
        ProtectedSecrets = "ciphertext",
    };
}
