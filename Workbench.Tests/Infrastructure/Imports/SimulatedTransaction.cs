using Workbench.Core.Imports;

namespace Workbench.Tests.Infrastructure.Imports;

/// <summary>
/// Loads rows the way a warehouse transaction does: staged while the enumeration runs, committed only when it
/// ends. An <see cref="ImportException"/> from the rows rolls back, leaving <see cref="Committed"/> empty.
/// </summary>
public sealed class SimulatedTransaction
{
    public List<object?[]> Committed { get; } = [];

    /// <summary>Rows staged before the failure and then rolled back.</summary>
    public int RolledBack { get; private set; }

    /// <summary>Runs the load; returns the error that rolled it back, or null when it committed.</summary>
    public ImportError? Load(IEnumerable<object?[]> rows)
    {
        var staged = new List<object?[]>();
        try
        {
            foreach (var row in rows)
            {
                staged.Add(row);
            }
        }
        catch (ImportException e)
        {
            RolledBack = staged.Count;
            return e.Error;
        }
        Committed.AddRange(staged);
        return null;
    }
}
