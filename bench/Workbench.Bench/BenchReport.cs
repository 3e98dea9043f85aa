using System.Globalization;

namespace Workbench.Bench;

/// <summary>What a benchmark found: a table of measurements, notes, and the ratio lines printed last.</summary>
public sealed class BenchReport
{
    private readonly List<Measurement> _measurements = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _ratios = [];
    private readonly List<(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)> _tables = [];

    public void Add(Measurement measurement) => _measurements.Add(measurement);

    public void Note(string note) => _notes.Add(note);

    /// <summary>A ratio line, <c>{label} ratio: X.XX</c> (ours ÷ baseline, medians).</summary>
    public void Ratio(string label, Measurement ours, Measurement baseline) =>
        _ratios.Add(string.Create(CultureInfo.InvariantCulture, $"{label} ratio: {ours.Median / baseline.Median:0.00}"));

    /// <summary>A line printed last with the ratio lines, for a summary that is not a plain two-measurement ratio.</summary>
    public void Final(string line) => _ratios.Add(line);

    /// <summary>A table printed after the measurements: the first column left-aligned, the others right-aligned.</summary>
    public void Table(string title, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows) =>
        _tables.Add((title, header, rows));

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"measurement",-44} {"median ms",10} {"runs ms",-30}"));
        output.WriteLine(new string('-', 86));
        foreach (var measurement in _measurements)
        {
            var runs = string.Join(" / ", measurement.Times.Select(t => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{measurement.Name,-44} {measurement.Median.TotalMilliseconds,10:N0} {runs,-30}"));
        }
        foreach (var (title, header, rows) in _tables)
        {
            output.WriteLine();
            output.WriteLine(title);
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToList();
            string Line(IReadOnlyList<string> cells) =>
                string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
            output.WriteLine(Line(header));
            output.WriteLine(new string('-', widths.Sum() + 2 * (widths.Count - 1)));
            foreach (var row in rows)
            {
                output.WriteLine(Line(row));
            }
        }
        if (_notes.Count > 0)
        {
            output.WriteLine();
            foreach (var note in _notes)
            {
                output.WriteLine(note);
            }
        }
        output.WriteLine();
        foreach (var ratio in _ratios)
        {
            output.WriteLine(ratio);
        }
    }
}
