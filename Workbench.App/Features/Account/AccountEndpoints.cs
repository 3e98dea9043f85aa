using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Workbench.Core.Audit;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Identity;

namespace Workbench.App.Features.Account;

/// <summary>Sign-out and the language switch: plain HTTP endpoints because they set cookies.</summary>
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
}
