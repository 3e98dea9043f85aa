using Microsoft.AspNetCore.StaticAssets;
using Workbench.Core.Common;
using Workbench.Infrastructure.Identity;

namespace Workbench.App.Features.Account;

/// <summary>
/// A user signed in with an administrator-set password can use nothing until they choose their own: every page
/// request leads to <see cref="Path"/>, anything else (the API with a sign-in cookie, form posts, Blazor's circuit)
/// is answered 403. API keys never carry the flag, so integrations are unaffected.
/// </summary>
public sealed class ForcedPasswordChangeMiddleware(RequestDelegate next)
{
    public const string Path = "/account/change-password";

    public async Task InvokeAsync(HttpContext context, SignInProvider provider)
    {
        // With Entra ID the password here is never used to sign in, so there is nothing to change.
        if (provider.IsEntraId || !context.User.MustChangePasswordNow() || IsExempt(context))
        {
            await next(context);
            return;
        }
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api") && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Response.Redirect(Path);
            return;
        }
        // With a body, so the status-code pages leave it alone (re-executing a POST as the not-found page would make it a 400).
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(Text.Pick(
            "Hãy đặt mật khẩu mới tại {0} trước khi tiếp tục.", "Set a new password at {0} before you continue.", Path), context.RequestAborted);
    }

    // What the change-password page itself needs: the page, signing out, the language switch, styles and scripts.
    private static bool IsExempt(HttpContext context)
    {
        var path = context.Request.Path;
        return path.StartsWithSegments(Path) || path.StartsWithSegments("/account/logout") || path.StartsWithSegments("/account/login")
            || path.StartsWithSegments("/culture/set") || path.StartsWithSegments("/not-found") || path.StartsWithSegments("/health")
            || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
            || context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;
    }
}
