namespace Workbench.Core.Abstractions;

/// <summary>
/// A load refused because of the rows themselves (a value of the wrong type, a null or duplicated
/// upsert key): a user error to show, not a server fault. Nothing was loaded.
/// </summary>
public sealed class WarehouseLoadException(string message, Exception? innerException = null)
    : InvalidOperationException(message, innerException);
