using Workbench.Core.Connectors;

namespace Workbench.Tests.Core.Connectors;

public class RetryPolicyTests
{
    private static readonly RetryPolicy Policy = new(4, TimeSpan.FromSeconds(10), 3, TimeSpan.FromMinutes(1));

    [Fact]
    public void Delays_grow_by_the_factor_from_the_first_delay_up_to_the_cap()
    {
        Assert.Equal(
            [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60)],
            Enumerable.Range(1, 5).Select(Policy.Delay));
    }

    [Fact]
    public void A_huge_attempt_number_stays_at_the_cap()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), Policy.Delay(10_000));
    }

    [Fact]
    public void A_transient_failure_is_retried_until_the_attempts_run_out()
    {
        var failure = new SourceReadException(SourceErrorKind.Transient, "HTTP 503");

        Assert.Equal([true, true, true, false], Enumerable.Range(1, 4).Select(attempt => Policy.ShouldRetry(failure, attempt)));
    }

    [Theory]
    [InlineData(SourceErrorKind.Configuration)]
    [InlineData(SourceErrorKind.Malformed)]
    [InlineData(SourceErrorKind.MissingField)]
    public void A_failure_that_a_retry_cannot_fix_is_not_retried(SourceErrorKind kind)
    {
        Assert.False(Policy.ShouldRetry(new SourceReadException(kind, "x"), 1));
    }

    [Fact]
    public void A_single_attempt_policy_never_retries()
    {
        var once = new RetryPolicy(1, TimeSpan.Zero, 1, TimeSpan.Zero);

        Assert.False(once.ShouldRetry(new SourceReadException(SourceErrorKind.Transient, "x"), 1));
    }

    [Fact]
    public void Nonsense_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(0, TimeSpan.Zero, 2, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(3, TimeSpan.FromSeconds(1), 0.5, TimeSpan.FromSeconds(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(3, TimeSpan.FromSeconds(10), 2, TimeSpan.FromSeconds(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.Delay(0));
    }
}
