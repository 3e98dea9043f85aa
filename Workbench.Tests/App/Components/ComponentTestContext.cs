using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;
using Workbench.App;

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
}
