using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

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
/// up outputs and their product (6 sbf) instead of GELU's 4 sbf (4 sbf with the gate and up outputs kept as FP8 copies,
/// <see cref="TrainingSettings.ActivationFuncFp8InputStore"/>); no dropout drops the masks; FlashAttention
/// (Dao et al. 2022) keeps the fp32 log-sum-exp (4 bytes x s b a) instead of any s x s matrix; an MoE layer stores its
/// router input and logits and, for each of the r copies of a token, the expert input and MLP activations. Tensor
/// parallelism divides the head and FFN terms by t; sequence parallelism also the rest; context parallelism divides
/// the sequence by c. Selective recomputation drops what its modules recompute (Megatron-Core
/// <c>--recompute-modules</c>, <see cref="RecomputeModules"/>): core_attn the s x s terms (with FlashAttention its
/// log-sum-exp), layernorm the norms' outputs (the QKV and first MLP inputs), mla_up_proj MLA's per-head Q, K and V,
/// mlp a dense MLP and moe a whole MoE layer down to their inputs, moe_act the experts' activation output,
/// shared_experts the shared experts' activations. Full recomputation keeps only each layer's input (2sbh, /t with SP)
/// plus one layer's activations while it is recomputed; with <c>--recompute-num-layers N</c> (block method) only N
/// layers per chunk. In a low-precision recipe a linear layer's saved input is its quantized copy
/// (<see cref="PrecisionBytes.LinearInput"/>). Activation offload (Megatron-Core <c>--cpu-offloading-num-layers</c>)
/// moves the offloaded layers' activations to the host and keeps one layer's worth as the transfer buffer. With the
/// published assumptions (MHA, GELU 4h, dropout, no FlashAttention) the sum is exactly Table 2 (tests pin every row).
/// A hybrid Mamba-Transformer layer holds one block behind one norm; its Mamba-2 blocks keep what mamba_ssm's fused
/// kernel saves (docs/model.md, "Hybrid Mamba-Transformer models").
/// </remarks>
internal static class ActivationMemory
{
    /// <summary>Bytes one layer keeps for one micro-batch without full recomputation.</summary>
    public static double Layer(CostContext ctx, in ParallelLayout layout, bool moeLayer, RecomputeMode mode)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        double s = ctx.Settings.SequenceLength;
        double t = layout.Tp;
        double sb = s * layout.MicroBatch / layout.Cp;
        double sp = layout.SequenceParallel ? t : 1;
        double h = m.Hidden;
        double mask = m.Dropout > 0 ? sb * h / sp : 0;
        RecomputeModules modules = mode == RecomputeMode.Selective ? ctx.Settings.SelectiveModules : RecomputeModules.None;

        ref readonly ModelCosts costs = ref ctx.Costs;
        double linear = PrecisionBytes.LinearInput(ctx.Settings.Precision);
        // Each block's pre-norm keeps its input (2 bytes): two per transformer layer, one per hybrid layer.
        double norms = costs.BlocksPerLayer * 2 * sb * h / sp;
        double attention = (Attention(ctx, layout, sb, sp, modules) + mask) * (moeLayer ? costs.AttentionPerMoeLayer : costs.AttentionPerDenseLayer);
        double mlp;
        if (moeLayer)
        {
            mlp = (modules & RecomputeModules.Moe) != 0 ? 2 * sb * h / sp : MoeMlp(ctx, layout, sb, sp, modules);
        }
        else
        {
            mlp = ((modules & RecomputeModules.Mlp) != 0 ? 2 * sb * h / sp : DenseMlp(m, sb, sp, t, linear, ActivationInputBytes(ctx), modules)) * costs.MlpPerDenseLayer;
            mlp += costs.MambaPerDenseLayer > 0 ? Mamba(m, sb, sp, t, linear, modules) * costs.MambaPerDenseLayer : 0;
        }

        // The hidden dropout after each block: the attention block's is in its term; a hybrid's MLP and Mamba blocks
        // carry theirs by their shares (a transformer's dense layer: 1 + 0).
        return norms + attention + mlp + (moeLayer ? mask : mask * (costs.MlpPerDenseLayer + costs.MambaPerDenseLayer));

        static double DenseMlp(in ModelSpec m, double sb, double sp, double t, double linear, double activationInput, RecomputeModules modules) =>
            ((modules & RecomputeModules.LayerNorm) != 0 ? 0 : linear * sb * m.Hidden / sp)
            + ((activationInput + linear) * sb * m.FfnHidden / t);
    }

    // Bytes per FFN unit the activation function keeps of its input: a gated unit's gate and up outputs (2 + 2 in BF16,
    // 1 + 1 with Megatron-Core's activation_func_fp8_input_store: fused_bias_swiglu.py saves input.to(float8_e4m3fn)),
    // a plain one's single pre-activation (2).
    private static double ActivationInputBytes(CostContext ctx) =>
        ctx.Settings.ActivationFuncFp8InputStore && ctx.Model.GatedMlp ? 2 : Bf16ActivationInputBytes(ctx.Model);

    private static double Bf16ActivationInputBytes(in ModelSpec m) => m.GatedMlp ? 4 : 2;

    // A Mamba-2 block as Megatron-Core runs it through mamba_ssm's fused mamba_split_conv1d_scan_combined
    // (state-spaces/mamba, mamba_ssm/ops/triton/ssd_combined.py, MambaSplitConv1dScanCombinedFn.forward): the input
    // projection keeps its input (the norm's output), the fused kernel saves the whole projection output z, x, B, C, dt
    // (2 bytes, split by TP) and the gated norm's fp32 reciprocal RMS per group, and recomputes the convolution and scan
    // outputs in backward (checkpoint_lvl 1, the default); the output projection keeps its d_inner input.
    private static double Mamba(in ModelSpec m, double sb, double sp, double t, double linear, RecomputeModules modules)
    {
        MambaShape s = m.Mamba;
        double input = (modules & RecomputeModules.LayerNorm) != 0 ? 0 : linear * sb * m.Hidden / sp;
        return input + (2 * sb * s.InProjection / t) + (4 * sb * s.Groups / t) + (linear * sb * s.Inner / t);
    }

    private static double Attention(CostContext ctx, in ParallelLayout layout, double sb, double sp, RecomputeModules modules)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        double t = layout.Tp;
        double h = m.Hidden;
        double a = m.Heads;
        double linear = PrecisionBytes.LinearInput(ctx.Settings.Precision);
        double input = (modules & RecomputeModules.LayerNorm) != 0 ? 0 : linear * sb * h / sp;
        double qkv;
        double projection;
        if (m.Attention == AttentionKind.Mla)
        {
            double qk = m.HeadDim + m.QkRopeHeadDim;
            input += 2 * sb * (m.QLoraRank + m.KvLoraRank + m.QkRopeHeadDim);
            qkv = (modules & RecomputeModules.MlaUpProjection) != 0 ? 0 : 2 * sb * a * (qk + qk + m.VHeadDim) / t;
            projection = linear * sb * a * m.VHeadDim / t;
        }
        else
        {
            double kvPerRank = m.KvHeads >= t ? m.KvHeads / t : 1;
            qkv = (2 * sb * a * m.HeadDim / t) + (4 * sb * kvPerRank * m.HeadDim);
            projection = linear * sb * a * m.HeadDim / t;
        }

        double core;
        if ((modules & RecomputeModules.CoreAttention) != 0)
        {
            core = 0;
        }
        else if (ctx.Settings.FlashAttention)
        {
            core = 4 * sb * a / t;
        }
        else
        {
            // Per score element: softmax output 2 bytes, plus with dropout its 1-byte mask and 2-byte output.
            double perScore = m.Dropout > 0 ? 5 : 2;
            core = perScore * a * sb * ctx.Settings.SequenceLength / t;
        }

        return input + qkv + core + projection;
    }

    private static double MoeMlp(CostContext ctx, in ParallelLayout layout, double sb, double sp, RecomputeModules modules)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        double t = layout.Tp;
        double activationInput = ActivationInputBytes(ctx);
        // The router's input is the pre-MLP norm's output (dropped with layernorm recomputation); its logits are fp32.
        double router = ((modules & RecomputeModules.LayerNorm) != 0 ? 0 : 2 * sb * m.Hidden / sp) + (4 * sb * m.Experts / sp);
        double linear = PrecisionBytes.LinearInput(ctx.Settings.Precision);
        // Each GPU holds its tokens' r routed copies; with ETP the expert input is gathered over the ETP group (etp times
        // the copies) while its FFN is split ETP ways, so the intermediate stays at the copies' width. moe_act drops the
        // activation function's output (the down projection's saved input). In a low-precision recipe both saved linear
        // inputs (the expert input and the down projection's) are the quantised copies.
        // With moe_act the activation runs inside Megatron-Core's CheckpointWithoutOutput, which saves its BF16 input (the
        // FC1 output) for the recomputation; the FP8 store inside it then saves nothing (tensor_parallel/random.py).
        double routedWidth = (modules & RecomputeModules.MoeActivation) != 0 ? Bf16ActivationInputBytes(m) : activationInput + linear;
        // LatentMoE dispatches the latent copy (ExpertWidth) and keeps the up projection's latent input once per token.
        double routed = sb / sp * m.ActiveExperts * ctx.Settings.ExpertCapacityFactor * ((linear * m.ExpertWidth * layout.Etp) + (routedWidth * m.MoeFfnHidden));
        double latent = m.MoeLatentSize > 0 ? linear * sb * m.MoeLatentSize / sp : 0;
        double shared = (modules & RecomputeModules.SharedExperts) != 0 ? 0 : (activationInput + linear) * sb * ctx.Costs.SharedExpertWidth / t;
        return router + routed + shared + latent;
    }

    /// <summary>Bytes a fully recomputed layer keeps per micro-batch: its input.</summary>
    public static double LayerInput(CostContext ctx, in ParallelLayout layout) =>
        LayerInput(ctx, layout, LayoutFactors.Of(ctx, layout, layout.MicroBatches(ctx.Settings.GlobalBatchSize)));

    private static double LayerInput(CostContext ctx, in ParallelLayout layout, in LayoutFactors f) =>
        2.0 * f.TokensPerRank * ctx.Model.Hidden * f.InverseSp(layout.SequenceParallel);

    /// <summary>
    /// Activation bytes of one GPU of <paramref name="stage"/> at its peak: the layers' activations times the micro-batches
    /// in flight (1F1B: min(p, m) on the first stage, 1 on the last; interleaving multiplies by 1 + (p-1)/(p v),
    /// Megatron-LM theoretical_memory_usage.py), plus token ids and embedding dropout mask on the first stage and the final norm
    /// input and fp32 logits (4 s b V / t bytes, as Megatron counts the output layer; once more per MTP depth) on the last.
    /// </summary>
    public static double Stage(CostContext ctx, in ParallelLayout layout, StageShape stage, int microBatches) =>
        Stage(ctx, layout, stage, microBatches, LayerActivations.Of(ctx, layout));

    /// <summary><see cref="Stage(CostContext, in ParallelLayout, StageShape, int)"/> with the per-layer figures already computed.</summary>
    public static double Stage(CostContext ctx, in ParallelLayout layout, StageShape stage, int microBatches, in LayerActivations layers) =>
        Stage(ctx, layout, stage, layers, LayoutFactors.Of(ctx, layout, microBatches));

    /// <summary><see cref="Stage(CostContext, in ParallelLayout, StageShape, int)"/> with the degrees' factors already computed.</summary>
    internal static double Stage(CostContext ctx, in ParallelLayout layout, StageShape stage, in LayerActivations layers, in LayoutFactors f)
    {
        // --recompute-num-layers counts per model chunk: v virtual chunks, and DualPipe's GPU holds two stages.
        int chunks = layout.Vp * layout.StagesPerGpu;
        double stored = Stored(ctx, layout, stage, layers, f, Recomputed(ctx, stage, chunks), Math.Min(ctx.Settings.ActivationOffloadLayers, stage.Layers), out double working);
        return stored + working;
    }

    /// <summary>
    /// The first GPU of DualPipe, ZB-V or DualPipeV, its two ends counted apart (<see cref="LayoutFrame.SplitsEnds"/>): each end is
    /// one model chunk for the block recomputation, the GPU's offloaded layers go to the embedding end first, and the GPU
    /// holds one layer's working activations, not one per end.
    /// </summary>
    internal static double Ends(CostContext ctx, in ParallelLayout layout, StageShape near, StageShape far, in LayerActivations layers, in LayoutFactors f)
    {
        int offload = ctx.Settings.ActivationOffloadLayers;
        int nearOffloaded = Math.Min(offload, near.Layers);
        double nearStored = Stored(ctx, layout, near, layers, f, Recomputed(ctx, near, 1), nearOffloaded, out double nearWorking);
        double farStored = Stored(ctx, layout, far, layers, f, Recomputed(ctx, far, 1), Math.Min(offload - nearOffloaded, far.Layers), out double farWorking);
        return nearStored + farStored + Math.Max(nearWorking, farWorking);
    }

    // Layers of the shape that full recomputation reduces to their input: all (uniform method), or N per chunk (block method).
    private static int Recomputed(CostContext ctx, in StageShape stage, int chunks)
    {
        int n = ctx.Settings.FullRecomputeLayers;
        return n == 0 ? stage.Layers : (int)Math.Min(stage.Layers, (long)n * chunks);
    }

    // What the shape stores at its peak without the working layer (given apart, so that a GPU of two counted ends holds one).
    private static double Stored(CostContext ctx, in ParallelLayout layout, in StageShape stage, in LayerActivations layers, in LayoutFactors f, int recomputed, int offloaded, out double working)
    {
        double inFlight = stage.First ? f.FirstStageInFlight : stage.Last ? f.LastStageInFlight : f.SecondStageInFlight;

        int dense = stage.Layers - stage.MoeLayers;
        double perMicroBatch = (dense * layers.Dense) + (stage.MoeLayers * layers.Moe);
        working = 0;
        if (layout.Recompute == RecomputeMode.Full)
        {
            // Block method: N layers of each chunk keep only their input, the rest keep everything.
            double whole = ((dense * layers.DenseAll) + (stage.MoeLayers * layers.MoeAll)) / Math.Max(stage.Layers, 1);
            perMicroBatch = (recomputed * LayerInput(ctx, layout, f)) + ((stage.Layers - recomputed) * whole);
            working = stage.MoeLayers > 0 ? layers.MoeAll : layers.DenseAll;
        }

        // Offloaded layers keep their share of the stored activations on the host; the layer being copied to or from
        // the host stays on the GPU.
        double onGpu = stage.Layers > 0 ? 1 - (offloaded / (double)stage.Layers) : 1;
        if (offloaded > 0)
        {
            working = Math.Max(working, perMicroBatch / stage.Layers);
        }

        double stored = perMicroBatch * onGpu * inFlight;

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
            // Each MTP depth applies the shared output layer to its own hidden states and takes its own loss (Megatron-Core
            // multi_token_prediction.py, process_mtp_loss): its fp32 logits are kept beside the main ones.
            stored += (2 * sb * h * perSpRank) + ((1 + ctx.Settings.MtpLayers) * 4 * sb * ctx.Model.Vocab * f.InverseTp);
        }

        return stored;
    }
}
