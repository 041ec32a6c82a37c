using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// Weights, gradients and optimizer state of one GPU on one pipeline stage.
/// </summary>
/// <remarks>
/// Sources: mixed-precision Adam keeps 2 bytes of BF16 weight, a gradient (Megatron-LM: fp32, 4 bytes) and K = 12 bytes
/// of fp32 master weight, momentum and variance (Rajbhandari et al., ZeRO, SC'20 section 3.1). ZeRO stage 1 shards
/// the optimizer state over the D data-parallel ranks, stage 2 also the gradients, stage 3 also the weights (ZeRO
/// section 5, Figure 1). With fp32 gradients stage 0 gives Megatron's 18 bytes per parameter and stage 1 its
/// distributed optimizer's 6 + 12/d (Megatron-LM <c>theoretical_memory_usage.py</c>). TP shards a layer's matrices by t
/// (norms are replicated), PP gives each stage its layers, the first stage the embedding and the last the output head;
/// EP x ETP split the routed experts, whose states ZeRO shards, and whose gradients are reduced, over the
/// t c d / (e ETP) expert-data-parallel ranks (Megatron-Core's MoE parallel folding); with HSDP ZeRO shards over the
/// shard group only. Low-precision recipes add their quantized weight copies (<see cref="PrecisionBytes"/>).
/// ZeRO-3/FSDP: with re-sharding after the forward pass only the two layers being gathered (one computing, one
/// prefetched) are whole; without it (FSDP2 <c>reshard_after_forward=False</c>, torchtitan's default with PP) the stage's
/// weights stay gathered through the step and, with PP, its gradients accumulate unsharded in BF16 until the last
/// micro-batch (PyTorch <c>torch.distributed.pipelining</c> disables gradient sync until the last backward). Optimizer
/// offload keeps <see cref="TrainingSettings.OptimizerOffloadFraction"/> of the optimizer state on the host (Megatron-Core
/// <c>HybridDeviceOptimizer</c>).
/// </remarks>
internal static class ModelStateMemory
{
    /// <summary>Parameters of one GPU of the stage before any ZeRO sharding: the dense part and the routed experts.</summary>
    public static void StageParameters(CostContext ctx, in ParallelLayout layout, StageShape stage, out double dense, out double experts)
    {
        ModelCosts k = ctx.Costs;
        int t = layout.Tp;
        int denseLayers = stage.Layers - stage.MoeLayers;
        dense = ((denseLayers * k.DenseLayerParameters) + (stage.MoeLayers * k.MoeLayerParameters)) / t
            + (stage.Layers * (double)k.NormParameters);
        if (stage.First)
        {
            dense += (k.WordEmbeddingParameters / (double)t) + k.PositionEmbeddingParameters;
        }

        if (stage.Last)
        {
            // Tied embeddings: with p > 1 the last stage keeps its own copy of V x h for the output layer (Megatron).
            bool headCopy = !ctx.Model.TiedEmbeddings || layout.Pp > 1;
            long finalNorm = k.OutputHeadParameters - (ctx.Model.TiedEmbeddings ? 0 : k.WordEmbeddingParameters);
            dense += (headCopy ? k.WordEmbeddingParameters / (double)t : 0) + finalNorm;

            // Each MTP depth's layer is among the stage's layers (LayoutFrame); its 2h x h projection (split by TP),
            // its two input norms and, in a hybrid, its layer's attention come on top.
            int mtp = ctx.Settings.MtpLayers;
            if (mtp > 0)
            {
                double h = ctx.Model.Hidden;
                dense += (((mtp * 2.0 * h * h) + (ctx.Time.MtpAttention * k.AttentionParameters)) / t) + (mtp * 2.0 * h);
            }
        }

        experts = stage.MoeLayers * (double)k.RoutedExpertParameters / ((double)layout.Ep * layout.Etp);
    }

    /// <summary>Bytes per parameter the gradients hold in memory.</summary>
    public static double GradientBytes(GradientPrecision precision) => precision switch
    {
        GradientPrecision.Bf16 => 2,
        GradientPrecision.Fp32WithBf16Copy => 6,
        GradientPrecision.Bf16FlattenedToFp32 => 10,
        _ => 4,
    };

    /// <summary>Bytes per parameter the gradient reduction sends.</summary>
    public static double GradientReduceBytes(GradientPrecision precision) => TrainingSettings.ReducesIn16Bits(precision) ? 2 : 4;

    /// <summary>
    /// Whether ZeRO-3 keeps the stage's weights gathered through the step (<see cref="ReshardPolicy.Never"/>, or the
    /// default with PP).
    /// </summary>
    public static bool KeepsGathered(in TrainingSettings settings, int zero, int p) =>
        zero >= 3 && (settings.Reshard == ReshardPolicy.Never || (settings.Reshard == ReshardPolicy.Default && p > 1));

    /// <summary>Whether the data-parallel traffic recurs every micro-batch: ZeRO-2, and ZeRO-3 when it re-shards.</summary>
    public static bool ShardsEveryMicroBatch(in TrainingSettings settings, int zero, int p) =>
        zero == 2 || (zero >= 3 && !KeepsGathered(settings, zero, p));

    /// <summary>Weights, gradients and optimizer state of one GPU of <paramref name="stage"/>, in bytes.</summary>
    public static void Compute(CostContext ctx, in ParallelLayout layout, StageShape stage, out double weights, out double gradients, out double optimizer)
    {
        StageParameters(ctx, layout, stage, out double dense, out double experts);
        Compute(ctx, layout, dense, experts, LayoutFactors.Of(ctx, layout, layout.MicroBatches(ctx.Settings.GlobalBatchSize)), out weights, out gradients, out optimizer);
    }

    /// <summary><see cref="Compute(CostContext, in ParallelLayout, StageShape, out double, out double, out double)"/> from the stage's parameters.</summary>
    internal static void Compute(CostContext ctx, in ParallelLayout layout, double dense, double experts, in LayoutFactors f, out double weights, out double gradients, out double optimizer)
    {
        ref readonly TrainingSettings s = ref ctx.Settings;
        double w = PrecisionBytes.Weight(s, ctx.Gpu);
        double g = GradientBytes(s.Gradients);
        double k = OptimizerStates.BytesPerParameter(s.Optimizer) * (1 - s.OptimizerOffloadFraction);
        int zero = layout.Zero;

        double sharded = (dense * f.InverseDenseRanks) + (experts * f.InverseExpertRanks);
        double whole = dense + experts;
        bool keep = KeepsGathered(s, zero, layout.Pp);
        if (zero >= 3)
        {
            // The owned shard in its storage format, plus what is gathered with its quantized copies: the whole stage,
            // or two layers (one computing, one prefetched), TP-sharded, their experts split over EP x ETP.
            ModelCosts c = ctx.Costs;
            // A hybrid's layer is one block: the largest of them.
            long largest = c.BlocksPerLayer == 2
                ? c.AttentionParameters + Math.Max(c.DenseMlpParameters, c.MoeDenseParameters)
                : Math.Max(Math.Max(c.MambaParameters, c.AttentionParameters), Math.Max(c.DenseMlpParameters, c.MoeDenseParameters));
            double layer = (largest * f.InverseTp) + (c.RoutedExpertParameters * f.InverseExpertShards);
            double gathered = keep ? whole : Math.Min(whole, 2.0 * layer);
            weights = (sharded * PrecisionBytes.Gather(s)) + (gathered * w);
        }
        else
        {
            weights = whole * w;
        }

        gradients = zero < 2 ? whole * g : keep && layout.Pp > 1 ? (sharded * g) + (whole * 2) : sharded * g;
        optimizer = (zero >= 1 ? sharded : whole) * k;
        if (s.Lora)
        {
            // Frozen base weights: no gradients and no optimizer state (the adapters' are negligible).
            (gradients, optimizer) = (0, 0);
        }
    }
}
