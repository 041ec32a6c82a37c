using PresetPlanner.Results;
using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// Bytes each GPU sends per training step, per parallel dimension, and the link each group runs on.
/// </summary>
/// <remarks>
/// Ring collectives over n ranks on S bytes send 2S(n-1)/n (all-reduce) or S(n-1)/n (all-gather, reduce-scatter,
/// all-to-all) per rank (Patarasuk and Yuan 2009; NCCL's bus-bandwidth convention).
/// TP: 2 all-reduces of the s b h activation forward and 2 backward per layer and micro-batch (Narayanan et al. SC'21
/// section 3.2); sequence parallelism turns each into an all-gather plus a reduce-scatter of the same volume
/// (Korthikanti et al. section 4.2.2); full recomputation repeats the forward pair.
/// PP: one s b h activation forward and one gradient backward per micro-batch and stage boundary, divided by t with
/// Megatron's scatter/gather optimisation, v times with interleaving (Narayanan et al. section 4.1).
/// DP: an all-reduce of the gradients once per step; ZeRO-1 (and Megatron's distributed optimizer) a reduce-scatter of
/// the gradients and an all-gather of the weights (BF16, or the FP8 copy with <c>--fp8-param-gather</c>); ZeRO-2
/// reduce-scatters the gradients of every micro-batch; ZeRO-3 also all-gathers the weights in every forward and backward
/// (Rajbhandari et al. section 7: 1.5x the DP volume in elements at one micro-batch per step), or once per step when it
/// keeps them gathered (FSDP2 <c>reshard_after_forward=False</c>). HSDP runs these over the shard group and all-reduces
/// each rank's shard of the gradients across the replicas (PyTorch HSDP; Zhao et al., "PyTorch FSDP", VLDB 2023,
/// section 3.2.2).
/// CP: ring attention passes each rank's K and V chunk c-1 times forward, and K, V and their gradients c-1 times
/// backward (Liu et al. 2023; Megatron-Core context parallelism).
/// EP: an all-to-all dispatch and combine forward and again backward per MoE layer, of the r copies of each token's
/// hidden state (Lepikhin et al., GShard, 2020; DeepSeek-V3 report section 3.2), or with the fused DeepEP and HybridEP
/// dispatchers one copy per rank that holds any of the token's experts (<see cref="ExpertDispatch"/>).
/// ETP: an all-gather of the routed copies over the ETP group before the experts and a reduce-scatter after.
/// Links (<see cref="GroupLinks"/>): a group whose ranks all lie in one scale-up domain runs on it, a group with one rank
/// per domain crosses the scale-out network, and a group with several ranks in each of several domains splits its
/// bytes between the two (<see cref="GroupLink"/>).
/// </remarks>
internal static class CommunicationVolume
{
    /// <summary>
    /// The TP, PP, CP and EP traffic of <paramref name="stage"/> (which depends on recomputation and SP, not on ZeRO), with
    /// the data-parallel volume left at 0.
    /// </summary>
    internal static CommunicationBreakdown WithoutDataParallel(CostContext ctx, in ParallelLayout layout, StageShape stage, int microBatches, in GroupLinks links, in LayoutFactors f)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        double mb = microBatches;
        int t = layout.Tp;
        int c = layout.Cp;
        int e = layout.Ep;
        double activation = 2.0 * f.TokensPerRank * m.Hidden;
        // Recomputed layers repeat their forward collectives: 4 + 2 r, 3 + r with r the recomputed share.
        double r = Recomputation.FullShare(ctx.Settings, layout, stage.Layers);

        // A hybrid's single-block layers have half a transformer layer's TP collectives; only its attention layers exchange K/V.
        double tp = t > 1 ? stage.Layers * (ctx.Costs.BlocksPerLayer / 2.0) * mb * (4 + (2 * r)) * 2 * activation * f.TpRingShare : 0;
        double pp = layout.Pp > 1 ? 2 * mb * layout.Vp * activation * f.InverseTp : 0;
        double cp = c > 1 ? stage.Layers * ctx.Costs.AttentionLayerShare * mb * (3 + r) * (c - 1) * KvChunk(ctx, layout, f) : 0;
        double routed = f.TokensPerRank * f.InverseSp(layout.SequenceParallel) * ctx.Settings.ExpertCapacityFactor;
        double tokenCopies = routed * m.ActiveExperts;
        double ep = e > 1 ? stage.MoeLayers * mb * (4 + (2 * r)) * routed * f.EpSentCopies * m.ExpertWidth * 2 : 0;

        // ETP: the routed copies are all-gathered over the ETP group before the experts and reduce-scattered after, forward
        // and backward (Megatron-Core's dispatcher with expert_tensor_parallel_size > 1); counted with TP, whose group
        // holds the ETP group.
        int etp = layout.Etp;
        double expertTp = etp > 1 ? stage.MoeLayers * mb * (4 + (2 * r)) * tokenCopies * m.ExpertWidth * 2 * (etp - 1) : 0;
        return new CommunicationBreakdown(tp + expertTp, pp, 0, cp, ep, 0, links);
    }

    private static double KvChunk(CostContext ctx, in ParallelLayout layout, in LayoutFactors f)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        double width = m.Attention == AttentionKind.Mla
            ? m.Heads * f.InverseTp * (m.HeadDim + m.QkRopeHeadDim + m.VHeadDim)
            : 2.0 * (m.KvHeads >= layout.Tp ? m.KvHeads * f.InverseTp : 1) * m.HeadDim;
        return f.TokensPerRank * width * 2;
    }

    /// <summary>The dense data-parallel volume of a stage with these parameters (depends on ZeRO, not on recomputation or SP).</summary>
    internal static double DataParallel(CostContext ctx, in ParallelLayout layout, double dense, double microBatches, in LayoutFactors f) =>
        Group(ctx, layout, microBatches, dense, f.DenseRingShare, f.DenseReplicaShare, f.InverseDenseRanks);

    /// <summary>The routed experts' data-parallel volume over the expert data-parallel group.</summary>
    internal static double ExpertDataParallel(CostContext ctx, in ParallelLayout layout, double experts, double microBatches, in LayoutFactors f) =>
        Group(ctx, layout, microBatches, experts, f.ExpertRingShare, f.ExpertReplicaShare, f.InverseExpertRanks);

    // share = (n - 1) / n of the shard group's n ranks, replicas = (r - 1) / r of its r HSDP replicas; both 0 for a
    // group of one.
    private static double Group(CostContext ctx, in ParallelLayout layout, double microBatches, double parameters, double share, double replicas, double inverseShard)
    {
        if ((share <= 0 && replicas <= 0) || parameters <= 0)
        {
            return 0;
        }

        ref readonly TrainingSettings s = ref ctx.Settings;
        int zero = layout.Zero;
        if (s.Lora && zero < 3)
        {
            // Frozen base weights: nothing to reduce and nothing updated to gather.
            return 0;
        }

        double g = s.Lora ? 0 : ModelStateMemory.GradientReduceBytes(s.Gradients);
        double w = PrecisionBytes.Gather(s);
        if (zero == 0)
        {
            // Without sharding HSDP is plain data parallelism: one all-reduce over all n r ranks.
            return 2 * parameters * g * (1 - ((1 - share) * (1 - replicas)));
        }

        double acrossReplicas = 2 * parameters * inverseShard * g * replicas;
        double withinShard = zero switch
        {
            1 => parameters * (g + w) * share,
            2 => parameters * ((g * microBatches) + w) * share,
            _ when ModelStateMemory.KeepsGathered(s, zero, layout.Pp) => parameters * (g + w) * share,
            _ => parameters * (g + (2 * w)) * microBatches * share,
        };
        return withinShard + acrossReplicas;
    }
}
