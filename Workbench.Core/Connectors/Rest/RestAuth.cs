using System.Text.Json.Serialization;

namespace Workbench.Core.Connectors.Rest;

/// <summary>Where an API key travels.</summary>
public enum ApiKeyLocation
{
    Header,
    Query,
}

/// <summary>How an OAuth2 client proves who it is to the token endpoint (RFC 6749 §2.3.1).</summary>
public enum OAuth2ClientAuthentication
{
    /// <summary>HTTP Basic with the client id and secret: every server must accept it.</summary>
    BasicHeader,
    /// <summary><c>client_id</c> and <c>client_secret</c> in the form body, for servers that only read them there.</summary>
    RequestBody,
}

/// <summary>
/// How a REST source authenticates. Only the non-secret half lives here (names, user name, token URL); the secret half
/// (key, token, password, client secret) is in <see cref="RestSecrets"/>, so the settings can be stored and shown.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(None), "none")]
[JsonDerivedType(typeof(ApiKey), "apiKey")]
[JsonDerivedType(typeof(Bearer), "bearer")]
[JsonDerivedType(typeof(Basic), "basic")]
[JsonDerivedType(typeof(OAuth2ClientCredentials), "oauth2ClientCredentials")]
public abstract record RestAuth
{
    private RestAuth()
    {
    }

    /// <summary>No authentication.</summary>
    public sealed record None : RestAuth;

    /// <summary>An API key (<see cref="RestSecrets.ApiKey"/>) sent as the header or query parameter <paramref name="Name"/>.</summary>
    public sealed record ApiKey(string Name, ApiKeyLocation In) : RestAuth;

    /// <summary><c>Authorization: Bearer</c> with a fixed token (<see cref="RestSecrets.BearerToken"/>).</summary>
    public sealed record Bearer : RestAuth;

    /// <summary>HTTP Basic with <paramref name="UserName"/> and <see cref="RestSecrets.Password"/>.</summary>
    public sealed record Basic(string UserName) : RestAuth;

    /// <summary>
    /// OAuth2 client credentials: a token is fetched from <paramref name="TokenUrl"/> with <paramref name="ClientId"/> and
    /// <see cref="RestSecrets.ClientSecret"/>, then sent as a bearer token; <paramref name="Scope"/> is sent when set.
    /// </summary>
    public sealed record OAuth2ClientCredentials(string TokenUrl, string ClientId, string? Scope = null) : RestAuth
    {
        public OAuth2ClientAuthentication ClientAuthentication { get; init; } = OAuth2ClientAuthentication.BasicHeader;
    }
}

/// <summary>
/// The secret half of a REST source's authentication, kept apart from <see cref="RestSourceSettings"/> so it can be
/// encrypted at rest and never shown again. <see cref="ToString"/> hides the values, so a logged record leaks nothing.
/// </summary>
public sealed record RestSecrets(string? ApiKey = null, string? BearerToken = null, string? Password = null, string? ClientSecret = null)
{
    /// <summary>No secrets (for <see cref="RestAuth.None"/>).</summary>
    public static RestSecrets Empty { get; } = new();

    public override string ToString() => "RestSecrets { *** }";
}
