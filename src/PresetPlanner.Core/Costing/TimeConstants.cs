using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// What the time model needs that depends only on the model, the GPU and the settings, not on the layout: FLOPs per
/// token of each layer kind, the effective peaks and the step's model and hardware FLOPs. Computed once per plan.
/// </summary>
internal readonly struct TimeConstants
{
    /// <summary>Forward matmul FLOPs per token of a dense layer.</summary>
    public readonly double DenseLinear;

    /// <summary>Forward matmul FLOPs per token of an MoE layer as executed (routed experts times the capacity factor).</summary>
    public readonly double MoeLinear;

    /// <summary>Forward FLOPs per token of the logits.</summary>
    public readonly double Logits;

    /// <summary>
    /// Forward attention-score FLOPs per token of one layer at the settings' sequence length, as executed: causal with
    /// FlashAttention (it skips the masked tiles), the whole s x s without (Megatron-LM's core attention runs two batched
    /// GEMMs over every score).
    /// </summary>
    public readonly double Attention;

    /// <summary>Seconds per token of one forward pass of one attention block (its core: scores, softmax, dropout, context).</summary>
    public readonly double AttentionForwardSeconds;

    /// <summary>
    /// Seconds per token of the backward pass of one attention block's core, beyond the memory-bound passes over its
    /// stored activations (without FlashAttention a correction to those passes, which may make it negative).
    /// </summary>
    public readonly double AttentionBackwardSeconds;

    /// <summary>Attention blocks per dense layer (<see cref="ModelCosts.AttentionPerDenseLayer"/>).</summary>
    public readonly double DenseAttentionShare;

    /// <summary>Attention blocks per MoE layer (<see cref="ModelCosts.AttentionPerMoeLayer"/>).</summary>
    public readonly double MoeAttentionShare;

    /// <summary>Forward Mamba-2 scan FLOPs per token of a dense layer: its Mamba share times <see cref="FlopCount.Scan"/>.</summary>
    public readonly double DenseScan;

    /// <summary>Dense matmul peak times its efficiency (FP8 when training in FP8 on a GPU that has it), FLOP/s.</summary>
    public readonly double LinearPeak;

    /// <summary>BF16 peak times the attention efficiency, FLOP/s.</summary>
    public readonly double AttentionPeak;

    /// <summary>The dense peak MFU is measured against, FLOP/s.</summary>
    public readonly double MfuPeak;

    /// <summary>PaLM model FLOPs of one step, all GPUs.</summary>
    public readonly double ModelFlopsPerStep;

    /// <summary>Executed FLOPs of one step without, with selective and with full recomputation, all GPUs.</summary>
    public readonly double HardwareNone;

    /// <inheritdoc cref="HardwareNone"/>
    public readonly double HardwareSelective;

    /// <inheritdoc cref="HardwareNone"/>
    public readonly double HardwareFull;

    /// <summary>Seconds per FLOP of matmuls: 1 / <see cref="LinearPeak"/> (the hot path multiplies instead of dividing).</summary>
    public readonly double SecondsPerLinearFlop;

    /// <summary>
    /// How much longer a GEMM takes at the BF16 rate than at the recipe's (0 in a BF16 recipe): what each of the recipe's
    /// BF16 layers (<see cref="TrainingSettings.Bf16FirstLayers"/>, <see cref="TrainingSettings.Bf16LastLayers"/>) adds
    /// to its matmul time. Their quantisation passes are still counted (a few percent of a layer's memory-bound work).
    /// </summary>
    public readonly double Bf16LinearSlowdown;

    /// <summary>Seconds per FLOP of attention: 1 / <see cref="AttentionPeak"/>.</summary>
    public readonly double SecondsPerAttentionFlop;

    /// <summary>Seconds per FLOP of a Mamba-2 scan: 1 / (BF16 peak x <see cref="EfficiencyModel.Scan"/>).</summary>
    public readonly double SecondsPerScanFlop;

    /// <summary>Seconds per byte of HBM traffic.</summary>
    public readonly double SecondsPerHbmByte;

    /// <summary>Seconds per byte on the scale-up link at its efficiency.</summary>
    public readonly double SecondsPerScaleUpByte;

    /// <summary>Seconds per byte on the scale-out network at its efficiency.</summary>
    public readonly double SecondsPerScaleOutByte;

    /// <summary>Seconds per byte of the MoE dispatch on the scale-up link, at the dispatcher's efficiency.</summary>
    public readonly double SecondsPerExpertScaleUpByte;

    /// <summary>Seconds per byte of the MoE dispatch on the scale-out network, at the dispatcher's efficiency.</summary>
    public readonly double SecondsPerExpertScaleOutByte;

    /// <summary>Matmul passes per micro-batch without recomputation: forward, input gradient, weight gradient (2 with LoRA's frozen weights).</summary>
    public readonly double LinearPasses;

    /// <summary>h: the GEMM dimension that halves eta_max (<see cref="EfficiencyModel.GemmHalfDimension"/>).</summary>
    public readonly double GemmHalf;

    /// <summary>
    /// 1 + h / H: the shape factor of the dimension every TP rank holds whole (the hidden size) of the attention, MLP,
    /// shared-expert, Mamba projection and logits GEMMs.
    /// </summary>
    public readonly double HiddenFactor;

    /// <summary>
    /// The TP-split dimension's shape penalty of a dense layer per unit of TP: 2 H h G / F, with G its GEMMs and F its
    /// forward FLOPs per token (<see cref="GemmShape"/>).
    /// </summary>
    public readonly double DenseSplitPenalty;

    /// <summary>The same for an MoE layer's GEMMs besides the routed experts' (attention, router, shared experts).</summary>
    public readonly double MoeSplitPenalty;

    /// <summary>The same for the logits GEMM (its vocabulary is split by TP) and the MTP depths' projections.</summary>
    public readonly double LogitsSplitPenalty;

    /// <summary>The same for a routed expert's two GEMMs per unit of ETP, with the expert width whole.</summary>
    public readonly double RoutedSplitPenalty;

    /// <summary>
    /// (1 + h / W) / the grouped GEMM's rate: the shape factor of a routed expert's whole dimension (h, or the latent
    /// size) over <see cref="EfficiencyModel.GroupedGemm"/>.
    /// </summary>
    public readonly double RoutedWidthFactor;

    /// <summary>Forward matmul FLOPs per token of an MoE layer's routed experts, as executed (times the capacity factor).</summary>
    public readonly double MoeRouted;

    /// <summary>Routed copies per token per MoE layer: the active experts times the capacity factor.</summary>
    public readonly double CopiesPerToken;

    /// <summary>L_half / s: the attention kernel's time is stretched by 1 + 2c L_half / s with CP's s / 2c-token chunks (1 + L_half / s without CP).</summary>
    public readonly double AttentionHalfOverSequence;

    /// <summary>The share of a layer's attention scores (averaged over the attention layers) that local layers compute; 0 without a window.</summary>
    public readonly double WindowScoreShare;

    /// <summary>
    /// L_half / 2k for a local layer whose queries attend to k keys on average: its kernel's key loop is as short as a
    /// causal sequence of 2k tokens, and stretches like one (FlashAttention's tiles along the window's band).
    /// </summary>
    public readonly double AttentionHalfOverWindow;

    /// <summary>Low-precision quantisation bytes per token of a dense layer not divided by TP (0 in BF16).</summary>
    public readonly double DenseQuantFixed;

    /// <summary>Low-precision quantisation bytes per token of a dense layer divided by TP.</summary>
    public readonly double DenseQuantSharded;

    /// <summary>Quantisation bytes per token of an MoE layer's attention, router and shared experts not divided by TP.</summary>
    public readonly double MoeQuantFixed;

    /// <summary>Quantisation bytes per token of an MoE layer's attention and shared experts divided by TP.</summary>
    public readonly double MoeQuantSharded;

    /// <summary>Quantisation bytes per routed copy not divided by ETP.</summary>
    public readonly double RoutedQuantFixed;

    /// <summary>Quantisation bytes per routed copy divided by ETP.</summary>
    public readonly double RoutedQuantSharded;

    /// <summary>Bytes of token permutation and un-permutation per routed copy, forward and backward (16 x the expert width: h, or the latent size).</summary>
    public readonly double PermuteBytesPerCopy;

    /// <summary>1 when selective recomputation repeats the attention core (<c>core_attn</c>), else 0.</summary>
    public readonly double SelectiveAttentionRepeat;

    /// <summary>Forward matmul FLOPs per token a selective layout repeats in a dense layer (<see cref="Recomputation.SelectiveDenseFlops"/>).</summary>
    public readonly double SelectiveDense;

    /// <summary>The same in an MoE layer (<see cref="Recomputation.SelectiveMoeFlops"/>).</summary>
    public readonly double SelectiveMoe;

    /// <summary>The routed experts' share of <see cref="SelectiveMoe"/>: all of <see cref="MoeRouted"/> with <c>moe</c> recomputation, else 0.</summary>
    public readonly double SelectiveMoeRouted;

    /// <summary>Passes over the stored activations of the memory-bound work (<see cref="EfficiencyModel.ElementwisePasses"/>).</summary>
    public readonly double ElementwisePasses;

    /// <summary>Host seconds per layer and micro-batch after CUDA graphs (<see cref="EfficiencyModel.LayerHostSeconds"/>).</summary>
    public readonly double LayerHost;

    /// <summary>The GPU's idle seconds per dropless MoE layer and micro-batch after CUDA graphs (<see cref="EfficiencyModel.MoeLayerHostSeconds"/>).</summary>
    public readonly double MoeHost;

    /// <summary>Forward matmul FLOPs per token the MTP depths add beyond their last-stage layers: projections and logits (<see cref="FlopCount.MtpExtra"/>) and a hybrid's attention projections; 0 without MTP.</summary>
    public readonly double MtpLinear;

    /// <summary>Attention blocks the MTP depths add beyond their last-stage layers: a hybrid's (whose layers hold one block each).</summary>
    public readonly double MtpAttention;

    /// <summary>Computes the constants of one plan.</summary>
    public TimeConstants(in ModelCosts costs, in ClusterSpec cluster, in TrainingSettings settings, in EfficiencyModel efficiency)
    {
        GpuSpec gpu = cluster.Gpu;
        ModelSpec m = costs.Model;
        double s = settings.SequenceLength;
        DenseLinear = FlopCount.DenseLayerLinear(costs);
        MoeLinear = FlopCount.MoeLayerLinear(costs, settings.ExpertCapacityFactor);
        Logits = FlopCount.Logits(m);
        // FlashAttention computes the causal (and windowed) scores only; Megatron-LM's unfused core computes every one.
        Attention = FlopCount.AttentionScores(m, settings.FlashAttention ? FlopCount.MeanKeys(m, s, causal: true) : s);
        DenseAttentionShare = costs.AttentionPerDenseLayer;
        MoeAttentionShare = costs.AttentionPerMoeLayer;
        DenseScan = costs.MambaPerDenseLayer * FlopCount.Scan(m);
        bool low = PrecisionBytes.IsLow(settings.Precision);
        double lowEfficiency = settings.Precision == ComputePrecision.Nvfp4 ? efficiency.Fp4Matmul : efficiency.Fp8Matmul;
        // A GPU that sustains a higher tensor clock than the part its kernel figures were measured on (GpuSpec.TensorClockRatio)
        // runs every GEMM, attention and scan kernel that much faster; MFU stays against the nominal peak.
        double clock = gpu.TensorClockRatio ?? 1;
        LinearPeak = clock * (low ? PrecisionBytes.Peak(settings.Precision, gpu) * lowEfficiency : gpu.PeakBf16FlopsPerSecond * efficiency.Matmul);
        AttentionPeak = clock * gpu.PeakBf16FlopsPerSecond * efficiency.Attention;
        SecondsPerLinearFlop = 1 / LinearPeak;
        Bf16LinearSlowdown = low ? Math.Max(0, (LinearPeak / (clock * gpu.PeakBf16FlopsPerSecond * efficiency.Matmul)) - 1) : 0;
        SecondsPerAttentionFlop = 1 / AttentionPeak;
        SecondsPerScanFlop = 1 / (clock * gpu.PeakBf16FlopsPerSecond * efficiency.Scan);
        SecondsPerHbmByte = 1 / gpu.MemoryBytesPerSecond;
        double secondsPerBf16MatmulFlop = 1 / (clock * gpu.PeakBf16FlopsPerSecond * efficiency.Matmul);
        (AttentionForwardSeconds, AttentionBackwardSeconds) = AttentionCore(m, gpu, settings, efficiency, (Attention, SecondsPerAttentionFlop, SecondsPerHbmByte, secondsPerBf16MatmulFlop, clock));
        SecondsPerScaleUpByte = 1 / (gpu.ScaleUpBytesPerSecond * efficiency.ScaleUp);
        SecondsPerScaleOutByte = 1 / (cluster.ScaleOutBytesPerSecond * efficiency.ScaleOut);
        double dispatch = settings.Dispatcher == MoeDispatcher.AllToAll ? efficiency.AllToAll : efficiency.FusedDispatch;
        // The fused kernels handle each token copy on its own (one warp per copy: its routing metadata, index and
        // probability), a fixed cost per copy; NCCL's all-to-all moves each peer's contiguous block of permuted tokens.
        double perCopy = m.Experts > 0 && settings.Dispatcher != MoeDispatcher.AllToAll ? 1 + (efficiency.DispatchHalfWidth / m.ExpertWidth) : 1;
        SecondsPerExpertScaleUpByte = perCopy / (gpu.ScaleUpBytesPerSecond * dispatch);
        SecondsPerExpertScaleOutByte = perCopy / (cluster.ScaleOutBytesPerSecond * efficiency.ExpertScaleOut);
        LinearPasses = settings.Lora ? 2 : 3;
        RecomputeModules modules = settings.SelectiveModules;
        SelectiveAttentionRepeat = (modules & RecomputeModules.CoreAttention) != 0 ? 1 : 0;
        SelectiveDense = Recomputation.SelectiveDenseFlops(costs, modules);
        SelectiveMoe = Recomputation.SelectiveMoeFlops(costs, settings.ExpertCapacityFactor, modules);
        double attentionGemms = AttentionGemms(m);
        GemmHalf = efficiency.GemmHalfDimension;
        CopiesPerToken = m.ActiveExperts * settings.ExpertCapacityFactor;
        MoeRouted = m.Experts > 0 ? 2.0 * costs.RoutedExpertParameters / m.Experts * CopiesPerToken : 0;
        SelectiveMoeRouted = (modules & RecomputeModules.Moe) != 0 ? MoeRouted : 0;
        (HiddenFactor, DenseSplitPenalty, MoeSplitPenalty, LogitsSplitPenalty, RoutedSplitPenalty, RoutedWidthFactor) =
            Shapes(costs, efficiency, GemmsPerLayer(costs, attentionGemms), (DenseLinear, MoeLinear - MoeRouted, MoeRouted, Logits), CopiesPerToken);

        // FlashAttention's tiles stretch on short sequences; the unfused GEMMs' shape is in AttentionCore.
        AttentionHalfOverSequence = settings.FlashAttention ? efficiency.AttentionHalfSequence / s : 0;
        (WindowScoreShare, AttentionHalfOverWindow) = settings.FlashAttention ? Window(m, s, efficiency.AttentionHalfSequence) : (0, 0);
        Quantisation(costs, settings, attentionGemms, out DenseQuantFixed, out DenseQuantSharded, out MoeQuantFixed, out MoeQuantSharded, out RoutedQuantFixed, out RoutedQuantSharded);
        PermuteBytesPerCopy = 16 * m.ExpertWidth;
        (LayerHost, MoeHost) = Host(costs, settings, efficiency);
        ElementwisePasses = efficiency.ElementwisePasses;
        MfuPeak = low ? PrecisionBytes.Peak(settings.Precision, gpu) : gpu.PeakBf16FlopsPerSecond;
        ModelFlopsPerStep = settings.TokensPerStep * (FlopCount.ModelPerToken(costs, s) + FlopCount.Mtp(costs, s, settings.MtpLayers));

        // MTP depths: their layers run as last-stage layers; their projection and logits, and a hybrid's MTP attention
        // (its MoE layers have none), are added here.
        int mtp = settings.MtpLayers;
        MtpAttention = mtp * costs.MtpExtraAttention;
        MtpLinear = (mtp * FlopCount.MtpExtra(m)) + (2.0 * costs.AttentionParameters * MtpAttention);
        double mtpLayer = mtp * (m.IsMoe ? MoeLinear : DenseLinear);
        double linear = ((m.Layers - costs.MoeLayers) * DenseLinear) + (costs.MoeLayers * MoeLinear) + mtpLayer;
        double attention = (costs.AttentionLayers + mtp) * Attention;
        double scan = costs.MambaLayers * FlopCount.Scan(m);
        double tokens = settings.TokensPerStep;
        double passes = LinearPasses;

        // A Mamba-2 scan runs four times (forward, its recomputation inside the fused backward, and the backward itself).
        // The MTP projections and logits, like the main logits, are not recomputed.
        double logits = Logits + MtpLinear;
        HardwareNone = tokens * ((passes * linear) + (passes * logits) + (3 * attention) + (4 * scan));
        double repeated = ((m.Layers - costs.MoeLayers) * SelectiveDense) + (costs.MoeLayers * SelectiveMoe) + (mtp * (m.IsMoe ? SelectiveMoe : SelectiveDense));
        HardwareSelective = tokens * ((passes * linear) + repeated + (passes * logits) + ((3 + SelectiveAttentionRepeat) * attention) + (4 * scan));
        HardwareFull = tokens * (((passes + 1) * linear) + (passes * logits) + (4 * attention) + (5 * scan));
    }

    // Seconds per token of one attention core's forward and extra backward work.
    // Rates: the scores' FLOPs per token, seconds per attention FLOP, per HBM byte and per BF16 matmul FLOP (both at the
    // GPU's tensor clock ratio), and that ratio.
    private static (double Forward, double Backward) AttentionCore(in ModelSpec m, in GpuSpec gpu, in TrainingSettings settings, in EfficiencyModel efficiency, (double Scores, double SecondsPerAttentionFlop, double SecondsPerHbmByte, double SecondsPerBf16Flop, double Clock) rates)
    {
        double scores = rates.Scores;
        if (settings.FlashAttention)
        {
            return FusedAttention(m, gpu, scores, rates.SecondsPerAttentionFlop, rates.Clock);
        }

        // Megatron-LM's unfused core attention (megatron/model/transformer.py, CoreAttention.forward: baddbmm,
        // FusedScaleMaskSoftmax, attention dropout, bmm): two cuBLAS batched GEMMs at the BF16 matmul rate, stretched by
        // their s x s x d shape, over every score, and each of the a x s scores per token (a / t per GPU) written and read in 2 bytes between kernels.
        // Forward per score: the QK^T output written (2), softmax read and write (4), dropout read, mask and output
        // written (5), context GEMM read (2): 13 bytes, 8 without dropout. Backward: dV's read (2), dP written (2),
        // dropout read of dP and mask and write (5), softmax read of dP and P and write (6), dQ and dK reading dS (4):
        // 19 bytes, 14 without dropout. The layer's memory-bound work already counts EfficiencyModel.ElementwisePasses
        // passes over the stored scores (5 bytes, 2 without dropout, Korthikanti et al. 2022 Table 2), so backward adds
        // the exact bytes less those: a correction that may be negative (more passes than the scores take), which keeps
        // the score traffic at its 32 (22) bytes whatever the passes are.
        bool dropout = m.Dropout > 0;
        double perScore = m.Heads * (double)settings.SequenceLength * rates.SecondsPerHbmByte;
        // Each batched GEMM is s x s x d (scores) or s x d x s (context) per head: stretched by its shape (GemmShape).
        double s = settings.SequenceLength;
        double h = efficiency.GemmHalfDimension;
        double stretch = (1 + (h / m.HeadDim)) * (1 + (h / s)) * (1 + (h / s));
        double secondsPerBf16Flop = stretch * rates.SecondsPerBf16Flop;
        return (
            (scores * secondsPerBf16Flop) + ((dropout ? 13 : 8) * perScore),
            (2 * scores * secondsPerBf16Flop) + (((dropout ? 19 : 14) - (efficiency.ElementwisePasses * (dropout ? 5 : 2))) * perScore));
    }

    // The local layers' share of the scores and their kernels' stretch (WindowScoreShare, AttentionHalfOverWindow).
    private static (double Share, double HalfOverWindow) Window(in ModelSpec m, double s, double half)
    {
        int layers = m.AttentionLayers;
        int local = m.LocalAttentionLayers;
        if (local <= 0 || layers <= 0)
        {
            return (0, 0);
        }

        double keys = FlopCount.LocalKeys(m, s, causal: true);
        double localScores = local * keys;
        return (localScores / (localScores + ((layers - local) * s / 2)), half / (2 * keys));
    }

    /// <summary>The head width the GPU's measured attention efficiency refers to: d_qk + d_v at head dimension 128.</summary>
    internal const double ReferenceHeadWidth = 256;

    /// <summary>The largest share of a reference score's time its exponentials may take, so its matmul part stays positive.</summary>
    internal const double MaxExponentialShare = 0.9;

    /// <summary>
    /// Seconds per token of one fused attention core (FlashAttention, cuDNN) forward and backward. A score costs its
    /// matmul work, 2 (d_qk + d_v) FLOPs forward and twice that backward (Dao et al. 2022, section 3.1), plus one
    /// exponential forward and one in the backward's recomputation of P, which the special-function units compute at a
    /// rate that does not grow with the head dimension (Shah et al. 2024, FlashAttention-3, section 3.1: H100 SXM5 runs
    /// 989 TFLOP/s of matmul but 3.9 T exponentials per second). The GPU's attention efficiency is measured at head
    /// dimension 128, so the matmul rate is what is left of that reference score's time after its two exponentials: a
    /// head dimension of 64 (gpt-oss) runs at a lower share of the peak, MLA's 192 + 128 at a higher one. On H100 the
    /// same split of FlashAttention-3's forward sweep predicts head dimension 64 at 489 TFLOP/s from 128's 648 (measured
    /// 497; AttentionKernelTests). Without a stated exponential rate, attention is its FLOPs over the attention peak.
    /// </summary>
    private static (double Forward, double Backward) FusedAttention(in ModelSpec m, in GpuSpec gpu, double scores, double secondsPerAttentionFlop, double clock)
    {
        double referenceScore = 3 * 2 * ReferenceHeadWidth * secondsPerAttentionFlop;
        double exponential = gpu.ExponentialsPerSecond is double rate ? Math.Min(1 / (clock * rate), MaxExponentialShare * referenceScore / 2) : 0;
        double matmulPerFlop = (referenceScore - (2 * exponential)) / (3 * 2 * ReferenceHeadWidth);
        double scoresPerToken = scores / (2 * FlopCount.HeadWidth(m));
        return ((scores * matmulPerFlop) + (scoresPerToken * exponential), (2 * scores * matmulPerFlop) + (scoresPerToken * exponential));
    }

    // The GEMM shape factors of each layer kind (GemmShape): the hidden dimension's factor, the TP-split penalties of the
    // dense layer, the MoE layer's non-routed GEMMs and the logits, and the routed experts' penalty and width factor
    // (over the grouped GEMM's rate). Flops: forward FLOPs per token of the dense layer, the MoE layer's non-routed and
    // routed GEMMs, and the logits.
    private static (double Hidden, double Dense, double Moe, double Logits, double Routed, double RoutedWidth) Shapes(
        in ModelCosts costs, in EfficiencyModel efficiency, (double Dense, double Moe) gemms, (double Dense, double Moe, double Routed, double Logits) flops, double copiesPerToken)
    {
        ModelSpec m = costs.Model;
        double h = efficiency.GemmHalfDimension;
        return (
            1 + (h / m.Hidden),
            GemmShape.SplitPenalty(m.Hidden, h, gemms.Dense, flops.Dense),
            GemmShape.SplitPenalty(m.Hidden, h, gemms.Moe, flops.Moe),
            GemmShape.SplitPenalty(m.Hidden, h, 1, flops.Logits),
            m.Experts > 0 ? GemmShape.SplitPenalty(m.ExpertWidth, h, 2 * copiesPerToken, flops.Routed) : 0,
            (1 + (h / m.ExpertWidth)) / efficiency.GroupedGemm);
    }

    // GEMMs of one attention block's projections: fused QKV and the output projection (MLA: the query down and up
    // projections, or one, the KV down and up projections and the output).
    private static double AttentionGemms(in ModelSpec m) => m.Attention == AttentionKind.Mla ? (m.QLoraRank > 0 ? 2 : 1) + 3 : 2;

    // GEMMs per layer: the attention projections, fused gate/up and down of the MLP; an MoE layer adds its router and
    // its shared experts' two (and LatentMoE's down and up projections). A hybrid's Mamba-2 block has its in and out
    // projections (the convolution and the scan are counted as work, not as GEMMs); its blocks count by their shares.
    // Without FlashAttention the core's two batched GEMMs run at the matmul rate over every score (AttentionCore).
    private static (double Dense, double Moe) GemmsPerLayer(in ModelCosts costs, double attentionGemms)
    {
        ModelSpec m = costs.Model;
        double dense = (costs.AttentionPerDenseLayer * attentionGemms) + (costs.MlpPerDenseLayer * 2) + (costs.MambaPerDenseLayer * 2);
        double moe = (costs.AttentionPerMoeLayer * attentionGemms) + 1 + (m.SharedExperts > 0 ? 2 : 0) + (m.MoeLatentSize > 0 ? 2 : 0);
        return (dense, moe);
    }

    // Each low-precision GEMM quantises its input forward and its output gradient backward: reading 2 bytes and writing
    // the quantised copy per element, K + N elements per token for a K x N weight, of which the hidden side (h) is whole
    // on every TP rank and the other (weights / h) is split by TP (or ETP). A routed copy is ExpertWidth wide: h, or
    // LatentMoE's latent size.
    private static void Quantisation(
        in ModelCosts costs,
        in TrainingSettings settings,
        double attentionGemms,
        out double denseFixed,
        out double denseSharded,
        out double moeFixed,
        out double moeSharded,
        out double routedFixed,
        out double routedSharded)
    {
        ModelSpec m = costs.Model;
        double quant = PrecisionBytes.IsLow(settings.Precision) ? 2 + PrecisionBytes.Element(settings.Precision) : 0;
        double h = m.Hidden;
        double attentionQuant = attentionGemms * h;
        denseFixed = quant * ((costs.AttentionPerDenseLayer * attentionQuant) + ((costs.MlpPerDenseLayer + costs.MambaPerDenseLayer) * 2 * h));
        denseSharded = quant * costs.DenseLayerParameters / h;
        moeFixed = quant * ((costs.AttentionPerMoeLayer * attentionQuant) + (m.SharedExperts > 0 ? 2 * h : 0));
        moeSharded = quant * costs.MoeLayerParameters / h;
        double width = m.ExpertWidth;
        routedFixed = quant * 2 * width;
        routedSharded = m.Experts > 0 ? quant * costs.RoutedExpertParameters / (double)m.Experts / width : 0;
    }

    // Host seconds per layer and per dropless MoE layer, after what CUDA graphs capture. Host time is per block launched:
    // a hybrid's single-block layer takes half a transformer layer's. Dropless dispatch learns its token counts on the
    // host; with drop-and-pad they are fixed by the capacity.
    private static (double Layer, double Moe) Host(in ModelCosts costs, in TrainingSettings settings, in EfficiencyModel efficiency)
    {
        double graphShare = settings.CudaGraphs switch
        {
            CudaGraphScope.Full => 0,
            CudaGraphScope.Partial => efficiency.PartialGraphHostShare,
            _ => 1,
        };
        return (
            efficiency.LayerHostSeconds * graphShare * (costs.BlocksPerLayer / 2.0),
            settings.DropAndPad ? 0 : efficiency.MoeLayerHostSeconds * graphShare);
    }

    /// <summary>
    /// Executed FLOPs of one step with <paramref name="mode"/>; with full recomputation of a share
    /// <paramref name="fullShare"/> of the layers (<see cref="Recomputation.ModelShare"/>), between none and full.
    /// </summary>
    public double Hardware(RecomputeMode mode, double fullShare = 1) => mode switch
    {
        RecomputeMode.None => HardwareNone,
        RecomputeMode.Selective => HardwareSelective,
        _ => HardwareNone + (fullShare * (HardwareFull - HardwareNone)),
    };
}
