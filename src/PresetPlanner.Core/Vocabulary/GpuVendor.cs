namespace PresetPlanner.Vocabulary;

/// <summary>
/// Who makes a GPU, which decides whose kernels and recipes it runs: NVIDIA-only kernels (DeepEP, HybridEP, Transformer
/// Engine's CUDA graphs) and the Megatron-Bridge performance recipes (<c>MoeRuntime.RecipeFor</c>).
/// </summary>
public enum GpuVendor
{
    /// <summary>Not stated (a GPU described by its figures alone): no vendor's recipe is assumed.</summary>
    Unstated,

    /// <summary>NVIDIA.</summary>
    Nvidia,

    /// <summary>AMD.</summary>
    Amd,
}
