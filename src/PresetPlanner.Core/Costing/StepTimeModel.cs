using PresetPlanner.Results;
using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// Step time of one layout: a roofline model in the spirit of Calculon (Isaev et al. SC'23), generalised to GQA/MLA,
/// gated MLPs, MoE with EP, CP and FlashAttention (../shared/MODELING.md section 6, docs/model.md).
/// </summary>
/// <remarks>
/// Per micro-batch on the busiest GPU: matmul FLOPs over the dense peak of the training precision times
/// <see cref="EfficiencyModel.Matmul"/>; causal attention FLOPs over the BF16 peak times <see cref="EfficiencyModel.Attention"/>;
/// memory-bound work (norms, activation functions, residuals: <see cref="EfficiencyModel.ElementwisePasses"/> passes over the stored activations) over HBM
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
    /// <param name="ctx">The planning inputs.</param>
    /// <param name="layout">The layout.</param>
    /// <param name="stage">The stage.</param>
    /// <param name="comm">Its TP, EP, PP and CP bytes.</param>
    /// <param name="layers">Its per-layer activations.</param>
    /// <param name="f">The degrees' factors.</param>
    /// <param name="compute">Compute seconds of one micro-batch.</param>
    /// <param name="exposed">Exposed communication seconds of one micro-batch.</param>
    /// <param name="weightGradient">
    /// The weight-gradient GEMMs' seconds among the compute (W of the zero-bubble schedules: one pass of the stage's matmuls,
    /// none with LoRA's frozen weights), which those schedules move into the bubble (<see cref="ScheduleBubble"/>).
    /// </param>
    internal static void PerMicroBatch(CostContext ctx, in ParallelLayout layout, StageShape stage, in CommunicationBreakdown comm, in LayerActivations layers, in LayoutFactors f, out double compute, out double exposed, out double weightGradient)
    {
        // Divisions are hoisted into reciprocals (TimeConstants, LayoutFactors): this runs for every layout of a search.
        ref readonly TimeConstants k = ref ctx.Time;
        ref readonly EfficiencyModel eff = ref ctx.Efficiency;
        double tokensPerMicroBatch = f.TokensPerRank * f.InverseTp;
        int dense = stage.Layers - stage.MoeLayers;
        // Recomputation repeats forward work: the recomputed share r of the layers with full recomputation, what the
        // modules cover with selective (Recomputation).
        double r = Recomputation.FullShare(ctx.Settings, layout, stage.Layers);
        bool selective = layout.Recompute == RecomputeMode.Selective;
        double linearPasses = k.LinearPasses + r;
        double attentionForwards = 1 + r + (selective ? k.SelectiveAttentionRepeat : 0);
        // GEMMs stretched by their per-GPU shapes (GemmShape): M is the micro-batch's tokens on this CP rank (sequence
        // parallelism gathers them before each GEMM), the split dimension is divided by TP.
        double tokens = f.TokensPerRank;
        double denseStretch = GemmShape.Stretch(k.DenseSplitPenalty, layout.Tp, k.HiddenFactor, k.GemmHalf, tokens);

        // One layer's GPU time: its matmuls at eta_max stretched by their shapes, attention stretched on short
        // per-GPU sequences, and memory-bound work (the passes over the stored activations, quantisation, and for MoE
        // the token permutation) at HBM bandwidth.
        // With CP the load-balanced ring computes 2c chunks of s / 2c tokens against each other, one step per peer.
        int c = layout.Cp;
        double chunks = c > 1 ? 2 * c : 1;
        // A local layer's kernel loops over its window's keys (or CP's chunk, if shorter) and stretches like so short a sequence.
        double sequenceStretch = k.AttentionHalfOverSequence * chunks;
        double stretch = 1 + sequenceStretch + (k.WindowScoreShare * Math.Max(0, k.AttentionHalfOverWindow - sequenceStretch));
        double attention = tokensPerMicroBatch * (k.AttentionBackwardSeconds + (attentionForwards * k.AttentionForwardSeconds)) * stretch;
        // A hybrid's Mamba-2 scan runs as chunked Triton matmuls (Dao and Gu 2024, section 6) at their measured rate
        // (EfficiencyModel.Scan): forward, again in backward (the fused kernel recomputes its scan output, mamba_ssm checkpoint_lvl 1), the
        // backward itself (twice the forward) and once more for each recomputation.
        double scan = k.DenseScan > 0 ? tokensPerMicroBatch * k.DenseScan * (4 + r) * k.SecondsPerScanFlop : 0;
        double denseLinear = tokensPerMicroBatch * ((k.DenseLinear * linearPasses) + (selective ? k.SelectiveDense : 0)) * denseStretch * k.SecondsPerLinearFlop;
        double denseGpu = denseLinear + (attention * k.DenseAttentionShare) + scan
            + (((k.ElementwisePasses * layers.DenseAll) + (f.TokensPerRank * (k.DenseQuantFixed + (k.DenseQuantSharded * f.InverseTp)))) * k.SecondsPerHbmByte);
        double denseLayer = Math.Max(denseGpu, k.LayerHost);
        double moeWeight = 0;
        double moeLinear = 0;
        double moeLayer = stage.MoeLayers > 0 ? MoeLayer(ctx, layout, layers, f, linearPasses, selective, attention, out moeWeight, out moeLinear) : 0;

        double logits = 0;
        double logitsPass = 0;
        if (stage.Last)
        {
            // The logits GEMM and each MTP depth's projection and logits (at the logits' shape), and a hybrid's MTP
            // attention scores.
            double logitsStretch = GemmShape.Stretch(k.LogitsSplitPenalty, layout.Tp, k.HiddenFactor, k.GemmHalf, tokens);
            logitsPass = tokensPerMicroBatch * (k.Logits + k.MtpLinear) * logitsStretch * k.SecondsPerLinearFlop;
            logits = (tokensPerMicroBatch * (k.Logits + k.MtpLinear) * k.LinearPasses * logitsStretch * k.SecondsPerLinearFlop) + (attention * k.MtpAttention);
        }
        compute = (dense * denseLayer) + (stage.MoeLayers * moeLayer) + logits;
        if (k.Bf16LinearSlowdown > 0)
        {
            // The recipe's BF16 layers (the model's first ones on the first stage, its last ones on the last) run their
            // GEMMs at the BF16 rate: taken as the stage's mix of dense and MoE layers.
            int bf16 = Math.Min(stage.Layers, (stage.First ? ctx.Settings.Bf16FirstLayers : 0) + (stage.Last ? ctx.Settings.Bf16LastLayers : 0));
            compute += bf16 > 0 ? bf16 * k.Bf16LinearSlowdown * ((dense * denseLinear) + (stage.MoeLayers * moeLinear)) / stage.Layers : 0;
        }

        // The weight gradient is one pass of the matmuls: of the passes (forward, input and weight gradients), all but two.
        double densePass = tokensPerMicroBatch * k.DenseLinear * denseStretch * k.SecondsPerLinearFlop;
        weightGradient = (k.LinearPasses - 2) * ((dense * densePass) + (stage.MoeLayers * moeWeight) + logitsPass);

        double perMicroBatch = f.InverseMicroBatches;
        GroupLinks links = comm.Links;
        double tpShare = ctx.Settings.OverlapCommunication ? 1 - eff.CommunicationOverlap : 1;
        double epShare = LayoutRules.OverlapsExpertCommunication(ctx.Settings, layout) ? 1 - eff.CommunicationOverlap : 1;
        double tp = Transfer(ctx, comm.TensorParallel * perMicroBatch, links.TensorParallel, stage.Layers * 2 * ctx.Costs.BlocksPerLayer, k.SecondsPerScaleUpByte, k.SecondsPerScaleOutByte) * tpShare;
        double ep = Transfer(ctx, comm.ExpertParallel * perMicroBatch, links.ExpertParallel, stage.MoeLayers * 4, k.SecondsPerExpertScaleUpByte, k.SecondsPerExpertScaleOutByte) * epShare;
        double pp = Transfer(ctx, comm.PipelineParallel * perMicroBatch, links.PipelineParallel, 2 * layout.Vp, k.SecondsPerScaleUpByte, k.SecondsPerScaleOutByte);
        // The ring's K/V exchange hides behind the attention it feeds; each of its c - 1 steps forward and backward still
        // waits for its peer (Megatron-Core's p2p ring in context_parallel attention).
        // Only attention layers exchange K/V (all of a transformer's; a hybrid's * layers).
        double cpShare = ctx.Costs.AttentionLayerShare;
        double cp = c > 1
            ? Math.Max(0, Transfer(ctx, comm.ContextParallel * perMicroBatch, links.ContextParallel, 0, k.SecondsPerScaleUpByte, k.SecondsPerScaleOutByte) - (stage.Layers * cpShare * attention))
                + Latency(ctx, links.ContextParallel, (int)Math.Ceiling(stage.Layers * cpShare) * 3 * (c - 1))
            : 0;
        exposed = tp + ep + pp + cp;
    }

    // One MoE layer's time per micro-batch: its non-routed GEMMs at the dense layer's shape, the routed experts' grouped
    // GEMMs at theirs, its attention, its memory-bound work (passes, token permutation, quantisation), and the host idle
    // of a dropless layer.
    private static double MoeLayer(CostContext ctx, in ParallelLayout layout, in LayerActivations layers, in LayoutFactors f, double linearPasses, bool selective, double attention, out double onePass, out double linearSeconds)
    {
        ref readonly TimeConstants k = ref ctx.Time;
        ref readonly ModelSpec m = ref ctx.Model;
        double tokensPerMicroBatch = f.TokensPerRank * f.InverseTp;
        double copies = f.TokensPerRank * f.InverseSp(layout.SequenceParallel) * k.CopiesPerToken;

        // A routed expert's GEMMs take the copies the EP group sends it: the EP ranks' tokens of this micro-batch (a
        // TP rank's share, as its routed FLOPs are counted) times the copies per token, over the E experts, gathered
        // over the ETP group (whose ranks each hold 1/ETP of every local expert's width).
        double perExpert = tokensPerMicroBatch * k.CopiesPerToken * layout.Ep * layout.Etp / m.Experts;
        double moeStretch = GemmShape.Stretch(k.MoeSplitPenalty, layout.Tp, k.HiddenFactor, k.GemmHalf, f.TokensPerRank);
        double routedStretch = GemmShape.Stretch(k.RoutedSplitPenalty, layout.Etp, k.RoutedWidthFactor, k.GemmHalf, perExpert);
        double pass = ((k.MoeLinear - k.MoeRouted) * moeStretch) + (k.MoeRouted * routedStretch);
        onePass = tokensPerMicroBatch * pass * k.SecondsPerLinearFlop;
        double linear = pass * linearPasses;
        double memory = (k.ElementwisePasses * layers.MoeAll) + (copies * (k.PermuteBytesPerCopy + k.RoutedQuantFixed + (k.RoutedQuantSharded / layout.Etp)))
            + (f.TokensPerRank * (k.MoeQuantFixed + (k.MoeQuantSharded * f.InverseTp)));
        double repeated = selective ? ((k.SelectiveMoe - k.SelectiveMoeRouted) * moeStretch) + (k.SelectiveMoeRouted * routedStretch) : 0;
        linearSeconds = tokensPerMicroBatch * (linear + repeated) * k.SecondsPerLinearFlop;
        double moeGpu = linearSeconds + (attention * k.MoeAttentionShare) + (memory * k.SecondsPerHbmByte);

        // An MoE layer launches its dense kernels and its router, permutation, dispatch and expert kernels; a dropless
        // layer's synchronisation drains the queue, so the GPU also waits for the host's relaunch.
        return Math.Max(moeGpu, k.LayerHost) + k.MoeHost;
    }

    /// <summary>Seconds the gradient reduction (and ZeRO gathers) of <paramref name="bytes"/> take on their link.</summary>
    internal static double DataParallelSeconds(CostContext ctx, in ParallelLayout layout, double bytes, in GroupLink link, int microBatches) =>
        Transfer(ctx, bytes, link, ModelStateMemory.ShardsEveryMicroBatch(ctx.Settings, layout.Zero, layout.Pp) ? 3 * microBatches : 2, ctx.Time.SecondsPerScaleUpByte, ctx.Time.SecondsPerScaleOutByte);

    /// <summary>The step from one micro-batch's compute and exposed communication, the DP transfer and the optimizer step.</summary>
    internal static StepTime Assemble(CostContext ctx, in ParallelLayout layout, int microBatches, double compute, double exposed, double weightGradient, double dpSeconds, double optimizerSeconds, in LayoutFactors f)
    {
        ref readonly TimeConstants k = ref ctx.Time;
        double mb = Math.Max(microBatches, 1);
        double recomputed = Recomputation.ModelShare(ctx.Settings, layout, ctx.Model.Layers);
        PipelineSchedule schedule = layout.EffectiveSchedule;
        double bubble = schedule == PipelineSchedule.OneForwardOneBackward
            ? f.StagesPerVirtualStage * (compute + exposed)
            : ScheduleBubble.Seconds(schedule, layout.Pp, layout.Vp, compute + exposed, (compute + exposed) / (k.LinearPasses + recomputed), weightGradient);

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
            k.Hardware(layout.Recompute, recomputed),
            ctx.Cluster.GpuCount,
            ctx.Settings.TokensPerStep,
            k.MfuPeak);
    }

    // A group's bytes at its links' bandwidths (a hierarchical group's scale-out share on the network, the rest on NVLink),
    // plus a fixed latency per collective on each link it uses.
    private static double Transfer(CostContext ctx, double bytes, in GroupLink link, int collectives, double upSecondsPerByte, double outSecondsPerByte)
    {
        if (link.Kind == LinkKind.None || bytes <= 0)
        {
            return 0;
        }

        double outShare = link.ScaleOutShare;
        double seconds = bytes * (((1 - outShare) * upSecondsPerByte) + (outShare * outSecondsPerByte));
        return seconds + Latency(ctx, link, collectives);
    }

    // The fixed cost of that many collectives on the links a group uses (both for a hierarchical group).
    private static double Latency(CostContext ctx, in GroupLink link, int collectives)
    {
        ref readonly EfficiencyModel eff = ref ctx.Efficiency;
        double latency = link.Kind switch
        {
            LinkKind.None => 0,
            LinkKind.ScaleUp => eff.ScaleUpLatency,
            LinkKind.ScaleOut => eff.ScaleOutLatency,
            _ => eff.ScaleUpLatency + eff.ScaleOutLatency,
        };
        return collectives * latency;
    }

    /// <summary>The optimizer step: reads and writes the owned optimizer state, gradients and weights once.</summary>
    internal static double OptimizerSeconds(CostContext ctx, in ParallelLayout layout, double dense, double experts, in LayoutFactors f)
    {
        if (ctx.Settings.Lora)
        {
            return 0;
        }

        double owned = layout.Zero >= 1 ? (dense * f.InverseDenseRanks) + (experts * f.InverseExpertRanks) : dense + experts;
        double k = OptimizerStates.BytesPerParameter(ctx.Settings.Optimizer) * (1 - ctx.Settings.OptimizerOffloadFraction);
        double g = ModelStateMemory.GradientBytes(ctx.Settings.Gradients);
        double bytes = owned * ((2 * k) + g + 2);
        return bytes * ctx.Time.SecondsPerHbmByte;
    }
}
