using PresetPlanner.Specs;

namespace PresetPlanner.Validation;

/// <summary>A figure of a model, GPU or cluster spec that <see cref="SpecValidator"/> can find at fault.</summary>
public enum SpecField
{
    /// <summary><see cref="ModelSpec.Layers"/>.</summary>
    Layers,

    /// <summary><see cref="ModelSpec.Hidden"/>.</summary>
    Hidden,

    /// <summary><see cref="ModelSpec.Heads"/>.</summary>
    Heads,

    /// <summary><see cref="ModelSpec.KvHeads"/>.</summary>
    KvHeads,

    /// <summary><see cref="ModelSpec.HeadDim"/>.</summary>
    HeadDim,

    /// <summary><see cref="ModelSpec.FfnHidden"/>.</summary>
    FfnHidden,

    /// <summary><see cref="ModelSpec.Vocab"/>.</summary>
    Vocab,

    /// <summary><see cref="ModelSpec.MaxSequence"/>.</summary>
    MaxSequence,

    /// <summary><see cref="ModelSpec.Activation"/>.</summary>
    Activation,

    /// <summary><see cref="ModelSpec.Attention"/>.</summary>
    Attention,

    /// <summary><see cref="ModelSpec.Norm"/>.</summary>
    Norm,

    /// <summary><see cref="ModelSpec.Positions"/>.</summary>
    Positions,

    /// <summary><see cref="ModelSpec.Dropout"/>.</summary>
    Dropout,

    /// <summary><see cref="ModelSpec.StatedParameters"/>.</summary>
    StatedParameters,

    /// <summary><see cref="ModelSpec.Experts"/>.</summary>
    Experts,

    /// <summary><see cref="ModelSpec.ActiveExperts"/>.</summary>
    ActiveExperts,

    /// <summary><see cref="ModelSpec.MoeFfnHidden"/>.</summary>
    MoeFfnHidden,

    /// <summary><see cref="ModelSpec.SharedExperts"/>.</summary>
    SharedExperts,

    /// <summary><see cref="ModelSpec.SharedExpertFfnHidden"/>.</summary>
    SharedExpertFfnHidden,

    /// <summary><see cref="ModelSpec.FirstDenseLayers"/>.</summary>
    FirstDenseLayers,

    /// <summary><see cref="ModelSpec.MoeLayerInterval"/>.</summary>
    MoeLayerInterval,

    /// <summary><see cref="ModelSpec.QLoraRank"/>.</summary>
    QLoraRank,

    /// <summary><see cref="ModelSpec.KvLoraRank"/>.</summary>
    KvLoraRank,

    /// <summary><see cref="ModelSpec.QkRopeHeadDim"/>.</summary>
    QkRopeHeadDim,

    /// <summary><see cref="ModelSpec.VHeadDim"/>.</summary>
    VHeadDim,

    /// <summary><see cref="ModelSpec.AttentionWindow"/>.</summary>
    AttentionWindow,

    /// <summary><see cref="ModelSpec.GlobalAttentionInterval"/>.</summary>
    GlobalAttentionInterval,

    /// <summary><see cref="ModelSpec.MoeLatentSize"/>.</summary>
    MoeLatentSize,

    /// <summary><see cref="ModelSpec.Hybrid"/>: the layer pattern of a hybrid Mamba-Transformer model.</summary>
    HybridPattern,

    /// <summary><see cref="MambaShape.Heads"/>.</summary>
    MambaHeads,

    /// <summary><see cref="MambaShape.HeadDim"/>.</summary>
    MambaHeadDim,

    /// <summary><see cref="MambaShape.StateSize"/>.</summary>
    MambaStateSize,

    /// <summary><see cref="MambaShape.Groups"/>.</summary>
    MambaGroups,

    /// <summary><see cref="MambaShape.ConvKernel"/>.</summary>
    MambaConvKernel,

    /// <summary><see cref="MambaShape.ChunkSize"/>.</summary>
    MambaChunkSize,

    /// <summary><see cref="GpuSpec.MemoryBytes"/>.</summary>
    MemoryBytes,

    /// <summary><see cref="GpuSpec.MemoryBytesPerSecond"/>.</summary>
    MemoryBytesPerSecond,

    /// <summary><see cref="GpuSpec.PeakBf16FlopsPerSecond"/>.</summary>
    PeakBf16FlopsPerSecond,

    /// <summary><see cref="GpuSpec.PeakFp8FlopsPerSecond"/>.</summary>
    PeakFp8FlopsPerSecond,

    /// <summary><see cref="GpuSpec.PeakFp4FlopsPerSecond"/>.</summary>
    PeakFp4FlopsPerSecond,

    /// <summary><see cref="GpuSpec.BoardWatts"/>.</summary>
    BoardWatts,

    /// <summary><see cref="GpuSpec.ScaleUpBytesPerSecond"/>.</summary>
    ScaleUpBytesPerSecond,

    /// <summary><see cref="GpuSpec.ScaleUpDomain"/>.</summary>
    ScaleUpDomain,

    /// <summary><see cref="GpuSpec.GpusPerServer"/>.</summary>
    GpusPerServer,

    /// <summary><see cref="GpuSpec.ScaleOutBytesPerSecond"/> (a GPU's typical network).</summary>
    GpuScaleOutBytesPerSecond,

    /// <summary><see cref="GpuSpec.MatmulEfficiency"/>.</summary>
    MatmulEfficiency,

    /// <summary><see cref="GpuSpec.AttentionEfficiency"/>.</summary>
    AttentionEfficiency,

    /// <summary><see cref="GpuSpec.ScaleUpEfficiency"/>.</summary>
    ScaleUpEfficiency,

    /// <summary><see cref="GpuSpec.TensorClockRatio"/>.</summary>
    TensorClockRatio,

    /// <summary><see cref="GpuSpec.ExponentialsPerSecond"/>.</summary>
    ExponentialsPerSecond,

    /// <summary><see cref="ClusterSpec.GpuCount"/>.</summary>
    GpuCount,

    /// <summary><see cref="ClusterSpec.GpusPerNode"/>.</summary>
    GpusPerNode,

    /// <summary><see cref="ClusterSpec.ScaleUpDomain"/> (the cluster's NVLink domain).</summary>
    ClusterScaleUpDomain,

    /// <summary><see cref="ClusterSpec.GpusPerDomain"/>.</summary>
    GpusPerDomain,

    /// <summary><see cref="ClusterSpec.ScaleOutBytesPerSecond"/> (the cluster's network).</summary>
    ScaleOutBytesPerSecond,

    /// <summary><see cref="ClusterSpec.ScaleOutEfficiency"/>.</summary>
    ScaleOutEfficiency,

    /// <summary><see cref="ClusterSpec.StorageWriteBytesPerSecondPerNode"/> (the cluster's checkpoint storage).</summary>
    StorageWriteBytesPerSecond,
}
