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

    public static readonly Gen<TrainingSettings> Settings =
        from seqLog in Gen.Int[9, 15]
        from batchLog in Gen.Int[0, 11]
        from fa in Gen.Bool
        from precision in Gen.Enum<ComputePrecision>()
        from grads in Gen.Enum<GradientPrecision>()
        select new TrainingSettings { SequenceLength = 1 << seqLog, GlobalBatchSize = 1 << batchLog, FlashAttention = fa, Precision = precision, Gradients = grads };

    /// <summary>Random models, clusters and settings a plan can be made of (FP8 only on GPUs that have it).</summary>
    public static readonly Gen<(ModelSpec Model, ClusterSpec Cluster, TrainingSettings Settings)> Inputs =
        Gen.Select(Model, Cluster, Settings).Select((m, c, s) => (m, c, c.Gpu.PeakFp8FlopsPerSecond > 0 ? s : s with { Precision = ComputePrecision.Bf16 }));

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
