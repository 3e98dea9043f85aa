using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Workbench.App.Features.Dashboards;

/// <summary>
/// A presentation on a meeting-room screen, carried in the dashboard's URL (<c>?present=1&amp;rotate=a,b&amp;every=60</c>)
/// so the screen's browser can be pointed at it: the dashboards to rotate through, in order, and the seconds each shows.
/// </summary>
public sealed record Presentation(IReadOnlyList<string> Keys, int Seconds)
{
    public const int DefaultSeconds = 60;
    public const int MinSeconds = 10;
    public const int MaxSeconds = 3600;
    public const int MaxDashboards = 20;

    /// <summary>The intervals the setup offers.</summary>
    public static IReadOnlyList<int> Intervals { get; } = [30, 60, 120, 300, 600];

    public bool Rotates => Keys.Count > 1;

    /// <summary>The dashboard after <paramref name="current"/>, back to the first after the last (or when it is not in the list).</summary>
    public string Next(string current)
    {
        var index = IndexOf(current);
        return Keys[(index + 1) % Keys.Count];
    }

    /// <summary>The dashboard before <paramref name="current"/>, the last before the first.</summary>
    public string Previous(string current)
    {
        var index = IndexOf(current);
        return Keys[(index <= 0 ? Keys.Count : index) - 1];
    }

    public int IndexOf(string current) => Keys.ToList().IndexOf(current);

    /// <summary>The URL of <paramref name="key"/> presented with these settings.</summary>
    public string UrlOf(string key) => QueryHelpers.AddQueryString($"dashboards/{Uri.EscapeDataString(key)}", new Dictionary<string, string?>
    {
        ["present"] = "1",
        ["rotate"] = string.Join(',', Keys),
        ["every"] = Seconds.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>
    /// The presentation a URL's query asks for on the page of <paramref name="current"/>, or null when it asks for none;
    /// the current dashboard is always in the rotation, an odd interval falls back to <see cref="DefaultSeconds"/>.
    /// </summary>
    public static Presentation? FromQuery(string query, string current)
    {
        var values = QueryHelpers.ParseQuery(query);
        if (!values.TryGetValue("present", out var present) || present.ToString() != "1")
        {
            return null;
        }
        var keys = values.TryGetValue("rotate", out var rotate)
            ? rotate.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).Take(MaxDashboards).ToList()
            : [];
        if (!keys.Contains(current, StringComparer.Ordinal))
        {
            keys.Insert(0, current);
        }
        var seconds = values.TryGetValue("every", out var every) && int.TryParse(every, NumberStyles.None, CultureInfo.InvariantCulture, out var given)
            && given is >= MinSeconds and <= MaxSeconds
            ? given
            : DefaultSeconds;
        return new Presentation(keys, seconds);
    }
}
