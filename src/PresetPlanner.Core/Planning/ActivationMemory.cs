namespace PresetPlanner;

/// <summary>
/// Activation memory of one GPU, generalised from Korthikanti et al., "Reducing Activation Recomputation in Large
/// Transformer Models" (MLSys'23), section 4 and Table 2.
/// </summary>
/// <remarks>
/// Korthikanti count, per layer and micro-batch, 2-byte activations and 1-byte dropout masks of a GPT block:
/// norms 4sbh; attention 11sbh + 5as^2b (QKV input 2, Q and K 4, V 2, projection input 2, dropout mask 1; softmax 2,
/// its dropout mask 1 and output 2 per s x s score); MLP 19sbh (input 2, GELU input 8, GELU output 8, mask 1): in
/// total sbh(34 + 5as/h). Here each term keeps its origin, so the same sum generalises: K and V shrink to k x d_h
/// (GQA/MQA, replicated when k &lt; t), MLA stores its latent inputs and per-head Q, K, V; a gated MLP stores gate and
/// up outputs and their product (6 sbf) instead of GELU's 4 sbf; no dropout drops the masks; FlashAttention
/// (Dao et al. 2022) keeps the fp32 log-sum-exp (4 bytes x s b a) instead of any s x s matrix; an MoE layer stores its
/// router input and logits and, for each of the r copies of a token, the expert input and MLP activations. Tensor
/// parallelism divides the head and FFN terms by t; sequence parallelism also the rest; context parallelism divides
/// the sequence by c. Selective recomputation drops the s x s terms; full recomputation keeps only each layer's input
/// (2sbh, /t with SP) plus one layer's activations while it is recomputed. With the published assumptions (MHA, GELU
/// 4h, dropout, no FlashAttention) the sum is exactly Table 2 (tests pin every row).
/// </remarks>
internal static class ActivationMemory
{
    /// <summary>Bytes one layer keeps for one micro-batch without full recomputation.</summary>
    public static double Layer(PlanningContext ctx, in ParallelLayout layout, bool moeLayer, RecomputeMode mode)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        double s = ctx.Settings.SequenceLength;
        double t = layout.Tp;
        double sb = s * layout.MicroBatch / layout.Cp;
        double sp = layout.SequenceParallel ? t : 1;
        double h = m.Hidden;
        double mask = m.Dropout > 0 ? sb * h / sp : 0;

        double linear = LinearInputBytes(ctx.Settings);
        double norms = 4 * sb * h / sp;
        double attention = Attention(ctx, layout, sb, sp, mode) + mask;
        double mlp = moeLayer ? MoeMlp(ctx, layout, sb, sp) : DenseMlp(m, sb, sp, t, linear);
        return norms + attention + mlp + mask;

        static double DenseMlp(in ModelSpec m, double sb, double sp, double t, double linear) =>
            (linear * sb * m.Hidden / sp) + (((m.GatedMlp ? 4 : 2) + linear) * sb * m.FfnHidden / t);
    }

    /// <summary>
    /// Bytes per element of a saved linear-layer input: 2 in BF16; 1 in FP8, where Transformer Engine keeps the FP8 cast
    /// of the input for the weight-gradient GEMM.
    /// </summary>
    public static double LinearInputBytes(in TrainingSettings settings) => settings.Precision == ComputePrecision.Fp8 ? 1 : 2;

    private static double Attention(PlanningContext ctx, in ParallelLayout layout, double sb, double sp, RecomputeMode mode)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        double t = layout.Tp;
        double h = m.Hidden;
        double a = m.Heads;
        double linear = LinearInputBytes(ctx.Settings);
        double input = linear * sb * h / sp;
        double qkv;
        double projection;
        if (m.Attention == AttentionKind.Mla)
        {
            double qk = m.HeadDim + m.QkRopeHeadDim;
            input += 2 * sb * (m.QLoraRank + m.KvLoraRank + m.QkRopeHeadDim);
            qkv = 2 * sb * a * (qk + qk + m.VHeadDim) / t;
            projection = linear * sb * a * m.VHeadDim / t;
        }
        else
        {
            double kvPerRank = m.KvHeads >= t ? m.KvHeads / t : 1;
            qkv = (2 * sb * a * m.HeadDim / t) + (4 * sb * kvPerRank * m.HeadDim);
            projection = linear * sb * a * m.HeadDim / t;
        }

        double core;
        if (ctx.Settings.FlashAttention)
        {
            core = 4 * sb * a / t;
        }
        else if (mode == RecomputeMode.Selective)
        {
            core = 0;
        }
        else
        {
            // Per score element: softmax output 2 bytes, plus with dropout its 1-byte mask and 2-byte output.
            double perScore = m.Dropout > 0 ? 5 : 2;
            core = perScore * a * sb * ctx.Settings.SequenceLength / t;
        }

        return input + qkv + core + projection;
    }

    private static double MoeMlp(PlanningContext ctx, in ParallelLayout layout, double sb, double sp)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        double t = layout.Tp;
        double perWidth = m.GatedMlp ? 6 : 4;
        double router = (2 * sb * m.Hidden / sp) + (4 * sb * m.Experts / sp);
        // Each GPU holds its tokens' r routed copies; with ETP the expert input is gathered over the ETP group (etp times
        // the copies) while its FFN is split ETP ways, so the intermediate stays at the copies' width.
        double routed = sb / sp * m.ActiveExperts * ctx.Settings.ExpertCapacityFactor * ((2.0 * m.Hidden * layout.Etp) + (perWidth * m.MoeFfnHidden));
        double shared = perWidth * sb * ctx.Costs.SharedExpertWidth / t;
        return router + routed + shared;
    }

    /// <summary>Bytes a fully recomputed layer keeps per micro-batch: its input.</summary>
    public static double LayerInput(PlanningContext ctx, in ParallelLayout layout) =>
        LayerInput(ctx, layout, LayoutFactors.Of(ctx, layout, layout.MicroBatches(ctx.Settings.GlobalBatchSize)));

    private static double LayerInput(PlanningContext ctx, in ParallelLayout layout, in LayoutFactors f) =>
        2.0 * f.TokensPerRank * ctx.Model.Hidden * f.InverseSp(layout.SequenceParallel);

    /// <summary>
    /// Activation bytes of one GPU of <paramref name="stage"/> at its peak: the layers' activations times the micro-batches
    /// in flight (1F1B: min(p, m) on the first stage, 1 on the last; interleaving multiplies by 1 + (p-1)/(p v),
    /// Megatron-LM theoretical_memory_usage.py), plus token ids and embedding dropout mask on the first stage and the final norm
    /// input and fp32 logits (4 s b V / t bytes, as Megatron counts the output layer) on the last.
    /// </summary>
    public static double Stage(PlanningContext ctx, in ParallelLayout layout, StageShape stage, int microBatches) =>
        Stage(ctx, layout, stage, microBatches, LayerActivations.Of(ctx, layout));

    /// <summary><see cref="Stage(PlanningContext, in ParallelLayout, StageShape, int)"/> with the per-layer figures already computed.</summary>
    public static double Stage(PlanningContext ctx, in ParallelLayout layout, StageShape stage, int microBatches, in LayerActivations layers) =>
        Stage(ctx, layout, stage, layers, LayoutFactors.Of(ctx, layout, microBatches));

    /// <summary><see cref="Stage(PlanningContext, in ParallelLayout, StageShape, int)"/> with the degrees' factors already computed.</summary>
    internal static double Stage(PlanningContext ctx, in ParallelLayout layout, StageShape stage, in LayerActivations layers, in LayoutFactors f)
    {
        double inFlight = stage.First ? f.FirstStageInFlight : 1;

        int dense = stage.Layers - stage.MoeLayers;
        double stored;
        if (layout.Recompute == RecomputeMode.Full)
        {
            double working = stage.MoeLayers > 0 ? layers.MoeAll : layers.DenseAll;
            stored = (stage.Layers * LayerInput(ctx, layout, f) * inFlight) + working;
        }
        else
        {
            double perMicroBatch = (dense * layers.Dense) + (stage.MoeLayers * layers.Moe);
            stored = perMicroBatch * inFlight;
        }

        double sb = f.TokensPerRank;
        double perSpRank = f.InverseSp(layout.SequenceParallel);
        double h = ctx.Model.Hidden;
        if (stage.First)
        {
            // Megatron theoretical_memory_usage.py: int64 token ids (8 s b) and the embedding dropout mask (s b h) per
            // micro-batch in flight; the embedding output itself is the first layer's input, counted there.
            stored += ((8 * sb) + (ctx.Model.Dropout > 0 ? sb * h * perSpRank : 0)) * inFlight;
        }

        if (stage.Last)
        {
            stored += (2 * sb * h * perSpRank) + (4 * sb * ctx.Model.Vocab * f.InverseTp);
        }

        return stored;
    }
}
