namespace PresetPlanner.Vocabulary;

/// <summary>
/// When ZeRO-3/FSDP frees the gathered weights: PyTorch FSDP2's <c>reshard_after_forward</c> (torchtitan
/// <c>--parallelism.fsdp_reshard_after_forward</c>).
/// </summary>
public enum ReshardPolicy
{
    /// <summary>torchtitan's "default": re-shard after every forward without pipelining, keep the weights gathered with it.</summary>
    Default,

    /// <summary>Free after each forward and gather again for the backward, every micro-batch (least memory, most traffic).</summary>
    Always,

    /// <summary>Keep the stage's weights gathered (and, with pipelining, its gradients unsharded) until the step's last backward.</summary>
    Never,
}
