using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Workbench.Core.Access;
using Workbench.Infrastructure;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Setup;

namespace Workbench.App.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;API key&gt;</c>. A key carries exactly its owner's rights; <c>Bootstrap:ApiKey</c>,
/// when set, is a system-administrator key for automation that works even before the first-run setup.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    SetupService setup,
    IOptions<BootstrapOptions> bootstrap)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string PolicyName = "Api";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var presented = header["Bearer ".Length..].Trim();

        if (IsBootstrapKey(presented))
        {
            var agencyId = await setup.OperatorAgencyIdAsync(Context.RequestAborted);
            return Success(userId: null, name: "Bootstrap API key", agencyId, Roles.SystemAdmin, keyId: "bootstrap");
        }

        var key = await keys.FindActiveAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        }
        return Success(key.UserId, key.Name, key.AgencyId, key.Role, key.Id.ToString(CultureInfo.InvariantCulture), key.ConnectorId);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: "Send an API key: 'Authorization: Bearer <key>'. Keys are created by an administrator and shown once.")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await (Context.User.PushConnector() is not null
            ? ApiResults.Problem(PushKeyErrors.ReadRefused())
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "The API key lacks the right for this action."))
            .ExecuteAsync(Context);

    /// <summary>
    /// What the API policy asks beyond authentication: a push connector's own key reaches only the endpoints marked
    /// <see cref="PushConnectorEndpoint"/> (the push), so any endpoint added later refuses it by default.
    /// </summary>
    public static bool AllowsCaller(AuthorizationHandlerContext context) =>
        context.User.PushConnector() is null
        || (context.Resource is HttpContext http && http.GetEndpoint()?.Metadata.GetMetadata<PushConnectorEndpoint>() is not null);

    private bool IsBootstrapKey(string presented)
    {
        var configured = bootstrap.Value.ApiKey;
        if (string.IsNullOrEmpty(configured))
        {
            return false;
        }
        // Constant time, so the key cannot be guessed character by character from response times.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
    }

    private AuthenticateResult Success(string? userId, string name, int agencyId, string role, string keyId, int? pushConnectorId = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            new(WorkbenchClaims.FullName, name),
            new(WorkbenchClaims.AgencyId, agencyId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Role, role),
            new(WorkbenchClaims.ApiKeyId, keyId),
        };
        if (userId is not null)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, userId));
        }
        if (pushConnectorId is { } connectorId)
        {
            claims.Add(new Claim(WorkbenchClaims.PushConnectorId, connectorId.ToString(CultureInfo.InvariantCulture)));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

/// <summary>Marks an API endpoint a push connector's own key may call (only the push of rows).</summary>
public sealed class PushConnectorEndpoint;
