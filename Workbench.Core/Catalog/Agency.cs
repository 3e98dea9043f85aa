namespace Workbench.Core.Catalog;

/// <summary>A participating agency (Cơ quan). Every user and every dataset belongs to one.</summary>
public sealed class Agency
{
    public int Id { get; set; }

    /// <summary>Short stable code, e.g. <c>STTTT</c>; used by the API's <c>ownerAgency</c>.</summary>
    public required string Code { get; set; }

    /// <summary>The Vietnamese name, as in Điều 2 of the regulation.</summary>
    public required string Name { get; set; }

    /// <summary>The English name, shown when the UI is in English.</summary>
    public string? NameEn { get; set; }

    /// <summary>Deactivated agencies' users cannot sign in and their API keys stop working; their data stays.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Set when this agency was merged into another: its users, data and grants now belong to that one.</summary>
    public int? MergedIntoId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
