namespace Workbench.Core.Imports;

/// <summary>Upper bounds on an uploaded file; a file past either bound is refused with a message.</summary>
public sealed record ImportLimits
{
    /// <summary>The defaults: 200 MB and 500 columns.</summary>
    public static ImportLimits Default { get; } = new();

    /// <summary>The largest accepted file, in bytes. Default 200 MB.</summary>
    public long MaxBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>The most columns a file may have. Default 500.</summary>
    public int MaxColumns { get; init; } = 500;
}
