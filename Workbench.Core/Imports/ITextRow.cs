namespace Workbench.Core.Imports;

/// <summary>
/// A row whose cells a reader can hand out as characters in its own buffer, valid until it reads on. It lets
/// <see cref="ImportRowConverter"/> parse numbers and dates without a string per cell.
/// </summary>
public interface ITextRow
{
    /// <summary>The number of cells.</summary>
    int Count { get; }

    /// <summary>The cell's characters, empty for an empty cell; false when the cell only exists as a string (e.g. it needs unescaping).</summary>
    bool TryGetText(int index, out ReadOnlySpan<char> text);

    /// <summary>The cell as a string; null when empty.</summary>
    string? GetString(int index);
}
