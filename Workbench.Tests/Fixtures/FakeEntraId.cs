using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workbench.Tests.Fixtures;

/// <summary>Someone the identity provider vouches for.</summary>
public sealed record EntraIdPerson(string ObjectId, string Email, string Name);

/// <summary>
/// A small OpenID Connect provider shaped like Microsoft Entra ID (tenant-scoped v2.0 endpoints, discovery, signing
/// keys, authorization code flow with form_post, RS256 id tokens with oid/tid/email), on a loopback port. The person
/// signing in is <see cref="SignedIn"/>; its own sign-in page is out of scope, so authorisation answers at once.
/// </summary>
public sealed class FakeEntraId : IAsyncDisposable
{
    public const string TenantId = "7f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    public const string ClientId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    public const string ClientSecret = "fake-entra-secret";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "fake-key-1" };
    private readonly ConcurrentDictionary<string, (EntraIdPerson Person, string? Nonce)> _codes = new();

    private FakeEntraId(WebApplication app) => _app = app;

    /// <summary>The Entra ID "instance" (the authority's root): <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Instance { get; private set; } = default!;

    public string Issuer => $"{Instance}{TenantId}/v2.0";

    public EntraIdPerson? SignedIn { get; set; }

    public static async Task<FakeEntraId> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var idp = new FakeEntraId(app);
        idp.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        idp.Instance = new Uri(address.TrimEnd('/') + "/");
        return idp;
    }

    private void Map(WebApplication app)
    {
        var tenant = $"/{TenantId}";
        app.MapGet(tenant + "/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            // As Entra ID publishes it: the issuer is a template over the tenant id.
            ["issuer"] = $"{Instance}{{tenantid}}/v2.0",
            ["authorization_endpoint"] = $"{Instance}{TenantId}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{Instance}{TenantId}/oauth2/v2.0/token",
            ["end_session_endpoint"] = $"{Instance}{TenantId}/oauth2/v2.0/logout",
            ["jwks_uri"] = $"{Instance}{TenantId}/discovery/v2.0/keys",
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
            ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
        }));
        app.MapGet(tenant + "/discovery/v2.0/keys", () =>
        {
            var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new
                    {
                        kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId,
                        n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent),
                    },
                },
            });
        });
        app.MapGet(tenant + "/oauth2/v2.0/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            if (query["client_id"] != ClientId || SignedIn is not { } person)
            {
                return Results.BadRequest("unknown client or nobody to sign in");
            }
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = (person, query["nonce"]);
            // response_mode=form_post: the browser posts the code back to the app.
            var html = $"""
                <!doctype html><html><body onload="document.forms[0].submit()">
                <form method="post" action="{Encode(query["redirect_uri"])}">
                <input type="hidden" name="code" value="{code}"><input type="hidden" name="state" value="{Encode(query["state"])}">
                <noscript><button>Continue</button></noscript></form></body></html>
                """;
            return Results.Content(html, "text/html");
        });
        app.MapPost(tenant + "/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret
                || !_codes.TryRemove(form["code"].ToString(), out var grant))
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }
            var accessToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
            return Results.Json(new
            {
                token_type = "Bearer",
                expires_in = 3600,
                access_token = accessToken,
                id_token = IdToken(grant.Person, grant.Nonce, accessToken),
            });
        });
    }

    private string IdToken(EntraIdPerson person, string? nonce, string accessToken)
    {
        var now = DateTime.UtcNow;
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "sub-" + person.ObjectId,
            ["oid"] = person.ObjectId,
            ["tid"] = TenantId,
            ["ver"] = "2.0",
            ["name"] = person.Name,
            ["email"] = person.Email,
            ["preferred_username"] = person.Email,
            ["at_hash"] = Base64UrlEncoder.Encode(hash[..16]),
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string Encode(string? value) => System.Net.WebUtility.HtmlEncode(value ?? "");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
