namespace Workbench.Infrastructure.Exports;

/// <summary>
/// CSV and formula injection: a text cell that starts with =, +, -, @, tab or CR would run as a formula in a
/// spreadsheet. Every export format passes text through here.
/// </summary>
public static class FormulaGuard
{
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
