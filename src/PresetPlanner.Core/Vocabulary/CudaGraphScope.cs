namespace PresetPlanner.Vocabulary;

/// <summary>
/// How much of a training step runs as CUDA graphs, which replay captured kernels without the host launching each one:
/// Megatron-Core <c>--cuda-graph-impl</c> and <c>--cuda-graph-scope</c> (Megatron-Bridge <c>cuda_graph_impl</c>).
/// </summary>
public enum CudaGraphScope
{
    /// <summary>No graphs: every kernel is launched from Python (Megatron-Core's default).</summary>
    None,

    /// <summary>Parts of each layer are captured (Transformer Engine or per-layer graphs: attention, router, MoE preprocessing).</summary>
    Partial,

    /// <summary>The whole forward and backward pass is one graph (<c>--cuda-graph-impl full_iteration</c>; MoE with static, padded shapes).</summary>
    Full,
}
