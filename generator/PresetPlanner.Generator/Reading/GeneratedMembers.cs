using System;
using System.Collections.Generic;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// The members each generated preset class has (<c>Presets.Models.&lt;Identifier&gt;</c> and its GPU and cluster kin, as
/// the generator's emitters write them), which its identifier must not repeat: a class may not hold a member of its
/// own name (CS0542). A generator test compiles the real presets and checks this list against what was emitted.
/// </summary>
internal static class GeneratedMembers
{
    private static readonly string[] s_common = ["Id", "Name", "Source", "Info", "Spec", "Preset"];

    private static readonly HashSet<string> s_model = With(
        "Layers", "Hidden", "Heads", "KvHeads", "HeadDim", "FfnHidden", "Vocab", "MaxSequence", "Activation", "Attention",
        "Norm", "Positions", "TiedEmbeddings", "LinearBias", "QkvBias", "Dropout", "Experts", "ActiveExperts",
        "MoeFfnHidden", "SharedExperts", "SharedExpertFfnHidden", "FirstDenseLayers", "MoeLayerInterval", "QLoraRank",
        "KvLoraRank", "QkRopeHeadDim", "VHeadDim", "StatedParameterCount", "ParameterCount", "ActiveParameterCount",
        "MoeLatentSize", "MambaLayers", "AttentionLayers", "MlpLayers", "MoeLayers", "MambaHeads", "MambaHeadDim",
        "MambaStateSize", "MambaGroups", "MambaConvKernel", "MambaChunkSize", "AttentionWindow", "ChunkedAttention",
        "GlobalAttentionInterval");

    private static readonly HashSet<string> s_gpu = With(
        "Vendor", "MemoryGiB", "MemoryBytes", "MemoryBytesPerSecond", "PeakBf16FlopsPerSecond", "PeakFp8FlopsPerSecond",
        "PeakFp4FlopsPerSecond", "BoardWatts", "ScaleUpBytesPerSecond", "ScaleUpDomain", "GpusPerServer",
        "ScaleOutBytesPerSecond", "MatmulEfficiency", "ScaleUpEfficiency", "AttentionEfficiency", "TensorClockRatio",
        "ExponentialsPerSecond");

    private static readonly HashSet<string> s_cluster = With(
        "GpuId", "GpuCount", "GpusPerNode", "ScaleUpDomain", "GpusPerDomain", "ScaleOutBytesPerSecond", "ScaleOutEfficiency", "StorageWriteBytesPerSecondPerNode");

    /// <summary>Whether the generated class of a <paramref name="kind"/> preset has a member named <paramref name="name"/>.</summary>
    public static bool Contains(PresetKind kind, string name) => kind switch
    {
        PresetKind.Model => s_model.Contains(name),
        PresetKind.Gpu => s_gpu.Contains(name),
        _ => s_cluster.Contains(name),
    };

    private static HashSet<string> With(params string[] names)
    {
        var set = new HashSet<string>(s_common, StringComparer.Ordinal);
        set.UnionWith(names);
        return set;
    }
}
