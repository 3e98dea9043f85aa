namespace Workbench.Core.Scenarios;

/// <summary>
/// The colour sets a <see cref="Visual"/> may name in <see cref="Visual.Palette"/>, shared by the browser chart and the
/// Excel chart so a download looks like the screen. An unknown name falls back to <see cref="Visual.DefaultPalette"/>.
/// </summary>
public static class VisualPalette
{
    public const string Pastel = "pastel";

    /// <summary>The Okabe–Ito colours: told apart with the common colour-vision deficiencies.</summary>
    public const string Contrast = "contrast";

    /// <summary>Every palette name, the default first.</summary>
    public static readonly IReadOnlyList<string> Names = [Visual.DefaultPalette, Pastel, Contrast];

    private static readonly string[] WorkbenchColors =
        ["#1565C0", "#EF6C00", "#2E7D32", "#6A1B9A", "#C62828", "#00838F", "#AD1457", "#4E342E", "#827717", "#455A64"];

    private static readonly string[] PastelColors =
        ["#7FA7D9", "#F4B183", "#93CC9B", "#C3A5D6", "#EE9A9A", "#80C9CF", "#F2A7C7", "#C9B39E", "#D5D58A", "#A7B4BE"];

    private static readonly string[] ContrastColors =
        ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    /// <summary>The series colours of a palette as #RRGGBB, in the order series take them.</summary>
    public static IReadOnlyList<string> Colors(string? name) => Normalize(name) switch
    {
        Pastel => PastelColors,
        Contrast => ContrastColors,
        _ => WorkbenchColors,
    };

    /// <summary>The low and high ends of a palette's sequential scale (heatmaps), as #RRGGBB.</summary>
    public static (string Low, string High) Scale(string? name) => Normalize(name) switch
    {
        Pastel => ("#F7FBFF", "#6B9BD1"),
        Contrast => ("#FFFFE0", "#08306B"),
        _ => ("#E3F2FD", "#0D47A1"),
    };

    /// <summary>The palette's own name when known, else the default.</summary>
    public static string Normalize(string? name) =>
        name is not null && Names.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? name.ToLowerInvariant()
            : Visual.DefaultPalette;
}
