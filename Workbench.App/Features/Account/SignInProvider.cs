namespace Workbench.App.Features.Account;

/// <summary>
/// How people sign in, from <c>Authentication:Provider</c>: <c>Local</c> (user names and passwords kept here, the
/// default) or <c>EntraId</c> (the province's Microsoft Entra ID tenant through OpenID Connect, configured under
/// <c>Authentication:EntraId</c>; local users are still created by administrators and mapped by email).
/// </summary>
public sealed record SignInProvider(string Name)
{
    public const string Local = "Local";
    public const string EntraId = "EntraId";
    public const string EntraIdSection = "Authentication:EntraId";

    public bool IsEntraId => Name == EntraId;

    public static SignInProvider From(IConfiguration configuration)
    {
        var name = configuration["Authentication:Provider"] is { Length: > 0 } configured ? configured : Local;
        if (name.Equals(Local, StringComparison.OrdinalIgnoreCase))
        {
            return new SignInProvider(Local);
        }
        if (!name.Equals(EntraId, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Authentication:Provider is '{name}'; use {Local} (passwords kept here) or {EntraId} (Microsoft Entra ID).");
        }
        var section = configuration.GetSection(EntraIdSection);
        var missing = new[] { "TenantId", "ClientId", "ClientSecret" }.Where(key => string.IsNullOrWhiteSpace(section[key])).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Authentication:Provider is {EntraId} but {string.Join(", ", missing.Select(key => $"{EntraIdSection}:{key}"))} is not set; " +
                "copy them from the app registration in the Entra admin centre.");
        }
        return new SignInProvider(EntraId);
    }
}

/// <summary>Return addresses after sign-in: only local paths, so a phishing link cannot bounce through our sign-in page.</summary>
public static class LocalReturnUrl
{
    public static string Safe(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/";
}
