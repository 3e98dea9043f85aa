using System.Globalization;

namespace Workbench.Bench;

/// <summary>What a benchmark found: a table of measurements, notes, and the ratio lines printed last.</summary>
public sealed class BenchReport
{
    private readonly List<Measurement> _measurements = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _ratios = [];

    public void Add(Measurement measurement) => _measurements.Add(measurement);

    public void Note(string note) => _notes.Add(note);

    /// <summary>A ratio line, <c>{label} ratio: X.XX</c> (ours ÷ baseline, medians).</summary>
    public void Ratio(string label, Measurement ours, Measurement baseline) =>
        _ratios.Add(string.Create(CultureInfo.InvariantCulture, $"{label} ratio: {ours.Median / baseline.Median:0.00}"));

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
