namespace Workbench.App.Features.Admin;

/// <summary>One entry of a <see cref="ChooseDialog"/>: the value returned and the text shown.</summary>
public sealed record ChooseOption(string Value, string Text);
