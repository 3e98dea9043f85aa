namespace Workbench.Core.Access;

/// <summary>The four roles of ARCHITECTURE.md; every user has exactly one.</summary>
public static class Roles
{
    public const string SystemAdmin = "SystemAdmin";
    public const string AgencyAdmin = "AgencyAdmin";
    public const string Analyst = "Analyst";
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [SystemAdmin, AgencyAdmin, Analyst, Viewer];
}
