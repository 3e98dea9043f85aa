using Microsoft.Extensions.Configuration;
using Workbench.App.Features.Account;

namespace Workbench.Tests.App;

/// <summary>Authentication:Provider chooses how people sign in; a wrong or half-done choice stops the app saying what to set.</summary>
public sealed class SignInProviderTests
{
    [Fact]
    public void Without_a_setting_passwords_are_kept_here()
    {
        Assert.False(SignInProvider.From(Configuration()).IsEntraId);
    }

    [Fact]
    public void Entra_ID_with_its_tenant_client_and_secret_is_chosen_whatever_the_case()
    {
        var provider = SignInProvider.From(Configuration(("Authentication:Provider", "entraid"),
            ("Authentication:EntraId:TenantId", "t"), ("Authentication:EntraId:ClientId", "c"), ("Authentication:EntraId:ClientSecret", "s")));

        Assert.True(provider.IsEntraId);
    }

    [Fact]
    public void Entra_ID_without_its_registration_names_each_missing_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SignInProvider.From(Configuration(
            ("Authentication:Provider", "EntraId"), ("Authentication:EntraId:TenantId", "t"))));

        Assert.Contains("Authentication:EntraId:ClientId", error.Message);
        Assert.Contains("Authentication:EntraId:ClientSecret", error.Message);
        Assert.DoesNotContain("TenantId", error.Message);
    }

    [Fact]
    public void An_unknown_provider_names_the_two_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SignInProvider.From(Configuration(("Authentication:Provider", "Google"))));

        Assert.Contains("Local", error.Message);
        Assert.Contains("EntraId", error.Message);
    }

    [Theory]
    [InlineData("/catalog?q=1", "/catalog?q=1")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData(null, "/")]
    public void Only_local_return_addresses_are_followed(string? returnUrl, string expected)
    {
        Assert.Equal(expected, LocalReturnUrl.Safe(returnUrl));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
