namespace PresetPlanner.Specs;

/// <summary>A model's shape with its names: what <c>Presets.Llama70B</c> is and what a plan is asked about.</summary>
/// <param name="Info">Id, display name and source.</param>
/// <param name="Spec">The shape the planning core reads.</param>
public readonly record struct ModelPreset(PresetInfo Info, ModelSpec Spec)
{
    /// <summary>A shape that is not a compiled preset, named "custom model".</summary>
    public static implicit operator ModelPreset(in ModelSpec spec) => new(PresetInfo.Custom("custom", "custom model"), spec);
}
