using System.Text.Json;
using Workbench.Core.Common;

namespace Workbench.Core.Connectors;

/// <summary>
/// A file-delivery connector's settings (its <see cref="Connector.SettingsJson"/>): how many days ahead the providing
/// agency is reminded, and which file formats it may deliver. <c>{}</c> means the defaults.
/// </summary>
public sealed record FileDeliverySettings
{
    public const int DefaultReminderDays = 3;
    public const int MaxReminderDays = 31;

    /// <summary>Delimited text (.csv, .txt, .tsv).</summary>
    public const string Csv = "csv";

    /// <summary>An Excel workbook (.xlsx).</summary>
    public const string Xlsx = "xlsx";

    public static IReadOnlyList<string> AllFormats { get; } = [Csv, Xlsx];

    /// <summary>Days before the due date the reminder shows ("Sắp đến hạn"); at most half the period, see <see cref="FileDelivery"/>. Default 3.</summary>
    public int ReminderDays { get; init; } = DefaultReminderDays;

    /// <summary>Formats accepted: <see cref="Csv"/> and/or <see cref="Xlsx"/>. Default both.</summary>
    public IReadOnlyList<string> Formats { get; init; } = AllFormats;

    /// <summary>Every problem with the settings, in the UI language.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ReminderDays is < 0 or > MaxReminderDays)
        {
            problems.Add(Text.Pick("Số ngày nhắc trước hạn nộp tệp phải từ 0 đến {0}.",
                "The reminder before a file is due must be 0 to {0} days.", MaxReminderDays));
        }
        if (Formats is null || Formats.Count == 0 || Formats.Any(f => !AllFormats.Contains(f)))
        {
            problems.Add(Text.Pick("Định dạng tệp nhận được chỉ gồm csv và/hoặc xlsx.",
                "The accepted file formats are csv and/or xlsx."));
        }
        return problems;
    }

    /// <summary>The format of a file by its extension (<see cref="Csv"/>, <see cref="Xlsx"/>), or null when it is neither.</summary>
    public static string? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" or ".txt" or ".tsv" => Csv,
        ".xlsx" => Xlsx,
        _ => null,
    };

    /// <summary>Whether a file of this name may be delivered.</summary>
    public bool Accepts(string fileName) => FormatOf(fileName) is { } format && Formats.Contains(format);

    /// <summary>The settings stored on a connector; the defaults when the JSON is empty or unreadable (it was checked when saved).</summary>
    public static FileDeliverySettings Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new();
        }
        try
        {
            return JsonSerializer.Deserialize<FileDeliverySettings>(json, JsonSerializerOptions.Web) ?? new();
        }
        catch (JsonException)
        {
            return new();
        }
    }
}

/// <summary>Where a file-delivery connector stands today.</summary>
public enum FileDeliveryState
{
    /// <summary>Nothing delivered yet and the first file is not due soon.</summary>
    Upcoming,
    /// <summary>The file for the current period is in; the next is not due soon.</summary>
    Delivered,
    /// <summary>The next file is due within the reminder window.</summary>
    DueSoon,
    /// <summary>The due moment passed without a delivery for it.</summary>
    Overdue,
}

/// <summary>A file-delivery connector's standing.</summary>
/// <param name="PeriodStart">The schedule's occurrence before <paramref name="DueAt"/>: the period the file covers is (PeriodStart, DueAt].</param>
/// <param name="DueAt">When the next file is (or was) due.</param>
/// <param name="DueDate">The due day in the province's time.</param>
/// <param name="Days">Overdue: calendar days since the due day (0 = due earlier today). Otherwise calendar days left until it (0 = today).</param>
/// <param name="LastCovered">The due moment the last delivery was counted for, or null when nothing was delivered.</param>
public sealed record FileDeliveryStatus(
    FileDeliveryState State, DateTimeOffset PeriodStart, DateTimeOffset DueAt, DateOnly DueDate, int Days, DateTimeOffset? LastCovered)
{
    /// <summary>Whether the providing agency should be reminded (due soon or overdue).</summary>
    public bool NeedsReminder => State is FileDeliveryState.DueSoon or FileDeliveryState.Overdue;
}

/// <summary>
/// When a file-delivery connector's next file is due. Its schedule (cron in the province's time) lists due moments;
/// a delivery counts for the due moment just ahead of it when it came within the reminder window (early, once
/// reminded), otherwise for the one it follows (late, or a corrected file). The next file is due at the occurrence
/// after the one the last delivery counted for; before any delivery, at the first occurrence after the connector began.
/// </summary>
/// <remarks>
/// The reminder window is the setting's days but at most half a period, so a daily delivery is not "due soon" all day
/// and a delivery made just after a deadline counts for it rather than for tomorrow's.
/// </remarks>
public static class FileDelivery
{
    /// <summary>The province's time zone (Asia/Ho_Chi_Minh, UTC+7, no daylight saving), in which schedules are written.</summary>
    public static TimeZoneInfo ProvinceTime { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    /// <summary>Where the connector stands at <paramref name="now"/>, or null when its cron is not a schedule <see cref="SyncSchedule"/> reads.</summary>
    /// <param name="since">When the connector began (its creation): the first file is due at the first occurrence after it.</param>
    /// <param name="lastDelivery">When the last successful delivery started, or null.</param>
    public static FileDeliveryStatus? Status(
        string cron, FileDeliverySettings settings, DateTimeOffset since, DateTimeOffset? lastDelivery, DateTimeOffset now)
    {
        if (SyncSchedule.FromCron(cron) is not { } schedule)
        {
            return null;
        }
        var reminder = TimeSpan.FromDays(Math.Max(0, settings.ReminderDays));
        DateTime? covered = null;
        DateTime due;
        if (lastDelivery is { } delivered)
        {
            var at = Local(delivered);
            var before = Previous(schedule, at);
            var after = Next(schedule, at);
            covered = after - at <= Window(reminder, before, after) ? after : before;
            due = Next(schedule, covered.Value);
        }
        else
        {
            due = Next(schedule, Local(since));
        }
        var periodStart = Previous(schedule, due.AddTicks(-1));
        var localNow = Local(now);
        var today = DateOnly.FromDateTime(localNow);
        var dueDate = DateOnly.FromDateTime(due);
        var state = due <= localNow ? FileDeliveryState.Overdue
            : due - localNow <= Window(reminder, periodStart, due) ? FileDeliveryState.DueSoon
            : covered is null ? FileDeliveryState.Upcoming
            : FileDeliveryState.Delivered;
        var days = Math.Abs(dueDate.DayNumber - today.DayNumber);
        return new FileDeliveryStatus(state, InProvince(periodStart), InProvince(due), dueDate, days, covered is { } c ? InProvince(c) : null);
    }

    /// <summary>The schedule's first occurrence strictly after <paramref name="local"/> (province time).</summary>
    public static DateTime Next(SyncSchedule schedule, DateTime local)
    {
        var at = schedule.At.ToTimeSpan();
        switch (schedule.Frequency)
        {
            case ScheduleFrequency.Daily:
                var daily = local.Date + at;
                return daily > local ? daily : daily.AddDays(1);
            case ScheduleFrequency.Weekly:
                var weekly = local.Date.AddDays(((int)schedule.DayOfWeek - (int)local.DayOfWeek + 7) % 7) + at;
                return weekly > local ? weekly : weekly.AddDays(7);
            case ScheduleFrequency.Monthly:
                var monthly = new DateTime(local.Year, local.Month, schedule.DayOfMonth) + at;
                return monthly > local ? monthly : monthly.AddMonths(1);
            default:
                var hour = new DateTime(local.Year, local.Month, local.Day, local.Hour, schedule.At.Minute, 0);
                for (var i = -1; ; i++)
                {
                    var candidate = hour.AddHours(i);
                    if (candidate > local && candidate.Hour % schedule.Hours == schedule.At.Hour)
                    {
                        return candidate;
                    }
                }
        }
    }

    /// <summary>The schedule's last occurrence at or before <paramref name="local"/> (province time).</summary>
    public static DateTime Previous(SyncSchedule schedule, DateTime local)
    {
        var at = schedule.At.ToTimeSpan();
        switch (schedule.Frequency)
        {
            case ScheduleFrequency.Daily:
                var daily = local.Date + at;
                return daily <= local ? daily : daily.AddDays(-1);
            case ScheduleFrequency.Weekly:
                var weekly = local.Date.AddDays(-(((int)local.DayOfWeek - (int)schedule.DayOfWeek + 7) % 7)) + at;
                return weekly <= local ? weekly : weekly.AddDays(-7);
            case ScheduleFrequency.Monthly:
                var monthly = new DateTime(local.Year, local.Month, schedule.DayOfMonth) + at;
                return monthly <= local ? monthly : monthly.AddMonths(-1);
            default:
                var hour = new DateTime(local.Year, local.Month, local.Day, local.Hour, schedule.At.Minute, 0);
                for (var i = 1; ; i--)
                {
                    var candidate = hour.AddHours(i);
                    if (candidate <= local && candidate.Hour % schedule.Hours == schedule.At.Hour)
                    {
                        return candidate;
                    }
                }
        }
    }

    private static TimeSpan Window(TimeSpan reminder, DateTime periodStart, DateTime due) =>
        reminder < (due - periodStart) / 2 ? reminder : (due - periodStart) / 2;

    private static DateTime Local(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, ProvinceTime).DateTime;

    private static DateTimeOffset InProvince(DateTime local) => new(local, ProvinceTime.GetUtcOffset(local));
}
