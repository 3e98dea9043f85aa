namespace Workbench.Core.Imports;

/// <summary>How numbers are written as text in an imported file.</summary>
public enum NumberStyle
{
    /// <summary><c>1234.5</c>: a dot before the decimals, no grouping.</summary>
    Invariant,

    /// <summary><c>1.234,5</c>: dots group thousands in threes, a comma before the decimals (vi-VN).</summary>
    Vietnamese,
}
