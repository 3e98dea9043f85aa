using System.Globalization;
using Workbench.Core.Common;

namespace Workbench.Core.Connectors;

/// <summary>How often a schedule repeats.</summary>
public enum ScheduleFrequency
{
    /// <summary>Every <see cref="SyncSchedule.Hours"/> hours, at minute <see cref="SyncSchedule.At"/>'s minutes.</summary>
    Hourly,
    Daily,
    Weekly,
    Monthly,
}

/// <summary>
/// A connector's schedule as people say it ("hằng ngày lúc 02:00", "thứ Hai hằng tuần lúc 06:30", "ngày 5 hằng tháng
/// lúc 01:00"), kept as a five-field cron expression for the job scheduler, in the province's time (UTC+7).
/// </summary>
/// <param name="Hours">For <see cref="ScheduleFrequency.Hourly"/>: 1, 2, 3, 4, 6, 8 or 12 (divisors of a day, so runs keep the same clock times).</param>
/// <param name="DayOfMonth">For <see cref="ScheduleFrequency.Monthly"/>: 1 to 28 (every month has them).</param>
public sealed record SyncSchedule(
    ScheduleFrequency Frequency,
    TimeOnly At,
    DayOfWeek DayOfWeek = DayOfWeek.Monday,
    int DayOfMonth = 1,
    int Hours = 1)
{
    private static readonly int[] HourSteps = [1, 2, 3, 4, 6, 8, 12];

    public static SyncSchedule DailyAt(int hour, int minute) => new(ScheduleFrequency.Daily, new TimeOnly(hour, minute));

    /// <summary>What is wrong with the schedule, or null.</summary>
    public string? Problem() => Frequency switch
    {
        ScheduleFrequency.Hourly when !HourSteps.Contains(Hours) => Text.Pick(
            "Lặp theo giờ chỉ chọn được mỗi 1, 2, 3, 4, 6, 8 hoặc 12 giờ.", "Hourly schedules repeat every 1, 2, 3, 4, 6, 8 or 12 hours."),
        ScheduleFrequency.Monthly when DayOfMonth is < 1 or > 28 => Text.Pick(
            "Ngày trong tháng phải từ 1 đến 28 để tháng nào cũng có.", "The day of the month must be 1 to 28, so that every month has it."),
        _ when At.Second != 0 || At.Millisecond != 0 => Text.Pick("Giờ chạy tính đến phút.", "Run times are whole minutes."),
        _ => null,
    };

    /// <summary>The five-field cron expression (minute hour day-of-month month day-of-week).</summary>
    public string ToCron() => Frequency switch
    {
        ScheduleFrequency.Hourly => Hours == 1 ? $"{At.Minute} * * * *" : $"{At.Minute} {At.Hour % Hours}/{Hours} * * *",
        ScheduleFrequency.Daily => $"{At.Minute} {At.Hour} * * *",
        ScheduleFrequency.Weekly => $"{At.Minute} {At.Hour} * * {(int)DayOfWeek}",
        ScheduleFrequency.Monthly => $"{At.Minute} {At.Hour} {DayOfMonth} * *",
        _ => throw new ArgumentOutOfRangeException(nameof(Frequency), Frequency, null),
    };

    /// <summary>Reads back an expression <see cref="ToCron"/> wrote; other cron expressions are not schedules people can edit here.</summary>
    public static SyncSchedule? FromCron(string? cron)
    {
        var parts = cron?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: 5 } || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var minute) || minute > 59
            || parts[3] != "*")
        {
            return null;
        }
        SyncSchedule? schedule = (parts[1], parts[2], parts[4]) switch
        {
            ("*", "*", "*") => new(ScheduleFrequency.Hourly, new TimeOnly(0, minute)),
            (var h, "*", "*") when h.Split('/') is [var start, var step] && Int(start) is { } first && Int(step) is { } hours
                && HourSteps.Contains(hours) && first < hours => new(ScheduleFrequency.Hourly, new TimeOnly(first, minute), Hours: hours),
            (var h, "*", "*") when Int(h) is { } hour and < 24 => new(ScheduleFrequency.Daily, new TimeOnly(hour, minute)),
            (var h, "*", var d) when Int(h) is { } hour and < 24 && Int(d) is { } day and <= 6 =>
                new(ScheduleFrequency.Weekly, new TimeOnly(hour, minute), (DayOfWeek)day),
            (var h, var m, "*") when Int(h) is { } hour and < 24 && Int(m) is { } day and >= 1 and <= 28 =>
                new(ScheduleFrequency.Monthly, new TimeOnly(hour, minute), DayOfMonth: day),
            _ => null,
        };
        return schedule?.ToCron() == string.Join(' ', parts) ? schedule : null;
    }

    /// <summary>The schedule in words, in the current UI language.</summary>
    public string Describe()
    {
        var at = At.ToString("HH:mm", CultureInfo.InvariantCulture);
        return Frequency switch
        {
            ScheduleFrequency.Hourly when Hours == 1 => Text.Pick("Mỗi giờ, vào phút {0}", "Every hour at minute {0}", At.Minute),
            ScheduleFrequency.Hourly => Text.Pick("Mỗi {0} giờ, từ {1}", "Every {0} hours from {1}", Hours, at),
            ScheduleFrequency.Daily => Text.Pick("Hằng ngày lúc {0}", "Daily at {0}", at),
            ScheduleFrequency.Weekly => Text.Pick("{0} hằng tuần lúc {1}", "Every {0} at {1}", DayName(DayOfWeek), at),
            ScheduleFrequency.Monthly => Text.Pick("Ngày {0} hằng tháng lúc {1}", "Day {0} of every month at {1}", DayOfMonth, at),
            _ => throw new ArgumentOutOfRangeException(nameof(Frequency), Frequency, null),
        };
    }

    /// <summary>The day's name in the current UI language ("Thứ Hai", "Monday").</summary>
    public static string DayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Sunday => Text.Pick("Chủ nhật", "Sunday"),
        DayOfWeek.Monday => Text.Pick("Thứ Hai", "Monday"),
        DayOfWeek.Tuesday => Text.Pick("Thứ Ba", "Tuesday"),
        DayOfWeek.Wednesday => Text.Pick("Thứ Tư", "Wednesday"),
        DayOfWeek.Thursday => Text.Pick("Thứ Năm", "Thursday"),
        DayOfWeek.Friday => Text.Pick("Thứ Sáu", "Friday"),
        _ => Text.Pick("Thứ Bảy", "Saturday"),
    };

    private static int? Int(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
