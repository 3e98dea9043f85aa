using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Identity.Web;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Identity;

namespace Workbench.App.Features.Account;

/// <summary>Sign-out, the Entra ID round trip and the language switch: plain HTTP endpoints because they set cookies.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (
            HttpContext context, SignInManager<WorkbenchUser> signIn, AuditLog audit) =>
        {
            var caller = context.User.ToCaller();
            await signIn.SignOutAsync();
            if (caller is not null)
            {
                await audit.WriteAsync(caller, AuditActions.SignOut, context.User.Identity?.Name, null, CancellationToken.None,
                    ClientAddress.Of(context));
            }
            return Results.LocalRedirect("~/account/login");
        });

        // Microsoft Entra ID: off to the identity provider, and back.
        endpoints.MapGet("/account/external-login", (SignInProvider provider, [FromQuery] string? returnUrl) =>
            provider.IsEntraId
                ? Results.Challenge(
                    new AuthenticationProperties { RedirectUri = "/account/external-callback?returnUrl=" + Uri.EscapeDataString(LocalReturnUrl.Safe(returnUrl)) },
                    [OpenIdConnectDefaults.AuthenticationScheme])
                : Results.NotFound()).AllowAnonymous();
        endpoints.MapGet("/account/external-callback", ExternalCallbackAsync).AllowAnonymous();

        endpoints.MapGet("/culture/set", (HttpContext context, [FromQuery] string culture, [FromQuery] string? redirectUri) =>
        {
            if (culture is "vi-VN" or "en-US")
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            }
            var target = redirectUri is { Length: > 0 } && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//") ? redirectUri : "/";
            return Results.LocalRedirect("~" + target);
        }).AllowAnonymous();

        return endpoints;
    }

    /// <summary>
    /// The identity provider vouched for someone: sign in the local user they map to, or say why not. The external
    /// cookie is dropped either way, so a refused identity leaves nothing behind.
    /// </summary>
    private static async Task<IResult> ExternalCallbackAsync(
        HttpContext context, SignInProvider provider, ExternalAccounts accounts, SessionCheck sessions, SignInManager<WorkbenchUser> signIn,
        AuditLog audit, [FromQuery] string? returnUrl)
    {
        if (!provider.IsEntraId)
        {
            return Results.NotFound();
        }
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is not { } principal)
        {
            return Results.LocalRedirect("~/account/login");
        }
        var ip = ClientAddress.Of(context);
        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue("email")
            ?? principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue(ClaimTypes.Upn);
        var objectId = principal.GetObjectId();
        var user = objectId is null ? null : await accounts.FindAsync(new ExternalIdentity(objectId, email), context.RequestAborted);
        if (user is null)
        {
            await audit.WriteAsync(null, AuditActions.SignInFailed, email ?? objectId,
                new { reason = "unmapped", provider = ExternalAccounts.Provider, objectId }, CancellationToken.None, ip);
            return Results.LocalRedirect("~/account/unmapped" + QueryString.Create("email", email ?? ""));
        }
        var caller = new Caller(user.Id, user.FullName, user.AgencyId, "");
        if (await sessions.RefusalAsync(user, context.RequestAborted) is { } refusal)
        {
            await audit.WriteAsync(caller, AuditActions.SignInFailed, user.UserName, new { reason = refusal, provider = ExternalAccounts.Provider },
                CancellationToken.None, ip);
            return Results.LocalRedirect("~/account/unmapped" + QueryString.Create("reason", refusal));
        }
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: ExternalAccounts.Provider);
        await audit.WriteAsync(caller, AuditActions.SignIn, user.UserName, new { provider = ExternalAccounts.Provider }, CancellationToken.None, ip);
        return Results.LocalRedirect("~" + LocalReturnUrl.Safe(returnUrl));
    }
}
