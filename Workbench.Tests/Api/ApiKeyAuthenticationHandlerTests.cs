using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Setup;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Api;

/// <summary>Bearer API keys on <c>/api/v1</c>: who gets in, who gets a 401, and how keys are kept.</summary>
public sealed class ApiKeyAuthenticationHandlerTests(WorkbenchAppFactory factory) : IClassFixture<WorkbenchAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_without_authorization_header_is_401_problem_details()
    {
        using var client = factory.CreateApiClient(key: null);

        using var response = await client.GetAsync("/api/v1/datasets", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(401, problem.Status);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("wbk_this-key-was-never-issued-0000000000000")]
    [InlineData("not-even-a-workbench-key")]
    public async Task Unknown_key_is_401(string key)
    {
        using var client = factory.CreateApiClient(key);

        using var response = await client.GetAsync("/api/v1/datasets", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (await response.ReadProblemAsync()).Status);
    }

    [Fact]
    public async Task Revoked_key_is_401_although_it_worked_before()
    {
        var created = await factory.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.AgencyAdmin);
        using var client = factory.CreateApiClient(created.Key);
        using var before = await client.GetAsync("/api/v1/datasets", Ct);

        var systemAdmin = new Caller(null, "Kiểm thử", created.Record.AgencyId, Roles.SystemAdmin);
        var revoked = await factory.Services.GetRequiredService<ApiKeyService>().RevokeAsync(systemAdmin, created.Record.Id, Ct);
        using var after = await client.GetAsync("/api/v1/datasets", Ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(revoked.Value);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(401, (await after.ReadProblemAsync()).Status);
    }

    [Fact]
    public async Task Bootstrap_key_works_before_the_first_run_setup()
    {
        var needsSetup = await factory.Services.GetRequiredService<SetupService>().NeedsSetupAsync(Ct);
        using var client = factory.CreateApiClient(WorkbenchAppFactory.BootstrapKey);

        using var response = await client.GetAsync("/api/v1/datasets", Ct);

        Assert.True(needsSetup, "the Production test host starts without any user");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, (await response.ReadJsonAsync()).ValueKind);
    }

    [Fact]
    public async Task Created_key_is_stored_only_as_its_sha256_hex()
    {
        var created = await factory.CreateAgencyKeyAsync(AgencySeed.Finance, Roles.Analyst);
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Key)));

        var row = await ReadApiKeyRowAsync(created.Record.Id);

        Assert.StartsWith(ApiKeys.Marker, created.Key);
        Assert.Equal(expectedHash, row["KeyHash"]);
        Assert.All(row, cell => Assert.DoesNotContain(created.Key, cell.Value ?? "", StringComparison.Ordinal));
    }

    /// <summary>Every column of one ApiKeys row as text, read with plain SQL so no mapping can hide a column.</summary>
    private async Task<Dictionary<string, string?>> ReadApiKeyRowAsync(int id)
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"ApiKeys\" WHERE \"Id\" = {id}";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var row = new Dictionary<string, string?>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        }
        return row;
    }
}
