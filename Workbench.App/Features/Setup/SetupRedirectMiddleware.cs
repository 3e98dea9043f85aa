using Workbench.Infrastructure.Setup;

namespace Workbench.App.Features.Setup;

/// <summary>Until a system administrator exists, pages lead to /setup. The API, health and static files are left alone.</summary>
public sealed class SetupRedirectMiddleware(RequestDelegate next, SetupService setup)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var exempt = path.StartsWithSegments("/setup") || path.StartsWithSegments("/api") || path.StartsWithSegments("/health")
            || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
            || path.StartsWithSegments("/_blazor") || Path.HasExtension(path.Value);
        if (!exempt && HttpMethods.IsGet(context.Request.Method) && await setup.NeedsSetupAsync(context.RequestAborted))
        {
            context.Response.Redirect("/setup");
            return;
        }
        await next(context);
    }
}
