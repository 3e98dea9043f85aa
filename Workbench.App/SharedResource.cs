namespace Workbench.App;

/// <summary>The marker type of the UI's resource files (<c>Resources/SharedResource*.resx</c>): Vietnamese default, English second.</summary>
public sealed class SharedResource;
