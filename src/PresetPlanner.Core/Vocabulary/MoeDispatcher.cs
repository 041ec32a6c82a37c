namespace PresetPlanner.Vocabulary;

/// <summary>
/// The MoE token dispatcher: Megatron-Core <c>--moe-token-dispatcher-type</c> and, for <c>flex</c>,
/// <c>--moe-flex-dispatcher-backend</c>.
/// </summary>
public enum MoeDispatcher
{
    /// <summary>NCCL all-to-all (<c>alltoall</c>), Megatron-Core's default.</summary>
    AllToAll,

    /// <summary>DeepSeek's DeepEP kernels (<c>flex</c> with <c>deepep</c>): fused dispatch and combine over NVLink and RDMA.</summary>
    DeepEp,

    /// <summary>NVIDIA's HybridEP kernels (<c>flex</c> with <c>hybridep</c>), built for NVLink domains such as NVL72.</summary>
    HybridEp,
}
