using Microsoft.Extensions.Localization;
using Workbench.App.Components.Shared;
using Workbench.Core.Connectors;

namespace Workbench.App.Features.Connectors;

/// <summary>The words the connector pages use for kinds, modes, triggers, schedules and durations.</summary>
public static class ConnectorTexts
{
    public static string Kind(IStringLocalizer l, ConnectorKind kind) => l["Connectors.Kind." + kind];

    public static string Mode(IStringLocalizer l, SyncMode mode) => l["Connectors.Mode." + mode];

    public static string Trigger(IStringLocalizer l, SyncTrigger trigger) => l["Connectors.Trigger." + trigger];

    /// <summary>The cron in words when it is one the editor writes, else the cron itself.</summary>
    public static string Schedule(string cron) => SyncSchedule.FromCron(cron)?.Describe() ?? cron;

    /// <summary>Pull connectors run on their schedule; the others wait for the providing agency.</summary>
    public static bool IsPulled(ConnectorKind kind) => kind is ConnectorKind.Rest or ConnectorKind.Database;

    /// <summary>"1 giờ 05 phút", "3 phút 20 giây", "12 giây": how long a run took or has been running.</summary>
    public static string Duration(IStringLocalizer l, TimeSpan duration)
    {
        var d = duration < TimeSpan.Zero ? TimeSpan.Zero : duration;
        return d.TotalHours >= 1
            ? l["Connectors.Duration.Hours", (int)d.TotalHours, d.Minutes.ToString("00", Formats.Vietnamese)]
            : d.TotalMinutes >= 1
                ? l["Connectors.Duration.Minutes", d.Minutes, d.Seconds.ToString("00", Formats.Vietnamese)]
                : l["Connectors.Duration.Seconds", Math.Max(d.Seconds, d.Milliseconds > 0 ? 1 : 0)];
    }
}
