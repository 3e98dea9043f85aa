namespace Workbench.Core.Connectors;

/// <summary>
/// When a sync tries a failed source read again: only transient failures, at most <see cref="MaxAttempts"/> attempts in
/// all, waiting <see cref="FirstDelay"/> after the first failure and <see cref="Factor"/> times longer after each next
/// one, never more than <see cref="MaxDelay"/>. No jitter: one connector's retries do not crowd another's, and tests can
/// say exactly when the next attempt comes.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Five attempts, waiting 30 s, 1 min, 2 min, 4 min between them.</summary>
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(30), 2, TimeSpan.FromMinutes(10));

    public RetryPolicy(int maxAttempts, TimeSpan firstDelay, double factor, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstDelay, TimeSpan.Zero);
        if (!double.IsFinite(factor) || factor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be a finite number of at least 1.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, firstDelay);
        MaxAttempts = maxAttempts;
        FirstDelay = firstDelay;
        Factor = factor;
        MaxDelay = maxDelay;
    }

    /// <summary>Attempts in all, the first one included.</summary>
    public int MaxAttempts { get; }

    public TimeSpan FirstDelay { get; }

    public double Factor { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>How long to wait after the failed attempt number <paramref name="attempt"/> (1-based) before the next one.</summary>
    public TimeSpan Delay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ticks = FirstDelay.Ticks * Math.Pow(Factor, attempt - 1);
        return ticks >= MaxDelay.Ticks || !double.IsFinite(ticks) ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Whether to try again after attempt number <paramref name="attempt"/> (1-based) failed with <paramref name="failure"/>.</summary>
    public bool ShouldRetry(SourceReadException failure, int attempt) => ShouldRetry(failure.IsTransient, attempt);

    /// <summary>Whether to try again after attempt number <paramref name="attempt"/> (1-based) failed, transiently or not.</summary>
    public bool ShouldRetry(bool transient, int attempt) => transient && attempt < MaxAttempts;
}
