namespace Workbench.Tests.Fixtures;

/// <summary>A clock that reads what the test set; timers and delays still run on the system's.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public DateTimeOffset Now
    {
        get => _now;
        set => _now = value;
    }

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();
}
