namespace PresetPlanner;

/// <summary>The descriptive part of a preset, kept out of the hot structs: its id, display name and source.</summary>
/// <param name="Id">Kebab-case id, e.g. "llama-3.1-70b".</param>
/// <param name="Name">Display name.</param>
/// <param name="Source">Where the figures come from.</param>
public readonly record struct PresetInfo(string Id, string Name, string Source);
