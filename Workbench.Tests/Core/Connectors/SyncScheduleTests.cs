using System.Globalization;
using Workbench.Core.Connectors;

namespace Workbench.Tests.Core.Connectors;

/// <summary>Schedules as people say them, kept as cron for the job scheduler and read back for editing.</summary>
public sealed class SyncScheduleTests : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public SyncScheduleTests() => CultureInfo.CurrentUICulture = new CultureInfo("vi-VN");

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;

    public static TheoryData<SyncSchedule, string, string> Schedules => new()
    {
        { SyncSchedule.DailyAt(2, 0), "0 2 * * *", "Hằng ngày lúc 02:00" },
        { new(ScheduleFrequency.Weekly, new TimeOnly(6, 30), DayOfWeek.Monday), "30 6 * * 1", "Thứ Hai hằng tuần lúc 06:30" },
        { new(ScheduleFrequency.Weekly, new TimeOnly(23, 5), DayOfWeek.Sunday), "5 23 * * 0", "Chủ nhật hằng tuần lúc 23:05" },
        { new(ScheduleFrequency.Monthly, new TimeOnly(1, 0), DayOfMonth: 5), "0 1 5 * *", "Ngày 5 hằng tháng lúc 01:00" },
        { new(ScheduleFrequency.Hourly, new TimeOnly(0, 15)), "15 * * * *", "Mỗi giờ, vào phút 15" },
        { new(ScheduleFrequency.Hourly, new TimeOnly(1, 45), Hours: 6), "45 1/6 * * *", "Mỗi 6 giờ, từ 01:45" },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void A_schedule_becomes_cron_reads_back_and_says_itself_in_words(SyncSchedule schedule, string cron, string words)
    {
        Assert.Null(schedule.Problem());
        Assert.Equal(cron, schedule.ToCron());
        Assert.Equal(schedule, SyncSchedule.FromCron(cron));
        Assert.Equal(words, schedule.Describe());
    }

    [Fact]
    public void An_hourly_start_after_the_step_is_kept_as_its_clock_times()
    {
        var schedule = new SyncSchedule(ScheduleFrequency.Hourly, new TimeOnly(14, 0), Hours: 6);

        Assert.Equal("0 2/6 * * *", schedule.ToCron());
        Assert.Equal(new TimeOnly(2, 0), SyncSchedule.FromCron(schedule.ToCron())!.At);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0 2 * *")]
    [InlineData("*/5 * * * *")]
    [InlineData("0 2 * 1 *")]
    [InlineData("0 2 31 * *")]
    [InlineData("0 2 * * 1-5")]
    [InlineData("0 1/5 * * *")]
    [InlineData("60 2 * * *")]
    [InlineData("00 2 * * *")]
    public void Other_cron_expressions_are_not_editable_schedules(string? cron)
    {
        Assert.Null(SyncSchedule.FromCron(cron));
    }

    [Fact]
    public void Days_every_month_lacks_and_uneven_hour_steps_are_refused_with_a_reason()
    {
        Assert.Contains("1 đến 28", new SyncSchedule(ScheduleFrequency.Monthly, new TimeOnly(1, 0), DayOfMonth: 31).Problem());
        Assert.Contains("12 giờ", new SyncSchedule(ScheduleFrequency.Hourly, new TimeOnly(0, 0), Hours: 5).Problem());
        Assert.NotNull(new SyncSchedule(ScheduleFrequency.Daily, new TimeOnly(1, 0, 30)).Problem());
    }
}
