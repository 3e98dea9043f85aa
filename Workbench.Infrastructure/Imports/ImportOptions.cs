using Workbench.Core.Imports;

namespace Workbench.Infrastructure.Imports;

/// <summary>File import settings (section <c>Imports</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Size and column limits. Default 200 MB and 500 columns.</summary>
    public ImportLimits Limits { get; set; } = new();

    /// <summary>Rows read to infer column types and the number style. Default 10,000.</summary>
    public int InferenceRows { get; set; } = 10_000;

    /// <summary>Rows shown on the preview. Default 20.</summary>
    public int PreviewRows { get; set; } = 20;

    /// <summary>Sample values shown per column. Default 5.</summary>
    public int SampleValues { get; set; } = 5;

    /// <summary>Errors collected by a validation before it stops looking. Default 20.</summary>
    public int MaxErrors { get; set; } = 20;

    /// <summary>The largest JSON body of a push (<c>POST /datasets/{key}/rows</c>), in megabytes. Default 50.</summary>
    public int MaxPushMegabytes { get; set; } = 50;

    /// <summary>Where uploads wait between the preview and the load. Empty: the system temp folder.</summary>
    public string? TempFolder { get; set; }
}
