using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workbench.Tests.Fixtures;

/// <summary>What the fake source asks of a caller before it answers.</summary>
public enum FakeRestAuth
{
    None,
    ApiKeyHeader,
    ApiKeyQuery,
    Bearer,
    Basic,
    OAuth2,
}

/// <summary>
/// A provincial agency's REST API on a loopback port, serving 95 districts (nested address, a <c>capNhatLuc</c> update
/// time for watermarks) through every paging kind, behind every auth kind, with faults switchable per test.
/// </summary>
/// <remarks>
/// Endpoints, each filtering by <c>capNhatSau</c> (records updated after it) and keeping the districts' order:
/// <list type="bullet">
/// <item><c>GET /api/all</c>: the records as a root array.</item>
/// <item><c>GET /api/page?trang=1&amp;kichThuoc=10</c>: <c>{"data":{"items":[...],"tongSo":95}}</c>.</item>
/// <item><c>GET /api/offset?offset=0&amp;limit=10</c>: <c>{"data":{"items":[...]}}</c>.</item>
/// <item><c>GET /api/cursor?sau=...</c>: <c>{"items":[...],"meta":{"next_cursor":"..."}}</c>, 10 a page.</item>
/// <item><c>GET /api/link</c>: <c>{"value":[...],"@odata.nextLink":"http://.../api/link?skip=10"}</c> (absolute), and
/// <c>GET /api/link-relative</c>: <c>{"value":[...],"links":{"next":"/api/link-relative?skip=10"}}</c>.</item>
/// <item><c>POST /api/search</c> with <c>{"trang":1,"kichThuoc":10,"tuLuc":null}</c>: as <c>/api/page</c>.</item>
/// <item><c>POST /oauth/token</c>: client credentials (Basic or in the form), tokens good for <see cref="TokenLifetime"/> data requests.</item>
/// </list>
/// Faults count data requests that passed authentication, from 1 (<see cref="Pages"/>).
/// </remarks>
public sealed class FakeRestSource : IAsyncDisposable
{
    public const int RecordCount = 95;
    public const int ServerPageSize = 10;
    public const string WatermarkParameter = "capNhatSau";
    public const string ApiKey = "khoa-api-3f9a";
    public const string ApiKeyName = "X-Api-Key";
    public const string ApiKeyQueryName = "api_key";
    public const string BearerToken = "ma-truy-cap-7c21";
    public const string UserName = "so-khdt";
    public const string Password = "mật-khẩu-đúng";
    public const string ClientId = "workbench-sync";
    public const string ClientSecret = "bi-mat-ung-dung-51e0";

    private static readonly string[] Names =
        ["Tam Kỳ", "Hội An", "Điện Bàn", "Duy Xuyên", "Quế Sơn", "Thăng Bình", "Núi Thành", "Phú Ninh", "Tiên Phước", "Hiệp Đức", "Nông Sơn", "Đại Lộc", "Đông Giang", "Tây Giang", "Nam Giang", "Phước Sơn", "Bắc Trà My", "Nam Trà My"];

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, int> _tokens = new();
    private readonly TaskCompletionSource _hanging = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pages;
    private int _tokensIssued;

    private FakeRestSource(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = default!;

    public FakeRestAuth Auth { get; set; }

    /// <summary>Data requests one OAuth2 token is good for; after that the source answers 401 (the token "expired").</summary>
    public int TokenLifetime { get; set; } = int.MaxValue;

    public int TokensIssued => _tokensIssued;

    /// <summary>Data requests answered so far (authenticated ones).</summary>
    public int Pages => _pages;

    /// <summary>The path and query of every authenticated data request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The body of every authenticated POST data request.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>The scope of the last token request.</summary>
    public string? LastScope { get; private set; }

    /// <summary>This page answers HTTP 500.</summary>
    public int? FailOnPage { get; set; }

    /// <summary>This page answers with this status instead of its records.</summary>
    public (int Page, int Status)? StatusOnPage { get; set; }

    /// <summary>This page sends half its body and then nothing until the caller gives up; <see cref="PageHanging"/> says when it started.</summary>
    public int? HangOnPage { get; set; }

    /// <summary>This page waits, before answering, until <see cref="Release"/>: a sync stays under way while a test watches it.</summary>
    public int? HoldOnPage { get; set; }

    /// <summary>Completes when the held page's request has arrived.</summary>
    public Task PageHeld => _held.Task;

    /// <summary>Lets the held page answer.</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>This page's body is cut in half: well delivered, but not JSON.</summary>
    public int? MalformedOnPage { get; set; }

    /// <summary>This page sends half its body and then drops the connection.</summary>
    public int? DropOnPage { get; set; }

    /// <summary>Edits each record before it is sent: (page, record number in the dataset from 1, record).</summary>
    public Action<int, int, JsonObject>? EditRecord { get; set; }

    /// <summary>Completes when the hanging page has sent its first half.</summary>
    public Task PageHanging => _hanging.Task;

    /// <summary>The 95 districts as served, before filtering.</summary>
    public static IReadOnlyList<JsonObject> Districts() => [.. Enumerable.Range(1, RecordCount).Select(District)];

    /// <summary>District <paramref name="n"/>'s update time: not in record order, so the highest is not the last.</summary>
    public static DateTime UpdatedAt(int n) => new DateTime(2024, 3, 1, 0, 0, 0).AddHours(n * 37 % RecordCount);

    public static async Task<FakeRestSource> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var source = new FakeRestSource(app);
        source.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        source.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return source;
    }

    /// <summary>An absolute URL on this source.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    private static JsonObject District(int n)
    {
        var kind = n % 9 == 0 ? "Thành phố" : n % 7 == 0 ? "Thị xã" : "Huyện";
        return new JsonObject
        {
            ["ma"] = $"D{n:000}",
            ["ten"] = $"{kind} {Names[(n - 1) % Names.Length]} {n}",
            ["loai"] = kind,
            ["danSo"] = 40_000 + n * 1_234,
            ["dienTich"] = 100.25 + n * 3.5,
            ["laDoThi"] = kind != "Huyện",
            ["diaChi"] = new JsonObject
            {
                ["tinh"] = "Quảng Nam",
                ["vung"] = "Duyên hải Nam Trung Bộ",
                ["toaDo"] = new JsonObject { ["viDo"] = 15.0 + n / 100.0, ["kinhDo"] = 108.0 + n / 100.0 },
            },
            ["ngayThanhLap"] = new DateOnly(1990, 1, 1).AddDays(n * 41).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["capNhatLuc"] = UpdatedAt(n).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            ["xa"] = new JsonArray($"Xã {n}A", $"Xã {n}B"),
        };
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/api/all", context => ServeAsync(context, since: context.Request.Query[WatermarkParameter], 0, int.MaxValue,
            (records, _) => new JsonArray([.. records])));
        app.MapGet("/api/page", context =>
        {
            var size = Int(context.Request.Query["kichThuoc"], ServerPageSize);
            var page = Int(context.Request.Query["trang"], 1);
            return ServeAsync(context, context.Request.Query[WatermarkParameter], (page - 1) * size, size,
                (records, total) => new JsonObject { ["data"] = new JsonObject { ["items"] = new JsonArray([.. records]), ["tongSo"] = total } });
        });
        app.MapGet("/api/offset", context => ServeAsync(context, context.Request.Query[WatermarkParameter],
            Int(context.Request.Query["offset"], 0), Int(context.Request.Query["limit"], ServerPageSize),
            (records, _) => new JsonObject { ["data"] = new JsonObject { ["items"] = new JsonArray([.. records]) } }));
        app.MapGet("/api/cursor", context =>
        {
            // An opaque cursor: the offset, encoded so that a reader cannot compute it.
            var after = context.Request.Query["sau"].ToString();
            var offset = after.Length == 0 ? 0 : int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(after))[1..], CultureInfo.InvariantCulture);
            return ServeAsync(context, context.Request.Query[WatermarkParameter], offset, ServerPageSize, (records, total) =>
            {
                var next = offset + records.Count < total ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"o{offset + records.Count}")) : null;
                return new JsonObject { ["items"] = new JsonArray([.. records]), ["meta"] = new JsonObject { ["next_cursor"] = next } };
            });
        });
        app.MapGet("/api/link", context => ServeLinkAsync(context, relative: false));
        app.MapGet("/api/link-relative", context => ServeLinkAsync(context, relative: true));
        app.MapPost("/api/search", async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            if (!Authorised(context))
            {
                await RefuseAsync(context);
                return;
            }
            Bodies.Enqueue(body);
            var query = JsonNode.Parse(body)!.AsObject();
            var size = query["kichThuoc"]?.GetValue<int>() ?? ServerPageSize;
            var page = query["trang"]?.GetValue<int>() ?? 1;
            await ServeAsync(context, query["tuLuc"]?.GetValue<string>(), (page - 1) * size, size,
                (records, total) => new JsonObject { ["data"] = new JsonObject { ["items"] = new JsonArray([.. records]), ["tongSo"] = total } },
                authorised: true);
        });
        app.MapPost("/oauth/token", async context =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var (id, secret) = (form["client_id"].ToString(), form["client_secret"].ToString());
            if (BasicCredentials(context.Request) is { } basic)
            {
                (id, secret) = (Uri.UnescapeDataString(basic.User.Replace('+', ' ')), Uri.UnescapeDataString(basic.Password.Replace('+', ' ')));
            }
            if (form["grant_type"] != "client_credentials" || id != ClientId || secret != ClientSecret)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { error = "invalid_client" }, context.RequestAborted);
                return;
            }
            LastScope = form["scope"];
            var token = $"tok-{Interlocked.Increment(ref _tokensIssued)}";
            _tokens[token] = TokenLifetime;
            await context.Response.WriteAsJsonAsync(new { access_token = token, token_type = "Bearer", expires_in = 3600 }, context.RequestAborted);
        });
    }

    private Task ServeLinkAsync(HttpContext context, bool relative)
    {
        var skip = Int(context.Request.Query["skip"], 0);
        var since = context.Request.Query[WatermarkParameter].ToString();
        return ServeAsync(context, since, skip, ServerPageSize, (records, total) =>
        {
            var path = relative ? "/api/link-relative" : "/api/link";
            var query = $"?skip={skip + records.Count}" + (since.Length > 0 ? $"&{WatermarkParameter}={Uri.EscapeDataString(since)}" : "");
            string? next = skip + records.Count < total ? (relative ? path + query : Url(path.TrimStart('/') + query)) : null;
            return relative
                ? new JsonObject { ["value"] = new JsonArray([.. records]), ["links"] = new JsonObject { ["next"] = next } }
                : new JsonObject { ["value"] = new JsonArray([.. records]), ["@odata.nextLink"] = next };
        });
    }

    private async Task ServeAsync(HttpContext context, string? since, int skip, int take, Func<List<JsonObject>, int, JsonNode> shape, bool authorised = false)
    {
        if (!authorised && !Authorised(context))
        {
            await RefuseAsync(context);
            return;
        }
        var page = Interlocked.Increment(ref _pages);
        Requests.Enqueue(context.Request.Path + context.Request.QueryString);
        if (page == FailOnPage)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("Lỗi máy chủ nội bộ", context.RequestAborted);
            return;
        }
        if (StatusOnPage is { } status && status.Page == page)
        {
            context.Response.StatusCode = status.Status;
            await context.Response.WriteAsync("{\"loi\":\"tham số không hợp lệ\"}", context.RequestAborted);
            return;
        }
        if (page == HoldOnPage)
        {
            _held.TrySetResult();
            await _release.Task.WaitAsync(context.RequestAborted);
        }
        var after = string.IsNullOrEmpty(since) ? (DateTime?)null : DateTime.Parse(since, CultureInfo.InvariantCulture);
        var matching = Enumerable.Range(1, RecordCount).Where(n => after is null || UpdatedAt(n) > after).ToList();
        var records = matching.Skip(skip).Take(take).Select(n =>
        {
            var record = District(n);
            EditRecord?.Invoke(page, n, record);
            return record;
        }).ToList();
        var body = Encoding.UTF8.GetBytes(shape(records, matching.Count).ToJsonString());
        context.Response.ContentType = "application/json; charset=utf-8";
        if (page == MalformedOnPage)
        {
            body = body[..(body.Length / 2)];
        }
        context.Response.ContentLength = body.Length;
        if (page == DropOnPage || page == HangOnPage)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (page == DropOnPage)
            {
                context.Abort();
                return;
            }
            _hanging.TrySetResult();
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, either.Token);
            }
            catch (OperationCanceledException)
            {
            }
            context.Abort();
            return;
        }
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private bool Authorised(HttpContext context)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        switch (Auth)
        {
            case FakeRestAuth.ApiKeyHeader:
                return request.Headers[ApiKeyName] == ApiKey;
            case FakeRestAuth.ApiKeyQuery:
                return request.Query[ApiKeyQueryName] == ApiKey;
            case FakeRestAuth.Bearer:
                return authorization == "Bearer " + BearerToken;
            case FakeRestAuth.Basic:
                return BasicCredentials(request) is { } basic && basic.User == UserName && basic.Password == Password;
            case FakeRestAuth.OAuth2:
                if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
                {
                    return false;
                }
                var token = authorization["Bearer ".Length..];
                while (_tokens.TryGetValue(token, out var left))
                {
                    if (left <= 0)
                    {
                        return false;
                    }
                    if (_tokens.TryUpdate(token, left - 1, left))
                    {
                        return true;
                    }
                }
                return false;
            default:
                return true;
        }
    }

    private static Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = 401;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private static (string User, string Password)? BasicCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (pair[..colon], pair[(colon + 1)..]);
    }

    private static int Int(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
