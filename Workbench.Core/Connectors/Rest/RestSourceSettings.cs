using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Common;

namespace Workbench.Core.Connectors.Rest;

/// <summary>The HTTP method a REST source is read with.</summary>
public enum RestMethod
{
    Get,
    Post,
}

/// <summary>A fixed request header (not a secret: secrets go through <see cref="RestAuth"/> and <see cref="RestSecrets"/>).</summary>
public sealed record RestHeader(string Name, string Value);

/// <summary>
/// Incremental reading: the highest value of the record field <paramref name="SourcePath"/> (compared as
/// <paramref name="Type"/>) is kept after each sync and sent back as the query parameter <paramref name="Parameter"/>,
/// so the source returns only newer records.
/// </summary>
public sealed record RestWatermark(string Parameter, string SourcePath, ColumnType Type);

/// <summary>A problem with REST source settings: the field it concerns (a property path such as <c>Paging.Size</c>) and a message naming it.</summary>
public sealed record RestSettingsProblem(string Field, string Message);

/// <summary>
/// Everything needed to read a REST/JSON source, except its secrets (<see cref="RestSecrets"/>): safe to store as JSON and to show.
/// </summary>
/// <remarks>
/// Paging and watermark parameters go in the query string. A POST body template is JSON in which the placeholders
/// <c>{{page}}</c>, <c>{{size}}</c>, <c>{{offset}}</c>, <c>{{limit}}</c>, <c>{{cursor}}</c> and <c>{{watermark}}</c>
/// stand for JSON values (a number, a string, or <c>null</c> when there is none), for APIs that page through the body.
/// </remarks>
public sealed record RestSourceSettings
{
    /// <summary>The placeholders a <see cref="BodyTemplate"/> may use.</summary>
    public static IReadOnlyList<string> BodyPlaceholders { get; } = ["page", "size", "offset", "limit", "cursor", "watermark"];

    /// <summary>The default <see cref="RequestTimeout"/>.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The absolute http(s) URL of the first page; a query string in it is kept.</summary>
    public required string Url { get; init; }

    public RestMethod Method { get; init; } = RestMethod.Get;

    /// <summary>The JSON body of a POST, with optional placeholders (see the remarks).</summary>
    public string? BodyTemplate { get; init; }

    public IReadOnlyList<RestHeader> Headers { get; init; } = [];

    public RestAuth Auth { get; init; } = new RestAuth.None();

    public RestPaging Paging { get; init; } = new RestPaging.None();

    /// <summary>Where the array of records is in a response: <c>$</c> when the response is the array, else e.g. <c>$.data.items</c>.</summary>
    public string RecordsPath { get; init; } = "$";

    /// <summary>The dataset columns and the record fields they come from (<see cref="FieldMapping.SourcePath"/> is a path relative to a record).</summary>
    public IReadOnlyList<FieldMapping> Mappings { get; init; } = [];

    /// <summary>Set for incremental reads.</summary>
    public RestWatermark? Watermark { get; init; }

    /// <summary>How long one request may take, from sending it to the last byte of its body.</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>
    /// Every problem that stops these settings from working, each naming its field, Vietnamese or English by the UI
    /// culture. With <paramref name="secrets"/> the secrets the authentication needs are checked too.
    /// </summary>
    public IReadOnlyList<RestSettingsProblem> Validate(RestSecrets? secrets = null)
    {
        var problems = new List<RestSettingsProblem>();
        void Add(string field, string vi, string en, params object?[] args) => problems.Add(new(field, Text.Pick(vi, en, args)));

        if (!IsHttpUrl(Url))
        {
            Add(nameof(Url), "Địa chỉ (URL): cần một địa chỉ đầy đủ bắt đầu bằng http:// hoặc https://, ví dụ https://api.tinh.gov.vn/du-lieu.",
                "URL: an absolute address starting with http:// or https:// is needed, e.g. https://api.tinh.gov.vn/data.");
        }
        if (BodyTemplate is { } body && !string.IsNullOrWhiteSpace(body))
        {
            if (Method != RestMethod.Post)
            {
                Add(nameof(BodyTemplate), "Nội dung yêu cầu (body): chỉ dùng được với phương thức POST.", "Request body: only a POST request has one.");
            }
            else if (!IsJsonTemplate(body, out var error))
            {
                Add(nameof(BodyTemplate), "Nội dung yêu cầu (body): không phải JSON hợp lệ sau khi thay các ô {{...}}: {0}", "Request body: not valid JSON once the {{...}} placeholders are filled: {0}", error);
            }
        }
        var headerNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Headers.Count; i++)
        {
            var header = Headers[i];
            var field = $"{nameof(Headers)}[{i}]";
            if (!IsHeaderName(header.Name))
            {
                Add(field, "Tiêu đề HTTP thứ {0}: tên «{1}» không hợp lệ (chỉ chữ cái không dấu, chữ số và - _ .).", "HTTP header {0}: the name '{1}' is not valid (ASCII letters, digits and - _ . only).", i + 1, header.Name);
            }
            else if (!headerNames.Add(header.Name))
            {
                Add(field, "Tiêu đề HTTP thứ {0}: «{1}» đã có ở trên.", "HTTP header {0}: '{1}' is already set above.", i + 1, header.Name);
            }
            else if (header.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                Add(field, "Tiêu đề HTTP thứ {0}: đừng đặt Authorization ở đây; hãy chọn kiểu xác thực để bí mật được mã hóa.",
                    "HTTP header {0}: do not set Authorization here; choose an authentication kind so the secret is encrypted.", i + 1);
            }
            if (header.Value.Contains('\r') || header.Value.Contains('\n'))
            {
                Add(field, "Tiêu đề HTTP thứ {0}: giá trị không được xuống dòng.", "HTTP header {0}: the value must be on one line.", i + 1);
            }
        }
        ValidateAuth(Add, secrets);
        ValidatePaging(Add);
        if (!JsonPath.Parse(RecordsPath).IsSuccess)
        {
            Add(nameof(RecordsPath), "Đường dẫn tới danh sách bản ghi: {0}", "Records path: {0}", JsonPath.Parse(RecordsPath).Error!.Message);
        }
        ValidateMappings(Add);
        if (Watermark is { } watermark)
        {
            if (!IsToken(watermark.Parameter))
            {
                Add("Watermark.Parameter", "Mốc đồng bộ tăng dần: cần tên tham số truy vấn gửi mốc (chữ cái không dấu, chữ số, - _ .).", "Watermark: the query parameter that carries it is needed (ASCII letters, digits, - _ .).");
            }
            if (JsonPath.Parse(watermark.SourcePath) is { IsSuccess: false } bad)
            {
                Add("Watermark.SourcePath", "Mốc đồng bộ tăng dần, trường nguồn: {0}", "Watermark, source field: {0}", bad.Error!.Message);
            }
            if (watermark.Type == ColumnType.Boolean)
            {
                Add("Watermark.Type", "Mốc đồng bộ tăng dần: kiểu đúng/sai không tăng dần được; hãy chọn số, ngày, ngày giờ hoặc văn bản.", "Watermark: a boolean cannot increase; choose a number, date, date-time or text.");
            }
        }
        if (RequestTimeout <= TimeSpan.Zero)
        {
            Add(nameof(RequestTimeout), "Thời gian chờ mỗi yêu cầu: phải lớn hơn 0.", "Request timeout: must be more than zero.");
        }
        return problems;
    }

    private void ValidateAuth(Action<string, string, string, object?[]> add, RestSecrets? secrets)
    {
        switch (Auth)
        {
            case RestAuth.ApiKey key:
                if (key.In == ApiKeyLocation.Header ? !IsHeaderName(key.Name) : !IsToken(key.Name))
                {
                    add("Auth.Name", "Khóa API: cần tên tiêu đề hoặc tham số mang khóa (chữ cái không dấu, chữ số, - _ .).", "API key: the header or parameter name that carries it is needed (ASCII letters, digits, - _ .).", []);
                }
                if (secrets is not null && string.IsNullOrEmpty(secrets.ApiKey))
                {
                    add("Secrets.ApiKey", "Khóa API: cần nhập giá trị khóa.", "API key: the key's value is needed.", []);
                }
                break;
            case RestAuth.Bearer when secrets is not null && string.IsNullOrEmpty(secrets.BearerToken):
                add("Secrets.BearerToken", "Mã truy cập (bearer token): cần nhập mã.", "Bearer token: the token is needed.", []);
                break;
            case RestAuth.Basic basic:
                if (string.IsNullOrWhiteSpace(basic.UserName) || basic.UserName.Contains(':'))
                {
                    add("Auth.UserName", "Xác thực Basic: cần tên đăng nhập, không chứa dấu «:».", "Basic authentication: a user name without ':' is needed.", []);
                }
                if (secrets is not null && secrets.Password is null)
                {
                    add("Secrets.Password", "Xác thực Basic: cần nhập mật khẩu.", "Basic authentication: the password is needed.", []);
                }
                break;
            case RestAuth.OAuth2ClientCredentials oauth:
                if (!IsHttpUrl(oauth.TokenUrl))
                {
                    add("Auth.TokenUrl", "OAuth2: địa chỉ cấp mã (token URL) phải là địa chỉ đầy đủ bắt đầu bằng http:// hoặc https://.", "OAuth2: the token URL must be an absolute address starting with http:// or https://.", []);
                }
                if (string.IsNullOrWhiteSpace(oauth.ClientId))
                {
                    add("Auth.ClientId", "OAuth2: cần mã ứng dụng (client id).", "OAuth2: the client id is needed.", []);
                }
                if (secrets is not null && string.IsNullOrEmpty(secrets.ClientSecret))
                {
                    add("Secrets.ClientSecret", "OAuth2: cần nhập khóa bí mật của ứng dụng (client secret).", "OAuth2: the client secret is needed.", []);
                }
                break;
        }
    }

    private void ValidatePaging(Action<string, string, string, object?[]> add)
    {
        if (Paging.MaxPages < 1)
        {
            add("Paging.MaxPages", "Phân trang: số trang tối đa phải từ 1 trở lên.", "Paging: the maximum number of pages must be at least 1.", []);
        }
        switch (Paging)
        {
            case RestPaging.PageNumber page:
                RequireParameter(add, "Paging.Parameter", page.Parameter, "số trang", "page number");
                if (page.Start < 0)
                {
                    add("Paging.Start", "Phân trang: trang đầu tiên phải là 0 hoặc 1 (không âm).", "Paging: the first page must be 0 or 1 (not negative).", []);
                }
                if (page.SizeParameter is not null)
                {
                    RequireParameter(add, "Paging.SizeParameter", page.SizeParameter, "cỡ trang", "page size");
                    if (page.Size is null)
                    {
                        add("Paging.Size", "Phân trang: có tham số cỡ trang thì cần nhập cỡ trang.", "Paging: a page size parameter needs a page size.", []);
                    }
                }
                if (page.Size is < 1)
                {
                    add("Paging.Size", "Phân trang: cỡ trang phải từ 1 trở lên.", "Paging: the page size must be at least 1.", []);
                }
                break;
            case RestPaging.OffsetLimit offset:
                RequireParameter(add, "Paging.OffsetParameter", offset.OffsetParameter, "vị trí bắt đầu (offset)", "offset");
                RequireParameter(add, "Paging.LimitParameter", offset.LimitParameter, "số bản ghi mỗi trang (limit)", "limit");
                if (offset.Size < 1)
                {
                    add("Paging.Size", "Phân trang: cỡ trang phải từ 1 trở lên.", "Paging: the page size must be at least 1.", []);
                }
                break;
            case RestPaging.Cursor cursor:
                RequireParameter(add, "Paging.Parameter", cursor.Parameter, "con trỏ (cursor)", "cursor");
                if (JsonPath.Parse(cursor.NextCursorPath) is { IsSuccess: false } bad)
                {
                    add("Paging.NextCursorPath", "Phân trang: đường dẫn tới con trỏ trang sau: {0}", "Paging: path of the next cursor: {0}", [bad.Error!.Message]);
                }
                break;
            case RestPaging.NextLink link:
                if (JsonPath.Parse(link.NextLinkPath) is { IsSuccess: false } badLink)
                {
                    add("Paging.NextLinkPath", "Phân trang: đường dẫn tới liên kết trang sau: {0}", "Paging: path of the next link: {0}", [badLink.Error!.Message]);
                }
                break;
        }
    }

    private static void RequireParameter(Action<string, string, string, object?[]> add, string field, string? name, string vi, string en)
    {
        if (!IsToken(name))
        {
            add(field, "Phân trang: cần tên tham số {0} (chữ cái không dấu, chữ số, - _ .).", "Paging: the {1} parameter name is needed (ASCII letters, digits, - _ .).", [vi, en]);
        }
    }

    private void ValidateMappings(Action<string, string, string, object?[]> add)
    {
        if (Mappings.Count == 0)
        {
            add(nameof(Mappings), "Ánh xạ trường: cần ít nhất một cột.", "Field mappings: at least one column is needed.", []);
        }
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Mappings.Count; i++)
        {
            var mapping = Mappings[i];
            var field = $"{nameof(Mappings)}[{i}]";
            if (string.IsNullOrWhiteSpace(mapping.Column))
            {
                add(field + ".Column", "Ánh xạ trường thứ {0}: tên cột không được để trống.", "Field mapping {0}: the column name must not be empty.", [i + 1]);
            }
            else if (!columns.Add(mapping.Column.Trim()))
            {
                add(field + ".Column", "Ánh xạ trường thứ {0}: cột «{1}» đã được ánh xạ ở trên.", "Field mapping {0}: the column '{1}' is already mapped above.", [i + 1, mapping.Column]);
            }
            if (JsonPath.Parse(mapping.SourcePath) is { IsSuccess: false } bad)
            {
                add(field + ".SourcePath", "Ánh xạ trường thứ {0} (cột «{1}»): {2}", "Field mapping {0} (column '{1}'): {2}", [i + 1, mapping.Column, bad.Error!.Message]);
            }
        }
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    private static bool IsToken(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '[' or ']' or '$' or '@');

    // RFC 9110 token characters.
    private static bool IsHeaderName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));

    private static bool IsJsonTemplate(string template, out string error)
    {
        try
        {
            using var _ = JsonDocument.Parse(RestBody.Fill(template, new Dictionary<string, object?>()));
            error = "";
            return true;
        }
        catch (JsonException exception)
        {
            error = exception.Message;
            return false;
        }
    }
}

/// <summary>Fills a POST body template's placeholders (see <see cref="RestSourceSettings"/>) with JSON values.</summary>
public static class RestBody
{
    /// <summary>The template with each <c>{{name}}</c> replaced by its value as JSON; a placeholder without a value becomes <c>null</c>.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, object?> values)
    {
        var text = template;
        foreach (var name in RestSourceSettings.BodyPlaceholders)
        {
            var placeholder = "{{" + name + "}}";
            if (text.Contains(placeholder, StringComparison.Ordinal))
            {
                text = text.Replace(placeholder, JsonSerializer.Serialize(values.GetValueOrDefault(name)), StringComparison.Ordinal);
            }
        }
        return text;
    }
}
