using PresetPlanner.Specs;

namespace PresetPlanner.Generator.Reading;

/// <summary>A valid model preset: its names, its shape and the parameter counts computed from the shape.</summary>
/// <param name="Id">Kebab-case id ("llama-3.1-70b").</param>
/// <param name="Identifier">C# member name ("Llama70B").</param>
/// <param name="Name">Display name.</param>
/// <param name="Source">Where the figures come from.</param>
/// <param name="Path">The preset file.</param>
/// <param name="Shape">The shape, as the core consumes it.</param>
/// <param name="ComputedParameters">Total parameters computed from the shape.</param>
/// <param name="ActiveParameters">Parameters a token passes through.</param>
internal sealed record ModelPresetSpec(
    string Id,
    string Identifier,
    string Name,
    string Source,
    string Path,
    ModelSpec Shape,
    long ComputedParameters,
    long ActiveParameters);
