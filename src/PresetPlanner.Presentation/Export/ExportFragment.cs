using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Export;

/// <summary>A layout in a framework's own words: the text to paste, and what the framework cannot express.</summary>
/// <param name="Framework">The framework the text is for.</param>
/// <param name="Text">The fragment: arguments, overrides, TOML or JSON, ending with a newline.</param>
/// <param name="Notes">Settings of the plan the framework cannot express (or expresses outside this fragment), one sentence each; also written into <paramref name="Text"/> as comments where its syntax has them.</param>
public sealed record ExportFragment(ExportFramework Framework, string Text, IReadOnlyList<string> Notes);
