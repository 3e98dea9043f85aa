using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Rest;

namespace Workbench.Tests.Core.Connectors;

public class RestSourceSettingsTests
{
    private static readonly RestSourceSettings Valid = new()
    {
        Url = "https://api.quangnam.gov.vn/huyen?nam=2024",
        Paging = new RestPaging.PageNumber("trang", 1, "kichThuoc", 50),
        RecordsPath = "$.data.items",
        Mappings = [new FieldMapping("Mã", ColumnType.Text, "ma"), new FieldMapping("Tỉnh", ColumnType.Text, "diaChi.tinh")],
        Watermark = new RestWatermark("capNhatSau", "capNhatLuc", ColumnType.DateTime),
    };

    [Fact]
    public void Good_settings_have_no_problems()
    {
        Assert.Empty(Valid.Validate());
        Assert.Empty((Valid with { Auth = new RestAuth.Basic("so-khdt") }).Validate(new RestSecrets(Password: "x")));
    }

    [Fact]
    public void Each_problem_names_its_field()
    {
        using var _ = new UiCulture("en-US");
        var settings = Valid with
        {
            Url = "api.quangnam.gov.vn/huyen",
            Method = RestMethod.Get,
            BodyTemplate = "{}",
            Headers = [new RestHeader("X Nguồn", "1"), new RestHeader("Authorization", "Bearer lộ")],
            Auth = new RestAuth.OAuth2ClientCredentials("/token", " "),
            Paging = new RestPaging.OffsetLimit("", "limit", 0) { MaxPages = 0 },
            RecordsPath = "data..items",
            Mappings = [new FieldMapping("Mã", ColumnType.Text, "ma"), new FieldMapping("mã", ColumnType.Text, "ma[")],
            Watermark = new RestWatermark("", "capNhatLuc", ColumnType.Boolean),
            RequestTimeout = TimeSpan.Zero,
        };

        var problems = settings.Validate(RestSecrets.Empty);

        Assert.Equal(
            ["Url", "BodyTemplate", "Headers[0]", "Headers[1]", "Auth.TokenUrl", "Auth.ClientId", "Secrets.ClientSecret", "Paging.MaxPages",
             "Paging.OffsetParameter", "Paging.Size", "RecordsPath", "Mappings[1].Column", "Mappings[1].SourcePath", "Watermark.Parameter",
             "Watermark.Type", "RequestTimeout"],
            problems.Select(p => p.Field));
        Assert.Contains(problems, p => p.Message.StartsWith("URL: an absolute address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message == "Field mapping 2: the column 'mã' is already mapped above.");
        Assert.Contains(problems, p => p.Message == "Paging: the offset parameter name is needed (ASCII letters, digits, - _ .).");
        Assert.Contains(problems, p => p.Message.StartsWith("Records path: JSON path 'data..items', position 6", StringComparison.Ordinal));
    }

    [Fact]
    public void Messages_are_Vietnamese_by_default()
    {
        using var _ = new UiCulture("vi-VN");

        var problems = (Valid with { Mappings = [] }).Validate();

        Assert.Equal("Ánh xạ trường: cần ít nhất một cột.", Assert.Single(problems).Message);
    }

    [Fact]
    public void A_post_body_template_must_be_json_once_its_placeholders_are_filled()
    {
        var post = Valid with { Method = RestMethod.Post };

        Assert.Empty((post with { BodyTemplate = """{"trang": {{page}}, "tuLuc": {{watermark}}}""" }).Validate());
        Assert.Equal("BodyTemplate", Assert.Single((post with { BodyTemplate = """{"trang": {{page}}""" }).Validate()).Field);
    }

    [Fact]
    public void The_secrets_each_auth_kind_needs_are_checked_when_given()
    {
        Assert.Equal("Secrets.ApiKey", Assert.Single((Valid with { Auth = new RestAuth.ApiKey("X-Api-Key", ApiKeyLocation.Header) }).Validate(RestSecrets.Empty)).Field);
        Assert.Equal("Secrets.BearerToken", Assert.Single((Valid with { Auth = new RestAuth.Bearer() }).Validate(RestSecrets.Empty)).Field);
        Assert.Equal("Secrets.Password", Assert.Single((Valid with { Auth = new RestAuth.Basic("a") }).Validate(RestSecrets.Empty)).Field);
        Assert.Empty((Valid with { Auth = new RestAuth.Bearer() }).Validate());
    }

    [Fact]
    public void Settings_round_trip_through_json_with_their_auth_and_paging_kinds()
    {
        var settings = Valid with
        {
            Auth = new RestAuth.OAuth2ClientCredentials("https://id.quangnam.gov.vn/token", "workbench", "du-lieu.doc")
            {
                ClientAuthentication = OAuth2ClientAuthentication.RequestBody,
            },
            Paging = new RestPaging.Cursor("sau", "meta.next_cursor") { MaxPages = 20 },
        };

        var json = JsonSerializer.Serialize(settings);
        var back = JsonSerializer.Deserialize<RestSourceSettings>(json)!;

        Assert.Contains("\"kind\":\"oauth2ClientCredentials\"", json);
        Assert.Equal(settings.Auth, back.Auth);
        Assert.Equal(settings.Paging, back.Paging);
        Assert.Equal(settings.Mappings, back.Mappings);
        Assert.Equal(settings.Watermark, back.Watermark);
    }

    [Fact]
    public void Secrets_never_show_in_their_text()
    {
        var secrets = new RestSecrets(ApiKey: "khoa", BearerToken: "ma", Password: "matkhau", ClientSecret: "bimat");

        Assert.DoesNotContain("khoa", secrets.ToString());
        Assert.DoesNotContain("bimat", $"{secrets}");
    }

    [Fact]
    public void Body_placeholders_become_json_values()
    {
        var body = RestBody.Fill("""{"trang": {{page}}, "sau": {{cursor}}, "tuLuc": {{watermark}}}""",
            new Dictionary<string, object?> { ["page"] = 3L, ["watermark"] = "2024-03-01T08:00:00" });

        Assert.Equal("""{"trang": 3, "sau": null, "tuLuc": "2024-03-01T08:00:00"}""", body);
    }
}
