namespace Workbench.Core.Abstractions;

/// <summary>A warehouse query ran past its time limit and was stopped in the database.</summary>
public sealed class QueryTimeoutException(TimeSpan timeout, Exception? inner = null)
    : Exception($"The query ran longer than {timeout.TotalSeconds:0.#} seconds and was stopped.", inner)
{
    public TimeSpan Timeout { get; } = timeout;
}
