namespace Workbench.Infrastructure;

/// <summary>Section <c>Bootstrap</c>: a system-administrator API key for automation (empty: none).</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    /// <summary>When set, <c>Authorization: Bearer &lt;ApiKey&gt;</c> acts as a system administrator, even before the first-run setup.</summary>
    public string? ApiKey { get; set; }
}
