using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Api;

/// <summary>An RFC 7807 answer as the API writes it: the problem list is in <c>errors</c>, the machine code in <c>code</c>.</summary>
internal sealed record ApiProblem(int Status, string? Title, string? Detail, string? Code, IReadOnlyList<string> Errors);

/// <summary>A column of a dataset to create through <c>POST /datasets</c>.</summary>
internal sealed record ApiColumn(string Name, string Type, bool Key = false);

/// <summary>The calls the API tests make, so each test reads as the request it sends and the answer it checks.</summary>
internal static class ApiClientExtensions
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return document.RootElement.Clone();
    }

    /// <summary>Reads a problem-details body; fails when the answer is not <c>application/problem+json</c>.</summary>
    public static async Task<ApiProblem> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.ReadJsonAsync();
        return new ApiProblem(
            json.GetProperty("status").GetInt32(),
            json.TryGetProperty("title", out var title) ? title.GetString() : null,
            json.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
            json.TryGetProperty("code", out var code) ? code.GetString() : null,
            json.TryGetProperty("errors", out var errors)
                ? [.. errors.EnumerateArray().Select(e => e.GetProperty("message").GetString()!)]
                : []);
    }

    public static Task<HttpResponseMessage> CreateDatasetAsync(this HttpClient client, string key, params ApiColumn[] columns) =>
        client.PostAsJsonAsync("/api/v1/datasets", new
        {
            key,
            name = "Bộ dữ liệu " + key,
            columns = columns.Select(c => new { name = c.Name, type = c.Type, key = c.Key }),
        }, Ct);

    /// <summary>Creates a dataset and fails the test unless the API answers 201.</summary>
    public static async Task CreateDatasetOrFailAsync(this HttpClient client, string key, params ApiColumn[] columns)
    {
        using var response = await client.CreateDatasetAsync(key, columns);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    public static Task<HttpResponseMessage> PushAsync(this HttpClient client, string key, string json, string? mode = null) =>
        client.PostAsync($"/api/v1/datasets/{key}/rows{(mode is null ? "" : "?mode=" + mode)}",
            new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    /// <summary>Pushes rows and fails the test unless the API answers 200.</summary>
    public static async Task PushOrFailAsync(this HttpClient client, string key, string json, string? mode = null)
    {
        using var response = await client.PushAsync(key, json, mode);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string key, string fileName, string content, string? mode = null)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName);
        return client.PostAsync($"/api/v1/datasets/{key}/upload{(mode is null ? "" : "?mode=" + mode)}", form, Ct);
    }

    public static async Task<JsonElement> GetDatasetJsonAsync(this HttpClient client, string key)
    {
        using var response = await client.GetAsync($"/api/v1/datasets/{key}", Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return await response.ReadJsonAsync();
    }

    /// <summary>The <c>rows</c> array of <c>GET /datasets/{key}/rows</c>.</summary>
    public static async Task<JsonElement> GetRowsJsonAsync(this HttpClient client, string key, string query = "")
    {
        using var response = await client.GetAsync($"/api/v1/datasets/{key}/rows{query}", Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.ReadJsonAsync()).GetProperty("rows");
    }

    /// <summary>
    /// The rows as one line each, cells joined by <c>|</c> (strings unquoted, other values as JSON), so a whole
    /// table compares in one assertion whatever the serializer escapes.
    /// </summary>
    public static async Task<IReadOnlyList<string>> GetRowTextsAsync(this HttpClient client, string key, string query = "") =>
        [.. (await client.GetRowsJsonAsync(key, query)).EnumerateArray()
            .Select(row => string.Join("|", row.EnumerateArray().Select(cell =>
                cell.ValueKind == JsonValueKind.String ? cell.GetString() : cell.GetRawText())))];

    /// <summary>(row count, data version) as <c>GET /datasets/{key}</c> reports them.</summary>
    public static async Task<(long RowCount, long DataVersion)> GetCountsAsync(this HttpClient client, string key)
    {
        var dataset = await client.GetDatasetJsonAsync(key);
        return (dataset.GetProperty("rowCount").GetInt64(), dataset.GetProperty("dataVersion").GetInt64());
    }

    public static async Task<int> AgencyIdAsync(this WorkbenchAppFactory factory, string code)
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync(Ct);
    }

    /// <summary>An agency-system API key of <paramref name="agencyCode"/> acting with <paramref name="role"/>.</summary>
    public static async Task<CreatedApiKey> CreateAgencyKeyAsync(this WorkbenchAppFactory factory, string agencyCode, string role)
    {
        var agencyId = await factory.AgencyIdAsync(agencyCode);
        var keys = factory.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync(new Caller(null, "Kiểm thử", agencyId, Roles.SystemAdmin),
            $"{agencyCode} {role}", agencyId, role, userId: null, Ct);
        return created.Value ?? throw new InvalidOperationException(created.Error!.Message);
    }
}
