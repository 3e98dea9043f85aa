namespace Workbench.App.Features.AccessRequests;

/// <summary>
/// Tells the menu of one circuit that a request was decided or sent there, so its count of waiting requests is read
/// again without a navigation. Scoped: one per browser tab.
/// </summary>
public sealed class AccessRequestCounter
{
    /// <summary>Raised after a request changed in this circuit.</summary>
    public event Action? Changed;

    public void NotifyChanged() => Changed?.Invoke();
}
