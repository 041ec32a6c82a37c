using CsCheck;

namespace PresetPlanner.Core.Tests;

/// <summary>Random models, clusters and layouts for property tests.</summary>
internal static class Generators
{
    public static readonly Gen<ModelSpec> Model =
        from layers in Gen.Int[1, 96]
        from headsLog in Gen.Int[0, 7]
        from kvLog in Gen.Int[0, 7]
        from headDim in Gen.OneOf(64, 96, 128)
        from ffnFactor in Gen.Int[2, 5]
        from vocab in Gen.Int[1000, 260000]
        from activation in Gen.Enum<MlpActivation>()
        from moe in Gen.Bool
        from expertsLog in Gen.Int[1, 7]
        from activeLog in Gen.Int[0, 3]
        from dropout in Gen.OneOf(0.0, 0.1)
        from tied in Gen.Bool
        select Build(layers, 1 << headsLog, 1 << Math.Min(kvLog, headsLog), headDim, ffnFactor, vocab, activation, moe, 1 << expertsLog, 1 << Math.Min(activeLog, expertsLog), dropout, tied);

    public static readonly Gen<ClusterSpec> Cluster =
        from perNode in Gen.OneOf(1, 2, 4, 8, 72)
        from nodes in Gen.Int[1, 32]
        from gpu in Gen.OneOf(Presets.H100, Presets.A100, Presets.GB200, Presets.MI300X)
        select Clusters.Of(gpu, perNode * nodes, Math.Min(perNode, gpu.Spec.ScaleUpDomain));

    /// <summary>The recipe settings (recomputation modules, offloads, FSDP, uneven pipelines), random and often default.</summary>
    public static readonly Gen<TrainingSettings> Recipe =
        from modules in Gen.Int[0, (int)RecomputeModules.All]
        from full in Gen.OneOf(0, 0, 1, 3)
        from offload in Gen.OneOf(0, 0, 1, 4)
        from optimizerOffload in Gen.OneOf(0.0, 0.0, 0.5, 1.0)
        from optimizer in Gen.Enum<OptimizerKind>()
        from paramGather in Gen.Bool
        from reshard in Gen.Enum<ReshardPolicy>()
        from shard in Gen.OneOf(0, 0, 2, 8, 12)
        from first in Gen.OneOf(0, 0, 1, 3)
        from last in Gen.OneOf(0, 0, 1, 2)
        from embedding in Gen.Bool
        from loss in Gen.Bool
        select new TrainingSettings
        {
            SelectiveModules = (RecomputeModules)modules,
            FullRecomputeLayers = full,
            ActivationOffloadLayers = offload,
            OptimizerOffloadFraction = optimizerOffload,
            Optimizer = optimizer,
            Fp8ParamGather = paramGather,
            Reshard = reshard,
            ShardGroupSize = shard,
            FirstStageLayers = first,
            LastStageLayers = last,
            EmbeddingInPipelineSplit = embedding,
            LossInPipelineSplit = loss,
        };

    public static readonly Gen<TrainingSettings> Settings =
        from seqLog in Gen.Int[9, 15]
        from batchLog in Gen.Int[0, 11]
        from fa in Gen.Bool
        from precision in Gen.Enum<ComputePrecision>()
        from grads in Gen.Enum<GradientPrecision>()
        from recipe in Gen.Frequency((3, Gen.Const(new TrainingSettings())), (1, Recipe))
        select recipe with { SequenceLength = 1 << seqLog, GlobalBatchSize = 1 << batchLog, FlashAttention = fa, Precision = precision, Gradients = grads };

    /// <summary>Random models, clusters and settings a plan can be made of (each recipe on GPUs that have it, layer counts within the model).</summary>
    public static readonly Gen<(ModelSpec Model, ClusterSpec Cluster, TrainingSettings Settings)> Inputs =
        Gen.Select(Model, Cluster, Settings).Select((m, c, s) => (m, c, Admissible(m, c.Gpu, s)));

    /// <summary><paramref name="s"/> with what the model and GPU cannot take brought back within them.</summary>
    public static TrainingSettings Admissible(in ModelSpec m, in GpuSpec gpu, TrainingSettings s)
    {
        ComputePrecision p = s.Precision;
        if ((p != ComputePrecision.Bf16 && gpu.PeakFp8FlopsPerSecond <= 0) || (p is ComputePrecision.Mxfp8 or ComputePrecision.Nvfp4 && gpu.PeakFp4FlopsPerSecond <= 0))
        {
            p = gpu.PeakFp8FlopsPerSecond > 0 ? ComputePrecision.Fp8Current : ComputePrecision.Bf16;
        }

        int first = Math.Min(s.FirstStageLayers, m.Layers);
        return s with
        {
            Precision = p,
            Fp8ParamGather = s.Fp8ParamGather && p != ComputePrecision.Bf16,
            FullRecomputeLayers = Math.Min(s.FullRecomputeLayers, m.Layers),
            ActivationOffloadLayers = Math.Min(s.ActivationOffloadLayers, m.Layers),
            FirstStageLayers = first,
            LastStageLayers = Math.Min(s.LastStageLayers, m.Layers - first),
        };
    }

    /// <summary>Planning contexts of a random model, cluster (at most <paramref name="maxGpus"/> GPUs) and settings.</summary>
    public static Gen<PlanningContext> Context(int maxGpus) =>
        Inputs.Where(x => x.Cluster.GpuCount <= maxGpus).Select(x => PlanningContext.Create(x.Model, x.Cluster, x.Settings));

    public static readonly Gen<ParallelLayout> AnyLayout =
        from t in Gen.Int[1, 16]
        from p in Gen.Int[1, 16]
        from d in Gen.Int[1, 64]
        from c in Gen.Int[1, 8]
        from e in Gen.Int[1, 16]
        from v in Gen.Int[1, 4]
        from b in Gen.Int[1, 8]
        from z in Gen.Int[0, 3]
        from r in Gen.Enum<RecomputeMode>()
        from sp in Gen.Bool
        select Clusters.Layout(t, p, d, c, e, v, b, z, r, sp);

    private static ModelSpec Build(int layers, int heads, int kv, int headDim, int ffnFactor, int vocab, MlpActivation activation,
        bool moe, int experts, int active, double dropout, bool tied) => new()
        {
            Layers = layers,
            Hidden = heads * headDim,
            Heads = heads,
            KvHeads = kv,
            HeadDim = headDim,
            FfnHidden = ffnFactor * heads * headDim,
            Vocab = vocab,
            MaxSequence = 32768,
            Activation = activation,
            Attention = kv == heads ? AttentionKind.Mha : AttentionKind.Gqa,
            TiedEmbeddings = tied,
            Dropout = dropout,
            Experts = moe ? experts : 0,
            ActiveExperts = moe ? active : 0,
            MoeFfnHidden = moe ? heads * headDim : 0,
            MoeLayerInterval = 1,
        };
}
