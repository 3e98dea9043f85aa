namespace Workbench.Core.Imports;

/// <summary>The kinds of file an import reads.</summary>
public enum TabularFormat
{
    Csv,
    Xlsx,
}
