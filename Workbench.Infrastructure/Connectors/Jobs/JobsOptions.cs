using System.ComponentModel.DataAnnotations;
using Workbench.Core.Connectors;

namespace Workbench.Infrastructure.Connectors.Jobs;

/// <summary>Section <c>Jobs</c>: whether this instance processes background jobs, and how eagerly.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Runs a Hangfire server in this instance (default true). Off, the instance still schedules and enqueues.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs this instance runs at once (default 2: the machines have two cores).</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often the server looks for new, scheduled and cancelled jobs (default 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Section <c>Connectors</c>: when a sync gives up on bad values, and how it retries a source that is down.</summary>
public sealed class ConnectorsOptions
{
    public const string SectionName = "Connectors";

    /// <summary>Values that do not convert before a sync fails (default 1000).</summary>
    [Range(0, long.MaxValue)]
    public long MaxConversionProblems { get; set; } = new ConversionThreshold().MaxProblems;

    /// <summary>Share of records with values that do not convert before a sync fails (default 0.05).</summary>
    [Range(0.0, 1.0)]
    public double MaxConversionShare { get; set; } = new ConversionThreshold().MaxShare;

    public RetryOptions Retry { get; set; } = new();

    public ConversionThreshold Threshold => new(MaxConversionProblems, MaxConversionShare);

    /// <summary><c>Connectors:Retry</c>: <see cref="RetryPolicy.Default"/> unless set.</summary>
    public sealed class RetryOptions
    {
        [Range(1, 100)]
        public int MaxAttempts { get; set; } = RetryPolicy.Default.MaxAttempts;

        public TimeSpan FirstDelay { get; set; } = RetryPolicy.Default.FirstDelay;

        [Range(1.0, 100.0)]
        public double Factor { get; set; } = RetryPolicy.Default.Factor;

        public TimeSpan MaxDelay { get; set; } = RetryPolicy.Default.MaxDelay;

        public RetryPolicy Policy => new(MaxAttempts, FirstDelay, Factor, MaxDelay);
    }
}
