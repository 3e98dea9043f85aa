using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Rest;

namespace Workbench.Infrastructure.Connectors.Rest;

/// <summary>
/// Reads a REST/JSON source page by page: one <see cref="SourceBatch"/> per page, never more than one page in memory.
/// Failures are <see cref="SourceReadException"/>s whose kind says whether a retry may help; the reader itself does not
/// retry (the sync does, by its <see cref="RetryPolicy"/>), except that an OAuth2 token refused with 401 is fetched again once.
/// </summary>
/// <remarks>
/// Messages name the source by scheme, host and path only: a query string may carry an API key.
/// </remarks>
public sealed class RestSource
{
    /// <summary>The name of the <see cref="HttpClient"/> this source asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "Workbench.Connectors.Rest";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>A source over <paramref name="http"/>, whose own timeout should be longer than any <see cref="RestSourceSettings.RequestTimeout"/>.</summary>
    public RestSource(HttpClient http, TimeProvider? time = null)
    {
        _http = http;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A source over the factory's named client; the settings' per-request timeout replaces the client's.</summary>
    public RestSource(IHttpClientFactory factory, TimeProvider? time = null)
        : this(WithoutClientTimeout(factory.CreateClient(HttpClientName)), time)
    {
    }

    /// <summary>
    /// Reads every page. With <paramref name="sinceWatermark"/> the watermark parameter asks the source for newer
    /// records only. Batches already yielded stay valid when a later page fails: a consumer may commit them.
    /// </summary>
    /// <exception cref="SourceReadException">The settings are invalid, or a request, a response or a record failed.</exception>
    public async IAsyncEnumerable<SourceBatch> ReadAsync(
        RestSourceSettings settings, RestSecrets secrets, string? sinceWatermark, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EnsureValid(settings, secrets, dryRun: false);
        var mapper = new RestRecordMapper(settings.Mappings, settings.Watermark, sinceWatermark);
        var client = new Client(this, settings, secrets);
        var pager = new Pager(settings, sinceWatermark);
        var recordsPath = JsonPath.Parse(settings.RecordsPath).Value!;
        for (var page = 1; ; page++)
        {
            if (page > settings.Paging.MaxPages)
            {
                throw new SourceReadException(SourceErrorKind.Configuration, Text.Pick(
                    "Đã đọc {0} trang, bằng số trang tối đa cho phép mà nguồn vẫn còn trang sau; hãy tăng giới hạn hoặc kiểm tra cách phân trang.",
                    "Read {0} pages, the maximum allowed, and the source still has a next page; raise the limit or check the paging settings.",
                    settings.Paging.MaxPages));
            }
            var (uri, body) = pager.Request();
            SourceBatch batch;
            bool more;
            SourceReadException? badNextPage = null;
            using (var document = await client.GetJsonAsync(uri, body, cancellationToken))
            {
                var records = SelectRecords(document.RootElement, recordsPath, uri);
                batch = mapper.MapPage(records);
                try
                {
                    more = pager.Advance(document.RootElement, records.GetArrayLength(), uri);
                }
                catch (SourceReadException exception)
                {
                    // This page is good; only the way to the next one is not: the consumer gets the page first.
                    (badNextPage, more) = (exception, false);
                }
            }
            yield return batch;
            if (badNextPage is not null)
            {
                throw badNextPage;
            }
            if (!more)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Fetches the first page only, for the connector editor: its raw records, the rows the mappings make of them (when
    /// there are mappings), and a schema proposed for a new dataset.
    /// </summary>
    /// <exception cref="SourceReadException">The settings are invalid, or the request or the response failed.</exception>
    public async Task<RestDryRun> DryRunAsync(RestSourceSettings settings, RestSecrets secrets, CancellationToken cancellationToken)
    {
        EnsureValid(settings, secrets, dryRun: true);
        var client = new Client(this, settings, secrets);
        var (uri, body) = new Pager(settings, null).Request();
        using var document = await client.GetJsonAsync(uri, body, cancellationToken);
        var records = SelectRecords(document.RootElement, JsonPath.Parse(settings.RecordsPath).Value!, uri);
        var raw = records.EnumerateArray().Take(RestDryRun.MaxRawRecords)
            .Select(record => JsonSerializer.Serialize(record, IndentedJson.Options))
            .ToList();
        SourceBatch? batch = null;
        string? mappingError = null;
        if (settings.Mappings.Count > 0)
        {
            try
            {
                batch = new RestRecordMapper(settings.Mappings, settings.Watermark).MapPage(records);
            }
            catch (SourceReadException exception) when (exception.Kind is SourceErrorKind.MissingField or SourceErrorKind.Malformed)
            {
                mappingError = exception.Message;
            }
        }
        return new RestDryRun(raw, records.GetArrayLength(), batch, mappingError, RestSchemaProposal.Propose(records));
    }

    private static void EnsureValid(RestSourceSettings settings, RestSecrets secrets, bool dryRun)
    {
        // A dry run is how a new connector finds its fields: it may have no mappings yet.
        var problems = settings.Validate(secrets).Where(p => !(dryRun && p.Field == nameof(RestSourceSettings.Mappings))).ToList();
        if (problems.Count > 0)
        {
            throw new SourceReadException(SourceErrorKind.Configuration, string.Join(Environment.NewLine, problems.Select(p => p.Message)));
        }
    }

    private static JsonElement SelectRecords(JsonElement root, JsonPath path, Uri uri)
    {
        if (!path.TrySelect(root, out var records))
        {
            throw new SourceReadException(SourceErrorKind.Malformed, Text.Pick(
                "Không tìm thấy danh sách bản ghi tại «{0}» trong trả lời của {1}: {2}.",
                "No records at '{0}' in the answer from {1}: {2}.", path, Shown(uri), path.ExplainMiss(root)));
        }
        if (records.ValueKind != JsonValueKind.Array)
        {
            throw new SourceReadException(SourceErrorKind.Malformed, Text.Pick(
                "«{0}» trong trả lời của {1} là {2}, không phải một mảng bản ghi [...].",
                "'{0}' in the answer from {1} is {2}, not an array of records [...].", path, Shown(uri), KindName(records.ValueKind)));
        }
        return records;
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => Text.Pick("một đối tượng", "an object"),
        JsonValueKind.String => Text.Pick("một chuỗi", "a string"),
        JsonValueKind.Number => Text.Pick("một số", "a number"),
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    /// <summary>A URL as messages show it: no query string (it may hold an API key), no user info.</summary>
    internal static string Shown(Uri uri) => uri.GetLeftPart(UriPartial.Path);

    private static HttpClient WithoutClientTimeout(HttpClient http)
    {
        http.Timeout = Timeout.InfiniteTimeSpan;
        return http;
    }

    private static class IndentedJson
    {
        public static readonly JsonSerializerOptions Options = new()
        {
            WriteIndented = true,
            // Vietnamese stays readable in the editor instead of \u1EA1 escapes; this text is shown, never embedded in HTML unencoded.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
    }

    /// <summary>One read's HTTP side: authentication (with the OAuth2 token cached for the read), timeouts, and error kinds.</summary>
    private sealed class Client(RestSource source, RestSourceSettings settings, RestSecrets secrets)
    {
        private string? _token;
        private DateTimeOffset? _tokenExpires;

        public async Task<JsonDocument> GetJsonAsync(Uri uri, string? body, CancellationToken cancellationToken)
        {
            var refreshed = false;
            while (true)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(settings.RequestTimeout);
                try
                {
                    var token = settings.Auth is RestAuth.OAuth2ClientCredentials oauth ? await TokenAsync(oauth, timeout.Token) : null;
                    using var request = Build(uri, body, token);
                    using var response = await source._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null && !refreshed)
                    {
                        // The token expired or was revoked early: fetch a new one, once.
                        refreshed = true;
                        _token = null;
                        continue;
                    }
                    await EnsureSuccessAsync(response, uri, timeout.Token);
                    await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
                    return await JsonDocument.ParseAsync(stream, DocumentOptions, timeout.Token);
                }
                catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new SourceReadException(SourceErrorKind.Transient, Text.Pick(
                        "{0} không trả lời trọn vẹn trong {1} giây.", "{0} did not answer in full within {1} seconds.",
                        Shown(uri), settings.RequestTimeout.TotalSeconds), exception);
                }
                catch (JsonException exception)
                {
                    throw new SourceReadException(SourceErrorKind.Malformed, Text.Pick(
                        "Trả lời của {0} không phải JSON hợp lệ (dòng {1}, byte {2}): {3}",
                        "The answer from {0} is not valid JSON (line {1}, byte {2}): {3}",
                        Shown(uri), exception.LineNumber + 1, exception.BytePositionInLine + 1, exception.Message), exception);
                }
                catch (Exception exception) when (exception is HttpRequestException or IOException)
                {
                    throw new SourceReadException(SourceErrorKind.Transient, Text.Pick(
                        "Mất kết nối với {0}: {1}", "The connection to {0} failed: {1}", Shown(uri), exception.Message), exception);
                }
            }
        }

        private HttpRequestMessage Build(Uri uri, string? body, string? token)
        {
            if (settings.Auth is RestAuth.ApiKey { In: ApiKeyLocation.Query } queryKey)
            {
                uri = Query.With(uri, [(queryKey.Name, secrets.ApiKey ?? "")]);
            }
            var request = new HttpRequestMessage(settings.Method == RestMethod.Post ? HttpMethod.Post : HttpMethod.Get, uri);
            if (settings.Method == RestMethod.Post)
            {
                request.Content = new StringContent(body ?? "{}", Encoding.UTF8, "application/json");
            }
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            foreach (var header in settings.Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value))
                {
                    request.Content?.Headers.Remove(header.Name);
                    request.Content?.Headers.TryAddWithoutValidation(header.Name, header.Value);
                }
            }
            switch (settings.Auth)
            {
                case RestAuth.ApiKey { In: ApiKeyLocation.Header } headerKey:
                    request.Headers.TryAddWithoutValidation(headerKey.Name, secrets.ApiKey);
                    break;
                case RestAuth.Bearer:
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secrets.BearerToken);
                    break;
                case RestAuth.Basic basic:
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.UserName}:{secrets.Password}")));
                    break;
                case RestAuth.OAuth2ClientCredentials:
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    break;
            }
            return request;
        }

        private async Task<string> TokenAsync(RestAuth.OAuth2ClientCredentials oauth, CancellationToken cancellationToken)
        {
            if (_token is not null && (_tokenExpires is null || source._time.GetUtcNow() < _tokenExpires))
            {
                return _token;
            }
            var tokenUri = new Uri(oauth.TokenUrl);
            var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
            if (!string.IsNullOrWhiteSpace(oauth.Scope))
            {
                form.Add(new("scope", oauth.Scope));
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, tokenUri);
            if (oauth.ClientAuthentication == OAuth2ClientAuthentication.RequestBody)
            {
                form.Add(new("client_id", oauth.ClientId));
                form.Add(new("client_secret", secrets.ClientSecret ?? ""));
            }
            else
            {
                // RFC 6749 §2.3.1: both halves are form-encoded before they are joined for Basic.
                var pair = $"{WebUtility.UrlEncode(oauth.ClientId)}:{WebUtility.UrlEncode(secrets.ClientSecret ?? "")}";
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
            }
            request.Content = new FormUrlEncodedContent(form);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var requestedAt = source._time.GetUtcNow();
            using var response = await source._http.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new SourceReadException(SourceErrorKind.Configuration, Text.Pick(
                    "Máy chủ cấp mã OAuth2 {0} từ chối (HTTP {1}{2}): hãy kiểm tra mã ứng dụng (client id), khóa bí mật (client secret) và phạm vi (scope).",
                    "The OAuth2 token endpoint {0} refused (HTTP {1}{2}): check the client id, the client secret and the scope.",
                    Shown(tokenUri), (int)response.StatusCode, await OAuthErrorAsync(response, cancellationToken)));
            }
            await EnsureSuccessAsync(response, tokenUri, cancellationToken);
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), DocumentOptions, cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var accessToken)
                || accessToken.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(accessToken.GetString()))
            {
                throw new SourceReadException(SourceErrorKind.Malformed, Text.Pick(
                    "Trả lời của máy chủ cấp mã OAuth2 {0} không có access_token.", "The answer from the OAuth2 token endpoint {0} has no access_token.", Shown(tokenUri)));
            }
            _token = accessToken.GetString();
            _tokenExpires = ExpiresIn(root) is { } seconds
                // Renew a little early, so a token does not expire between our check and the source's.
                ? requestedAt.AddSeconds(seconds - Math.Min(30, seconds / 10))
                : null;
            return _token!;
        }

        private static double? ExpiresIn(JsonElement root) =>
            root.TryGetProperty("expires_in", out var value) && (value.ValueKind == JsonValueKind.Number ? value.TryGetDouble(out var n) : double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out n)) && n > 0
                ? n
                : null;

        private static async Task<string> OAuthErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            try
            {
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                return document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? ": " + error.GetString() : "";
            }
            catch (JsonException)
            {
                return "";
            }
        }

        private static async Task EnsureSuccessAsync(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
        {
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return;
            }
            if (status is 401 or 403)
            {
                throw new SourceReadException(SourceErrorKind.Configuration, Text.Pick(
                    "{0} từ chối truy cập (HTTP {1}): hãy kiểm tra thông tin xác thực (khóa API, mã truy cập, tên đăng nhập/mật khẩu hoặc client id/secret) và quyền của tài khoản.",
                    "{0} refused access (HTTP {1}): check the credentials (API key, token, user name/password or client id/secret) and the account's rights.",
                    Shown(uri), status));
            }
            if (status is 408 or 429 or >= 500)
            {
                throw new SourceReadException(SourceErrorKind.Transient, Text.Pick(
                    "{0} trả lời HTTP {1} {2}: nguồn đang bận hoặc gặp sự cố; sẽ thử lại sau.",
                    "{0} answered HTTP {1} {2}: the source is busy or failing; it will be tried again later.",
                    Shown(uri), status, response.ReasonPhrase));
            }
            throw new SourceReadException(SourceErrorKind.Configuration, Text.Pick(
                "{0} trả lời HTTP {1} {2}: hãy kiểm tra địa chỉ, phương thức và các tham số. {3}",
                "{0} answered HTTP {1} {2}: check the URL, the method and the parameters. {3}",
                Shown(uri), status, response.ReasonPhrase, await SnippetAsync(response, cancellationToken)));
        }

        // The start of an error body often says what is wrong ("unknown parameter trang"); a short, single-line excerpt.
        private static async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            try
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                return text.Length > 300 ? string.Concat(text.AsSpan(0, 300), "…") : text;
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                return "";
            }
        }
    }

    /// <summary>Which page comes next: the request for it, and whether there is one after the page just read.</summary>
    private sealed class Pager(RestSourceSettings settings, string? sinceWatermark)
    {
        private readonly Uri _first = new(settings.Url);
        private long _page = settings.Paging is RestPaging.PageNumber p ? p.Start : 0;
        private long _offset;
        private string? _cursor;
        private Uri? _next;

        public (Uri Uri, string? Body) Request()
        {
            var values = new Dictionary<string, object?> { ["watermark"] = sinceWatermark };
            var parameters = new List<(string, string)>();
            if (_next is null && sinceWatermark is not null && settings.Watermark is { } watermark)
            {
                parameters.Add((watermark.Parameter, sinceWatermark));
            }
            switch (settings.Paging)
            {
                case RestPaging.PageNumber page:
                    parameters.Add((page.Parameter, Invariant(_page)));
                    values["page"] = _page;
                    if (page.Size is int size)
                    {
                        values["size"] = values["limit"] = size;
                        if (page.SizeParameter is { } sizeParameter)
                        {
                            parameters.Add((sizeParameter, Invariant(size)));
                        }
                    }
                    break;
                case RestPaging.OffsetLimit offset:
                    parameters.Add((offset.OffsetParameter, Invariant(_offset)));
                    parameters.Add((offset.LimitParameter, Invariant(offset.Size)));
                    values["offset"] = _offset;
                    values["size"] = values["limit"] = offset.Size;
                    break;
                case RestPaging.Cursor cursor when _cursor is not null:
                    parameters.Add((cursor.Parameter, _cursor));
                    values["cursor"] = _cursor;
                    break;
            }
            var uri = _next ?? Query.With(_first, parameters);
            var body = settings.Method == RestMethod.Post && !string.IsNullOrWhiteSpace(settings.BodyTemplate)
                ? RestBody.Fill(settings.BodyTemplate, values)
                : null;
            return (uri, body);
        }

        /// <summary>Moves to the next page; false when the page just read (with <paramref name="count"/> records) was the last.</summary>
        public bool Advance(JsonElement response, int count, Uri current)
        {
            if (count == 0)
            {
                return false;
            }
            switch (settings.Paging)
            {
                case RestPaging.PageNumber page:
                    _page++;
                    return page.Size is not int size || count >= size;
                case RestPaging.OffsetLimit offset:
                    _offset += count;
                    return count >= offset.Size;
                case RestPaging.Cursor cursor:
                    var next = Text(response, cursor.NextCursorPath, current);
                    if (next is not null && next == _cursor)
                    {
                        throw Repeated(current, Core.Common.Text.Pick("con trỏ", "cursor"));
                    }
                    _cursor = next;
                    return next is not null;
                case RestPaging.NextLink link:
                    var href = Text(response, link.NextLinkPath, current);
                    if (href is null)
                    {
                        return false;
                    }
                    if (!Uri.TryCreate(current, href, out var nextUri) || !SameOrigin(nextUri, _first))
                    {
                        throw new SourceReadException(SourceErrorKind.Malformed, Core.Common.Text.Pick(
                            "Liên kết trang sau «{0}» trong trả lời của {1} không thuộc cùng máy chủ {2}; thông tin xác thực không được gửi sang nơi khác.",
                            "The next link '{0}' in the answer from {1} is not on the source's server {2}; credentials are not sent elsewhere.",
                            nextUri is null ? href : Shown(nextUri), Shown(current), _first.GetLeftPart(UriPartial.Authority)));
                    }
                    if (nextUri == current)
                    {
                        throw Repeated(current, Core.Common.Text.Pick("liên kết", "link"));
                    }
                    _next = nextUri;
                    return true;
                default:
                    return false;
            }
        }

        private static string? Text(JsonElement response, string path, Uri current)
        {
            if (!JsonPath.Parse(path).Value!.TrySelect(response, out var value))
            {
                return null;
            }
            return value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
                JsonValueKind.Number => value.GetRawText(),
                _ => throw new SourceReadException(SourceErrorKind.Malformed, Core.Common.Text.Pick(
                    "«{0}» trong trả lời của {1} là {2}, không phải một chuỗi chỉ trang sau.",
                    "'{0}' in the answer from {1} is {2}, not a string naming the next page.", path, Shown(current), KindName(value.ValueKind))),
            };
        }

        private static SourceReadException Repeated(Uri current, string what) => new(SourceErrorKind.Malformed, Core.Common.Text.Pick(
            "{0} trả lại đúng {1} của trang vừa đọc; dừng lại để không đọc mãi một trang.",
            "{0} returned the same {1} as the page just read; stopping rather than reading one page forever.", Shown(current), what));

        private static bool SameOrigin(Uri a, Uri b) =>
            a.IsAbsoluteUri && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

        private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Query strings: parameters set by name, replacing any the URL already has.</summary>
    private static class Query
    {
        public static Uri With(Uri uri, IReadOnlyList<(string Name, string Value)> parameters)
        {
            if (parameters.Count == 0)
            {
                return uri;
            }
            var names = parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var kept = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(pair => !names.Contains(Uri.UnescapeDataString(pair.Split('=', 2)[0].Replace('+', ' '))));
            var added = parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value));
            return new UriBuilder(uri) { Query = string.Join('&', kept.Concat(added)) }.Uri;
        }
    }
}
