using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;
using Workbench.App;
using Workbench.Core.Access;
using Workbench.Infrastructure.Identity;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.App.Components;

/// <summary>The one bUnit base: loose JS interop, MudBlazor without transitions, the real resource files in Vietnamese.</summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("vi-VN");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
    }

    protected IStringLocalizer<SharedResource> Localizer => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    /// <summary>Signs the demo user <paramref name="userName"/> of <paramref name="app"/> in, with the claims the app's cookie carries.</summary>
    protected async Task<Caller> SignInAsync(IServiceProvider app, string userName)
    {
        var caller = await app.CallerAsync(userName);
        var authorization = AddAuthorization();
        authorization.SetAuthorized(caller.DisplayName);
        authorization.SetRoles(caller.Role);
        authorization.SetClaims(
            new Claim(WorkbenchClaims.AgencyId, caller.AgencyId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.NameIdentifier, caller.UserId!));
        return caller;
    }
}
