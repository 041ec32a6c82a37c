namespace PresetPlanner.Specs;

/// <summary>An accelerator with its names: what <c>Presets.H100</c> is.</summary>
/// <param name="Info">Id, display name and source.</param>
/// <param name="Spec">The figures the planning core reads.</param>
public readonly record struct GpuPreset(PresetInfo Info, GpuSpec Spec)
{
    /// <summary>Figures that are not a compiled preset, named "custom GPU".</summary>
    public static implicit operator GpuPreset(in GpuSpec spec) => new(PresetInfo.Custom("custom", "custom GPU"), spec);
}
