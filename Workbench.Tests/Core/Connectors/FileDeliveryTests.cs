using System.Globalization;
using Workbench.Core.Connectors;

namespace Workbench.Tests.Core.Connectors;

/// <summary>When a file-delivery connector's next file is due, on a fixed clock in the province's time (UTC+7).</summary>
public sealed class FileDeliveryTests : IDisposable
{
    private static readonly TimeSpan Province = TimeSpan.FromHours(7);
    private static readonly FileDeliverySettings Defaults = new();
    private static readonly DateTimeOffset Began = At(2026, 1, 10, 9, 0);

    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public FileDeliveryTests() => CultureInfo.CurrentUICulture = new CultureInfo("vi-VN");

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;

    private static string Monthly(int day, int hour = 1, int minute = 0) =>
        new SyncSchedule(ScheduleFrequency.Monthly, new TimeOnly(hour, minute), DayOfMonth: day).ToCron();

    private static readonly string MondayAt8 = new SyncSchedule(ScheduleFrequency.Weekly, new TimeOnly(8, 0), DayOfWeek.Monday).ToCron();

    private static readonly string DailyAt17 = SyncSchedule.DailyAt(17, 0).ToCron();

    private static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, Province);

    private static FileDeliveryStatus Status(string cron, DateTimeOffset? delivered, DateTimeOffset now, FileDeliverySettings? settings = null) =>
        FileDelivery.Status(cron, settings ?? Defaults, Began, delivered, now)!;

    [Fact]
    public void Before_any_delivery_the_first_file_is_due_at_the_first_occurrence_after_the_connector_began()
    {
        var status = Status(Monthly(5), delivered: null, now: At(2026, 1, 20));

        Assert.Equal(FileDeliveryState.Upcoming, status.State);
        Assert.Equal(At(2026, 2, 5, 1, 0), status.DueAt);
        Assert.Equal(At(2026, 1, 5, 1, 0), status.PeriodStart);
        Assert.Equal((new DateOnly(2026, 2, 5), 16), (status.DueDate, status.Days));
        Assert.Null(status.LastCovered);
        Assert.False(status.NeedsReminder);
    }

    [Fact]
    public void Within_the_reminder_window_the_file_is_due_soon_with_the_calendar_days_left()
    {
        var status = Status(Monthly(5), delivered: null, now: At(2026, 2, 2, 9, 0));

        Assert.Equal((FileDeliveryState.DueSoon, 3), (status.State, status.Days));
        Assert.True(status.NeedsReminder);
    }

    [Fact]
    public void Past_the_due_moment_without_a_delivery_it_is_overdue_by_calendar_days()
    {
        var dueDay = Status(Monthly(5), delivered: null, now: At(2026, 2, 5, 1, 0));
        var later = Status(Monthly(5), delivered: null, now: At(2026, 2, 12, 23, 59));

        Assert.Equal((FileDeliveryState.Overdue, 0), (dueDay.State, dueDay.Days));
        Assert.Equal((FileDeliveryState.Overdue, 7), (later.State, later.Days));
        Assert.Equal(At(2026, 2, 5, 1, 0), later.DueAt);
    }

    [Fact]
    public void An_early_delivery_within_the_reminder_window_counts_for_the_coming_due_date()
    {
        var status = Status(Monthly(5), delivered: At(2026, 3, 3, 10, 0), now: At(2026, 3, 10));

        Assert.Equal(FileDeliveryState.Delivered, status.State);
        Assert.Equal(At(2026, 3, 5, 1, 0), status.LastCovered);
        Assert.Equal((At(2026, 4, 5, 1, 0), 26), (status.DueAt, status.Days));
    }

    [Fact]
    public void A_late_delivery_counts_for_the_missed_due_date_not_the_next_one()
    {
        var status = Status(Monthly(5), delivered: At(2026, 3, 10, 15, 0), now: At(2026, 3, 11));

        Assert.Equal(FileDeliveryState.Delivered, status.State);
        Assert.Equal(At(2026, 3, 5, 1, 0), status.LastCovered);
        Assert.Equal(At(2026, 4, 5, 1, 0), status.DueAt);
    }

    [Fact]
    public void A_delivery_before_the_reminder_window_counts_for_the_period_before_so_the_next_is_still_due()
    {
        var status = Status(Monthly(5), delivered: At(2026, 2, 20), now: At(2026, 3, 6, 8, 0));

        Assert.Equal(At(2026, 2, 5, 1, 0), status.LastCovered);
        Assert.Equal((FileDeliveryState.Overdue, 1), (status.State, status.Days));
    }

    [Fact]
    public void A_monthly_schedule_on_the_28th_runs_through_February_and_the_month_end()
    {
        var cron = Monthly(28, 23, 30);
        var delivered = At(2026, 1, 28, 22, 0);

        var soon = Status(cron, delivered, now: At(2026, 2, 26, 0, 0));
        var overdue = Status(cron, delivered, now: At(2026, 3, 1, 0, 0));

        Assert.Equal((FileDeliveryState.DueSoon, 2), (soon.State, soon.Days));
        Assert.Equal(At(2026, 2, 28, 23, 30), soon.DueAt);
        Assert.Equal((FileDeliveryState.Overdue, 1), (overdue.State, overdue.Days));
    }

    [Fact]
    public void A_period_crosses_the_year_end()
    {
        var status = Status(Monthly(1, 0, 0), delivered: At(2025, 12, 1, 8, 0), now: At(2025, 12, 30, 12, 0));

        Assert.Equal((FileDeliveryState.DueSoon, 2), (status.State, status.Days));
        Assert.Equal(At(2026, 1, 1), status.DueAt);
        Assert.Equal(At(2025, 12, 1), status.PeriodStart);
    }

    [Fact]
    public void A_weekly_delivery_an_hour_late_counts_for_that_week_and_the_next_is_reminded_three_days_ahead()
    {
        var mondayLate = At(2026, 3, 2, 9, 0);

        var thursday = Status(MondayAt8, mondayLate, now: At(2026, 3, 5, 10, 0));
        var friday = Status(MondayAt8, mondayLate, now: At(2026, 3, 6, 9, 0));
        var nextTuesday = Status(MondayAt8, mondayLate, now: At(2026, 3, 10, 9, 0));

        Assert.Equal(At(2026, 3, 2, 8, 0), thursday.LastCovered);
        Assert.Equal((FileDeliveryState.Delivered, At(2026, 3, 9, 8, 0)), (thursday.State, thursday.DueAt));
        Assert.Equal((FileDeliveryState.DueSoon, 3), (friday.State, friday.Days));
        Assert.Equal((FileDeliveryState.Overdue, 1), (nextTuesday.State, nextTuesday.Days));
    }

    [Fact]
    public void A_daily_schedule_reminds_at_most_half_a_day_ahead_and_a_delivery_just_after_the_deadline_counts_for_it()
    {
        var lateByAnHour = At(2026, 3, 2, 18, 0);
        var morning = At(2026, 3, 2, 8, 0);

        var nextNight = Status(DailyAt17, lateByAnHour, now: At(2026, 3, 3, 4, 0));
        var nextMorning = Status(DailyAt17, lateByAnHour, now: At(2026, 3, 3, 6, 0));
        var sameDay = Status(DailyAt17, morning, now: At(2026, 3, 2, 20, 0));

        Assert.Equal(At(2026, 3, 2, 17, 0), nextNight.LastCovered);
        Assert.Equal((FileDeliveryState.Delivered, At(2026, 3, 3, 17, 0)), (nextNight.State, nextNight.DueAt));
        Assert.Equal((FileDeliveryState.DueSoon, 0), (nextMorning.State, nextMorning.Days));
        Assert.Equal(At(2026, 3, 2, 17, 0), sameDay.LastCovered);
    }

    [Fact]
    public void Due_moments_are_in_the_province_time_whatever_offset_the_clock_reads_in()
    {
        // Day 5 at 01:00 in Hà Nội time is 18:00 UTC on the 4th.
        var beforeUtc = Status(Monthly(5), delivered: null, now: new DateTimeOffset(2026, 2, 4, 17, 30, 0, TimeSpan.Zero));
        var afterUtc = Status(Monthly(5), delivered: null, now: new DateTimeOffset(2026, 2, 4, 18, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 2, 4, 18, 0, 0, TimeSpan.Zero), beforeUtc.DueAt);
        Assert.Equal((FileDeliveryState.DueSoon, 0, new DateOnly(2026, 2, 5)), (beforeUtc.State, beforeUtc.Days, beforeUtc.DueDate));
        Assert.Equal((FileDeliveryState.Overdue, 0), (afterUtc.State, afterUtc.Days));
    }

    [Fact]
    public void A_delivery_counted_in_utc_late_at_night_falls_on_the_province_day()
    {
        // 23:00 UTC on 4 March is 06:00 on 5 March in the province: five hours late for day 5 at 01:00.
        var status = Status(Monthly(5), delivered: new DateTimeOffset(2026, 3, 4, 23, 0, 0, TimeSpan.Zero), now: At(2026, 3, 20));

        Assert.Equal(At(2026, 3, 5, 1, 0), status.LastCovered);
        Assert.Equal(FileDeliveryState.Delivered, status.State);
    }

    [Fact]
    public void A_longer_reminder_from_the_settings_reminds_earlier()
    {
        var status = Status(Monthly(5), delivered: null, now: At(2026, 1, 29, 2, 0), settings: new FileDeliverySettings { ReminderDays = 7 });

        Assert.Equal((FileDeliveryState.DueSoon, 7), (status.State, status.Days));
    }

    [Fact]
    public void Hourly_occurrences_keep_their_clock_times()
    {
        var everySixFrom0145 = new SyncSchedule(ScheduleFrequency.Hourly, new TimeOnly(1, 45), Hours: 6);
        var noon = new DateTime(2026, 3, 2, 12, 0, 0);

        Assert.Equal(new DateTime(2026, 3, 2, 13, 45, 0), FileDelivery.Next(everySixFrom0145, noon));
        Assert.Equal(new DateTime(2026, 3, 2, 7, 45, 0), FileDelivery.Previous(everySixFrom0145, noon));
        Assert.Equal(new DateTime(2026, 3, 3, 1, 45, 0), FileDelivery.Next(everySixFrom0145, new DateTime(2026, 3, 2, 19, 45, 0)));
    }

    [Fact]
    public void A_cron_the_schedule_editor_cannot_read_has_no_status()
    {
        Assert.Null(FileDelivery.Status("*/5 * * * *", Defaults, Began, null, At(2026, 3, 1)));
    }

    [Fact]
    public void Settings_default_to_a_three_day_reminder_and_both_formats()
    {
        var settings = FileDeliverySettings.Read("{}");

        Assert.Equal(3, settings.ReminderDays);
        Assert.Equal(["csv", "xlsx"], settings.Formats);
        Assert.Empty(settings.Validate());
        Assert.True(settings.Accepts("bao-cao.CSV"));
        Assert.True(settings.Accepts("bao-cao.xlsx"));
        Assert.False(settings.Accepts("bao-cao.xls"));
    }

    [Fact]
    public void Settings_name_a_reminder_out_of_range_and_an_unknown_format()
    {
        var settings = FileDeliverySettings.Read("""{"reminderDays": 40, "formats": ["csv", "pdf"]}""");

        Assert.Equal(2, settings.Validate().Count);
        Assert.False(new FileDeliverySettings { Formats = ["xlsx"] }.Accepts("so-lieu.csv"));
    }
}
