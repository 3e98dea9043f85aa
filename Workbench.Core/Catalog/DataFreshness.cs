namespace Workbench.Core.Catalog;

/// <summary>Whether a dataset's data is older than its providing agency's expected update frequency (Đ7.3).</summary>
public static class DataFreshness
{
    /// <summary>The longest a dataset may go without a load; null for <see cref="UpdateFrequency.Irregular"/>.</summary>
    public static TimeSpan? AllowedAge(UpdateFrequency frequency) => frequency switch
    {
        UpdateFrequency.Daily => TimeSpan.FromDays(1),
        UpdateFrequency.Weekly => TimeSpan.FromDays(7),
        UpdateFrequency.Monthly => TimeSpan.FromDays(31),
        UpdateFrequency.Quarterly => TimeSpan.FromDays(92),
        UpdateFrequency.Yearly => TimeSpan.FromDays(366),
        _ => null,
    };

    /// <summary>Older than expected: never loaded, or last loaded longer ago than <see cref="AllowedAge"/>.</summary>
    public static bool IsOverdue(UpdateFrequency frequency, DateTimeOffset? lastLoadedAt, DateTimeOffset now) =>
        AllowedAge(frequency) is { } allowed && (lastLoadedAt is not { } loaded || now - loaded > allowed);
}
