namespace PresetPlanner.Specs;

/// <summary>
/// The descriptive part of a preset, kept beside the hot spec rather than in it: its id, display name and source.
/// Generated for every compiled preset (<c>Presets.Models.Llama70B.Info</c>) and carried through tables and JSON, so a
/// report names what was planned without looking anything up.
/// </summary>
/// <param name="Id">Kebab-case id, e.g. "llama-3.1-70b".</param>
/// <param name="Name">Display name.</param>
/// <param name="Source">Where the figures come from.</param>
public readonly record struct PresetInfo(string Id, string Name, string Source)
{
    /// <summary>The info of a spec that is not a compiled preset.</summary>
    /// <param name="id">An id for reports, e.g. "custom".</param>
    /// <param name="name">A display name, e.g. "custom model".</param>
    public static PresetInfo Custom(string id, string name) => new(id, name, "stated by the caller");
}
