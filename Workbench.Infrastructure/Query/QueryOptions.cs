using System.ComponentModel.DataAnnotations;

namespace Workbench.Infrastructure.Query;

/// <summary>Section <c>Query</c>: limits of interactive pipeline runs and the result cache.</summary>
public sealed class QueryOptions
{
    public const string SectionName = "Query";

    /// <summary>A statement running longer is stopped in the database. Default 60.</summary>
    [Range(0.001, 86_400)]
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Rows an interactive result holds; more set <c>truncated</c>. Downloads are not capped. Default 10,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 10_000;

    /// <summary>The result cache's bound, in (estimated) megabytes; 0 turns the cache off. Default 64.</summary>
    [Range(0, 65_536)]
    public int CacheMegabytes { get; set; } = 64;

    /// <summary>How long a cached result is kept at most, even if its sources do not change. Default 600.</summary>
    [Range(1, 86_400)]
    public int CacheSeconds { get; set; } = 600;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
