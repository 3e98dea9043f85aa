using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Rest;
using Workbench.Infrastructure.Connectors.Rest;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Connectors.RestSources;

namespace Workbench.Tests.Infrastructure.Connectors;

public class RestSourceAuthTests
{
    public static TheoryData<FakeRestAuth> AuthKinds => [.. Enum.GetValues<FakeRestAuth>().Where(kind => kind != FakeRestAuth.None)];

    private static RestAuth SettingsFor(FakeRestSource source, FakeRestAuth kind) => kind switch
    {
        FakeRestAuth.None => new RestAuth.None(),
        FakeRestAuth.ApiKeyHeader => new RestAuth.ApiKey(FakeRestSource.ApiKeyName, ApiKeyLocation.Header),
        FakeRestAuth.ApiKeyQuery => new RestAuth.ApiKey(FakeRestSource.ApiKeyQueryName, ApiKeyLocation.Query),
        FakeRestAuth.Bearer => new RestAuth.Bearer(),
        FakeRestAuth.Basic => new RestAuth.Basic(FakeRestSource.UserName),
        FakeRestAuth.OAuth2 => new RestAuth.OAuth2ClientCredentials(source.Url("oauth/token"), FakeRestSource.ClientId, "du-lieu.doc"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static RestSecrets Wrong(FakeRestAuth kind) => kind switch
    {
        FakeRestAuth.ApiKeyHeader or FakeRestAuth.ApiKeyQuery => AllSecrets with { ApiKey = "khoa-sai" },
        FakeRestAuth.Bearer => AllSecrets with { BearerToken = "ma-sai" },
        FakeRestAuth.Basic => AllSecrets with { Password = "mat-khau-sai" },
        FakeRestAuth.OAuth2 => AllSecrets with { ClientSecret = "bi-mat-sai" },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(AuthKinds))]
    public async Task Every_auth_kind_reads_with_the_right_secret(FakeRestAuth kind)
    {
        await using var source = await FakeRestSource.StartAsync();
        source.Auth = kind;

        var batches = await ReadAllAsync(Paged(source) with { Auth = SettingsFor(source, kind) });

        Assert.Equal(AllCodes(), Codes(batches));
    }

    [Theory]
    [MemberData(nameof(AuthKinds))]
    public async Task Every_auth_kind_fails_as_configuration_with_a_wrong_secret(FakeRestAuth kind)
    {
        using var _ = new Workbench.Tests.Core.Connectors.UiCulture("en-US");
        await using var source = await FakeRestSource.StartAsync();
        source.Auth = kind;

        var (batches, failure) = await ReadUntilFailureAsync(Paged(source) with { Auth = SettingsFor(source, kind) }, Wrong(kind));

        Assert.Empty(batches);
        Assert.Equal(SourceErrorKind.Configuration, failure.Kind);
        Assert.Contains(kind == FakeRestAuth.OAuth2 ? "check the client id, the client secret" : "check the credentials", failure.Message);
        Assert.Equal(0, source.Pages);
    }

    [Fact]
    public async Task An_expired_oauth2_token_is_fetched_again_and_the_read_goes_on()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.Auth = FakeRestAuth.OAuth2;
        source.TokenLifetime = 3;

        var batches = await ReadAllAsync(Paged(source) with { Auth = SettingsFor(source, FakeRestAuth.OAuth2) });

        Assert.Equal(AllCodes(), Codes(batches));
        Assert.Equal(4, source.TokensIssued);
        Assert.Equal("du-lieu.doc", source.LastScope);
    }

    [Fact]
    public async Task An_oauth2_token_is_fetched_once_for_the_whole_read()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.Auth = FakeRestAuth.OAuth2;

        await ReadAllAsync(Paged(source) with { Auth = SettingsFor(source, FakeRestAuth.OAuth2) });

        Assert.Equal(1, source.TokensIssued);
    }

    [Fact]
    public async Task A_token_refused_right_after_it_was_fetched_is_a_configuration_error()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.Auth = FakeRestAuth.OAuth2;
        source.TokenLifetime = 0;

        var (_, failure) = await ReadUntilFailureAsync(Paged(source) with { Auth = SettingsFor(source, FakeRestAuth.OAuth2) });

        Assert.Equal(SourceErrorKind.Configuration, failure.Kind);
        Assert.Equal(2, source.TokensIssued);
    }

    [Fact]
    public async Task Oauth2_client_credentials_can_go_in_the_form_body()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.Auth = FakeRestAuth.OAuth2;
        var auth = (RestAuth.OAuth2ClientCredentials)SettingsFor(source, FakeRestAuth.OAuth2) with { ClientAuthentication = OAuth2ClientAuthentication.RequestBody };

        var batches = await ReadAllAsync(Paged(source) with { Auth = auth });

        Assert.Equal(FakeRestSource.RecordCount, batches.Sum(b => b.Rows.Count));
    }

    [Fact]
    public async Task A_missing_secret_fails_before_any_request()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.Auth = FakeRestAuth.Bearer;

        var (_, failure) = await ReadUntilFailureAsync(Paged(source) with { Auth = new RestAuth.Bearer() }, RestSecrets.Empty);

        Assert.Equal(SourceErrorKind.Configuration, failure.Kind);
        Assert.Equal(0, source.Pages);
    }

    [Fact]
    public async Task An_api_key_in_the_query_never_shows_in_an_error()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.Auth = FakeRestAuth.ApiKeyQuery;
        source.FailOnPage = 2;

        var (_, failure) = await ReadUntilFailureAsync(Paged(source) with { Auth = SettingsFor(source, FakeRestAuth.ApiKeyQuery) });

        Assert.Equal(SourceErrorKind.Transient, failure.Kind);
        Assert.DoesNotContain(FakeRestSource.ApiKey, failure.Message);
        Assert.Contains("/api/page", failure.Message);
    }

    [Fact]
    public async Task The_source_reads_through_a_client_from_the_http_client_factory()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.Auth = FakeRestAuth.Basic;
        await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var rest = new RestSource(services.GetRequiredService<IHttpClientFactory>());
        var rows = 0;

        await foreach (var batch in rest.ReadAsync(Paged(source) with { Auth = SettingsFor(source, FakeRestAuth.Basic) }, AllSecrets, null, TestContext.Current.CancellationToken))
        {
            rows += batch.Rows.Count;
        }

        Assert.Equal(FakeRestSource.RecordCount, rows);
    }
}
