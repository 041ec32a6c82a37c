namespace PresetPlanner;

/// <summary>
/// Step time of one layout: a roofline model in the spirit of Calculon (Isaev et al. SC'23), generalised to GQA/MLA,
/// gated MLPs, MoE with EP, CP and FlashAttention (../shared/MODELING.md section 6, docs/model.md).
/// </summary>
/// <remarks>
/// Per micro-batch on the busiest GPU: matmul FLOPs over the dense peak of the training precision times
/// <see cref="EfficiencyModel.Matmul"/>; causal attention FLOPs over the BF16 peak times <see cref="EfficiencyModel.Attention"/>;
/// memory-bound work (norms, activation functions, residuals: three passes over the stored activations) over HBM
/// bandwidth; each TP, EP and PP transfer over its link's bandwidth times its efficiency plus a latency per collective,
/// on the critical path (with communication overlap on, all but 1 - <see cref="EfficiencyModel.CommunicationOverlap"/> of TP
/// and EP traffic is hidden); CP's ring exchange overlaps the attention it feeds, only its excess is exposed.
/// The pipeline runs (m + (p-1)/v) such micro-batch times (Narayanan et al. section 2.2). The gradient reduction is
/// hidden behind <see cref="EfficiencyModel.DataParallelOverlap"/> of one micro-batch's backward (ZeRO-2/3 traffic, which
/// recurs every micro-batch, behind that micro-batch's compute); what remains is exposed. The optimizer step reads and
/// writes the optimizer state, gradients and weights once.
/// </remarks>
internal static class StepTimeModel
{
    /// <summary>
    /// Compute and exposed TP, EP, PP and CP communication of one micro-batch on <paramref name="stage"/>: what depends on
    /// recomputation and SP but not on ZeRO.
    /// </summary>
    internal static void PerMicroBatch(PlanningContext ctx, in ParallelLayout layout, StageShape stage, in CommunicationBreakdown comm, in LayerActivations layers, in LayoutFactors f, out double compute, out double exposed)
    {
        // Divisions are hoisted into reciprocals (TimeConstants, LayoutFactors): this runs for every layout of a search.
        ref readonly TimeConstants k = ref ctx.Time;
        ref readonly EfficiencyModel eff = ref ctx.Efficiency;
        double tokensPerMicroBatch = f.TokensPerRank * f.InverseTp;
        int dense = stage.Layers - stage.MoeLayers;
        double linear = (dense * k.DenseLinear) + (stage.MoeLayers * k.MoeLinear) + (stage.Last ? k.Logits : 0);
        double attention = stage.Layers * k.Attention;
        double forwardPasses = layout.Recompute == RecomputeMode.Full ? 4 : 3;
        double attentionPasses = layout.Recompute == RecomputeMode.None ? 3 : 4;
        double linearSeconds = tokensPerMicroBatch * linear * forwardPasses * k.SecondsPerLinearFlop;
        double attentionSeconds = tokensPerMicroBatch * attention * attentionPasses * k.SecondsPerAttentionFlop;
        double memoryBound = (dense * layers.DenseAll) + (stage.MoeLayers * layers.MoeAll);
        double memorySeconds = 3 * memoryBound * k.SecondsPerHbmByte;
        compute = linearSeconds + attentionSeconds + memorySeconds;

        double perMicroBatch = f.InverseMicroBatches;
        double exposedShare = ctx.Settings.OverlapCommunication ? 1 - eff.CommunicationOverlap : 1;
        GroupLinks links = comm.Links;
        double tp = Transfer(ctx, comm.TensorParallel * perMicroBatch, links.TensorParallel, collectives: stage.Layers * 4) * exposedShare;
        double ep = Transfer(ctx, comm.ExpertParallel * perMicroBatch, links.ExpertParallel, collectives: stage.MoeLayers * 4) * exposedShare;
        double pp = Transfer(ctx, comm.PipelineParallel * perMicroBatch, links.PipelineParallel, collectives: 2 * layout.Vp);
        double cp = Math.Max(0, Transfer(ctx, comm.ContextParallel * perMicroBatch, links.ContextParallel, collectives: stage.Layers * 3) - attentionSeconds);
        exposed = tp + ep + pp + cp;
    }

    /// <summary>Seconds the gradient reduction (and ZeRO gathers) of <paramref name="bytes"/> take on their link.</summary>
    internal static double DataParallelSeconds(PlanningContext ctx, in ParallelLayout layout, double bytes, in GroupLink link, int microBatches) =>
        Transfer(ctx, bytes, link, collectives: ModelStateMemory.ShardsEveryMicroBatch(ctx.Settings, layout.Zero, layout.Pp) ? 3 * microBatches : 2);

    /// <summary>The step from one micro-batch's compute and exposed communication, the DP transfer and the optimizer step.</summary>
    internal static StepTime Assemble(PlanningContext ctx, in ParallelLayout layout, int microBatches, double compute, double exposed, double dpSeconds, double optimizerSeconds, in LayoutFactors f)
    {
        ref readonly TimeConstants k = ref ctx.Time;
        double mb = Math.Max(microBatches, 1);
        double bubble = f.StagesPerVirtualStage * (compute + exposed);

        // The backward pass is two thirds of a micro-batch's compute; ZeRO-2/3 traffic overlaps every micro-batch.
        double hiding = ModelStateMemory.ShardsEveryMicroBatch(ctx.Settings, layout.Zero, layout.Pp) ? mb * compute : compute * (2.0 / 3);
        double dpExposed = Math.Max(0, dpSeconds - (ctx.Efficiency.DataParallelOverlap * hiding));

        return new StepTime(
            mb * compute,
            mb * exposed,
            bubble,
            dpExposed,
            optimizerSeconds,
            k.ModelFlopsPerStep,
            k.Hardware(layout.Recompute),
            ctx.Cluster.GpuCount,
            ctx.Settings.TokensPerStep,
            k.MfuPeak);
    }

    // A group's bytes at its links' bandwidths (a hierarchical group's scale-out share on the network, the rest on NVLink),
    // plus a fixed latency per collective on each link it uses.
    private static double Transfer(PlanningContext ctx, double bytes, in GroupLink link, int collectives)
    {
        if (link.Kind == LinkKind.None || bytes <= 0)
        {
            return 0;
        }

        ref readonly EfficiencyModel eff = ref ctx.Efficiency;
        double outShare = link.ScaleOutShare;
        double seconds = bytes * (((1 - outShare) * ctx.Time.SecondsPerScaleUpByte) + (outShare * ctx.Time.SecondsPerScaleOutByte));
        double latency = link.Kind switch
        {
            LinkKind.ScaleUp => eff.ScaleUpLatency,
            LinkKind.ScaleOut => eff.ScaleOutLatency,
            _ => eff.ScaleUpLatency + eff.ScaleOutLatency,
        };
        return seconds + (collectives * latency);
    }

    /// <summary>The optimizer step: reads and writes the owned optimizer state, gradients and weights once.</summary>
    internal static double OptimizerSeconds(PlanningContext ctx, in ParallelLayout layout, double dense, double experts, in LayoutFactors f)
    {
        double owned = layout.Zero >= 1 ? (dense * f.InverseDenseRanks) + (experts * f.InverseExpertRanks) : dense + experts;
        double k = ModelStateMemory.OptimizerBytes(ctx.Settings.Optimizer) * (1 - ctx.Settings.OptimizerOffloadFraction);
        double g = ModelStateMemory.GradientBytes(ctx.Settings.Gradients);
        double bytes = owned * ((2 * k) + g + 2);
        return bytes * ctx.Time.SecondsPerHbmByte;
    }
}
