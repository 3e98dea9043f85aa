using MudBlazor;

namespace Workbench.App.Components.Layout;

/// <summary>The colours: a calm government blue with contrast that passes WCAG AA on white and on the dark surface.</summary>
public static class WorkbenchTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5394",
            Secondary = "#b45f06",
            AppbarBackground = "#0b5394",
            Background = "#f5f7fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4f8",
            Secondary = "#f6b26b",
        },
    };
}
