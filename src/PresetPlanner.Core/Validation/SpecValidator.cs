using System.Globalization;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Validation;

/// <summary>
/// The one set of rules a model, GPU or cluster spec must satisfy before anything is computed from it: ranges that
/// keep every count, byte and second finite and within the types that hold them, consistency between figures, and
/// plausibility warnings. Compiled into the preset generator too, so a preset file, a command-line model and a spec
/// built in code are held to the same rules (problems go into a <c>List</c>, named in full because the generator has no
/// implicit usings); <see cref="Planning.PlanningContext.Create(in ModelPreset, in ClusterPreset, in Settings.TrainingSettings)"/>
/// throws on the first error.
/// </summary>
public static class SpecValidator
{
    /// <summary>Largest model accepted, in parameters: far above any model, low enough that no count overflows.</summary>
    public const double MaxParameters = 1e16;

    /// <summary>Largest cluster accepted, in GPUs (every count below it has fewer than 512 divisors).</summary>
    public const int MaxGpus = 10_000_000;

    /// <summary>Adds the problems of <paramref name="m"/> to <paramref name="problems"/>.</summary>
    public static void Check(in ModelSpec m, System.Collections.Generic.List<SpecProblem> problems)
    {
        int before = problems.Count;
        Int(problems, SpecField.Layers, m.Layers, 1, 100_000, 1_000, "no published model has more than a few hundred layers");
        Int(problems, SpecField.Hidden, m.Hidden, 1, 1 << 20, 262_144, "hidden sizes stay below 64K in published models");
        Int(problems, SpecField.Heads, m.Heads, 1, 1 << 16, 2_048, "more query heads than any published model");
        Int(problems, SpecField.KvHeads, m.KvHeads, 1, 1 << 16, int.MaxValue, string.Empty);
        Int(problems, SpecField.HeadDim, m.HeadDim, 1, 1 << 16, 1_024, "head dimensions stay at or below 256 in published models");
        Int(problems, SpecField.FfnHidden, m.FfnHidden, 1, 1 << 24, 1 << 20, "FFN sizes stay below 1M in published models");
        Int(problems, SpecField.Vocab, m.Vocab, 1, 1 << 24, 4_000_000, "vocabularies stay below 1M tokens in published models");
        Int(problems, SpecField.MaxSequence, m.MaxSequence, 1, 1 << 30, 100_000_000, "longer than any published context");
        Enum(problems, SpecField.Activation, (int)m.Activation, 5);
        Enum(problems, SpecField.Attention, (int)m.Attention, 4);
        Enum(problems, SpecField.Norm, (int)m.Norm, 2);
        Enum(problems, SpecField.Positions, (int)m.Positions, 3);
        if (!(m.Dropout >= 0 && m.Dropout < 1))
        {
            Range(problems, SpecField.Dropout, m.Dropout, "a probability from 0 to below 1");
        }
        else if (m.Dropout > 0.5)
        {
            problems.Add(new SpecProblem(SpecField.Dropout, ProblemKind.Implausible, Text(m.Dropout), "dropout above 0.5 would not train"));
        }

        if (m.StatedParameters != 0 && (m.StatedParameters < 1_000_000 || m.StatedParameters > MaxParameters))
        {
            Range(problems, SpecField.StatedParameters, m.StatedParameters, "0 (not stated) or from 1e6 to 1e16");
        }

        CheckExperts(m, problems);
        CheckAttention(m, problems);
        CheckHybrid(m, problems);
        // Only a shape whose every figure is in range can be sized without overflowing; warnings do not stop it.
        bool inRange = true;
        for (int i = before; i < problems.Count; i++)
        {
            inRange &= !problems[i].IsError;
        }

        if (inRange)
        {
            CheckSize(m, problems);
        }
    }

    /// <summary>
    /// Adds the problems of <paramref name="g"/> to <paramref name="problems"/>. Every figure must lie between half an
    /// NVIDIA L4's (24 GB, 300 GB/s, 121 TFLOP/s dense BF16, PCIe) and ten times a GB300's (288 GB, 8 TB/s, 2.5 PFLOP/s
    /// dense BF16, 15 PFLOP/s dense FP4, 900 GB/s NVLink per direction, 800 Gb/s of NIC): outside it a figure is a typo or
    /// a unit slip, and a vanishing one (1e-308 TFLOP/s) would make every step time infinite.
    /// </summary>
    public static void Check(in GpuSpec g, System.Collections.Generic.List<SpecProblem> problems)
    {
        Real(problems, SpecField.MemoryBytes, g.MemoryBytes, 8L << 30, 4096L << 30, "GiB", 1073741824.0);
        Real(problems, SpecField.MemoryBytesPerSecond, g.MemoryBytesPerSecond, 0.1e12, 80e12, "TB/s", 1e12);
        Real(problems, SpecField.PeakBf16FlopsPerSecond, g.PeakBf16FlopsPerSecond, 50e12, 25e15, "TFLOP/s", 1e12);
        if (g.PeakFp8FlopsPerSecond != 0)
        {
            Real(problems, SpecField.PeakFp8FlopsPerSecond, g.PeakFp8FlopsPerSecond, 50e12, 50e15, "TFLOP/s", 1e12);
        }

        if (g.PeakFp4FlopsPerSecond != 0)
        {
            Real(problems, SpecField.PeakFp4FlopsPerSecond, g.PeakFp4FlopsPerSecond, 50e12, 150e15, "TFLOP/s", 1e12);
        }

        if (g.BoardWatts != 0)
        {
            Real(problems, SpecField.BoardWatts, g.BoardWatts, 30, 15_000, "W", 1);
        }

        Real(problems, SpecField.ScaleUpBytesPerSecond, g.ScaleUpBytesPerSecond, 8e9, 9e12, "GB/s", 1e9);
        Int(problems, SpecField.ScaleUpDomain, g.ScaleUpDomain, 1, MaxGpus, 100_000, "larger than any scale-up fabric");
        Int(problems, SpecField.GpusPerServer, g.GpusPerServer, 0, MaxGpus, 64, "servers hold 4 to 16 GPUs");
        Real(problems, SpecField.GpuScaleOutBytesPerSecond, g.ScaleOutBytesPerSecond, 1e9, 1e12, "GB/s", 1e9);
        Efficiency(problems, SpecField.MatmulEfficiency, g.MatmulEfficiency);
        Efficiency(problems, SpecField.AttentionEfficiency, g.AttentionEfficiency);
        Efficiency(problems, SpecField.ScaleUpEfficiency, g.ScaleUpEfficiency);
        if (g.TensorClockRatio is double clock)
        {
            // Half to twice the reference part's sustained throughput: beyond either, the figures are another GPU's.
            Real(problems, SpecField.TensorClockRatio, clock, 0.5, 2, "times the reference part's throughput", 1);
        }

        if (g.ExponentialsPerSecond is double exponentials)
        {
            // Today's parts compute 2.4 (A100) to 10.7 (Blackwell Ultra) tera-exponentials per second; a figure outside
            // 0.1 to 100 T is in another unit or another device's.
            Real(problems, SpecField.ExponentialsPerSecond, exponentials, 0.1e12, 100e12, "tera-exponentials per second", 1e12);
        }
    }

    /// <summary>Adds the problems of <paramref name="c"/> and of its GPU to <paramref name="problems"/>.</summary>
    public static void Check(in ClusterSpec c, System.Collections.Generic.List<SpecProblem> problems)
    {
        Check(c.Gpu, problems);
        CheckOwn(c, problems);
        CheckDomain(c.GpusPerNode, c.GpusPerDomain, c.Domain, problems);
    }

    /// <summary>Adds the problems of <paramref name="c"/>'s own figures (its GPU aside) to <paramref name="problems"/>.</summary>
    public static void CheckOwn(in ClusterSpec c, System.Collections.Generic.List<SpecProblem> problems)
    {
        Int(problems, SpecField.GpuCount, c.GpuCount, 1, MaxGpus, int.MaxValue, string.Empty);
        Int(problems, SpecField.GpusPerNode, c.GpusPerNode, 1, MaxGpus, int.MaxValue, string.Empty);
        Int(problems, SpecField.ClusterScaleUpDomain, c.ScaleUpDomain, 0, MaxGpus, 100_000, "larger than any scale-up fabric");
        Int(problems, SpecField.GpusPerDomain, c.GpusPerDomain, 0, MaxGpus, int.MaxValue, string.Empty);
        Real(problems, SpecField.ScaleOutBytesPerSecond, c.ScaleOutBytesPerSecond, 1e9, 1e12, "GB/s", 1e9);
        Efficiency(problems, SpecField.ScaleOutEfficiency, c.ScaleOutEfficiency);
        if (c.StorageWriteBytesPerSecondPerNode is double storage)
        {
            // 10 MB/s to 10 TB/s per server: from a slow NFS share to far beyond any storage fabric's share.
            Real(problems, SpecField.StorageWriteBytesPerSecond, storage, 1e7, 1e13, "GB/s", 1e9);
        }

        CheckNodes(c.GpuCount, c.GpusPerNode, c.GpusPerDomain, problems);
    }

    /// <summary>
    /// A job is part of one server, or a whole number of servers; a stated share of each domain divides the job into
    /// equal shares of whole servers.
    /// </summary>
    public static void CheckNodes(int gpuCount, int gpusPerNode, int gpusPerDomain, System.Collections.Generic.List<SpecProblem> problems)
    {
        if (gpuCount > gpusPerNode && gpusPerNode >= 1 && gpuCount % gpusPerNode != 0)
        {
            Inconsistent(problems, SpecField.GpusPerNode, $"gpusPerNode ({I(gpusPerNode)}) does not divide gpuCount ({I(gpuCount)})", "a job is part of one server or a whole number of servers; correct either value");
        }

        if (gpusPerDomain >= 1 && gpuCount >= 1 && gpuCount % gpusPerDomain != 0)
        {
            Inconsistent(problems, SpecField.GpusPerDomain, $"gpusPerDomain ({I(gpusPerDomain)}) does not divide gpuCount ({I(gpuCount)})", "each domain holds an equal share of the job; correct either value");
        }
        else if (gpusPerDomain > gpusPerNode && gpusPerNode >= 1 && gpusPerDomain % gpusPerNode != 0)
        {
            Inconsistent(problems, SpecField.GpusPerDomain, $"gpusPerDomain ({I(gpusPerDomain)}) is not a whole number of servers of {I(gpusPerNode)}", "a share of a domain is made of whole servers; correct either value");
        }
    }

    /// <summary>A server, and a job's share of a domain, lie inside one NVLink domain of <paramref name="domain"/> GPUs.</summary>
    public static void CheckDomain(int gpusPerNode, int gpusPerDomain, int domain, System.Collections.Generic.List<SpecProblem> problems)
    {
        if (domain >= 1 && gpusPerNode > domain)
        {
            Inconsistent(problems, SpecField.GpusPerNode, $"gpusPerNode ({I(gpusPerNode)}) exceeds the NVLink domain ({I(domain)}) of the GPU", "a server lies inside one NVLink domain; lower gpusPerNode or state the cluster's nvlinkDomain");
        }

        if (domain >= 1 && gpusPerDomain > domain)
        {
            Inconsistent(problems, SpecField.GpusPerDomain, $"gpusPerDomain ({I(gpusPerDomain)}) exceeds the NVLink domain ({I(domain)})", "a job's share of a domain fits in it; lower gpusPerDomain");
        }
    }

    private static void CheckExperts(in ModelSpec m, System.Collections.Generic.List<SpecProblem> problems)
    {
        if (m.Experts == 0)
        {
            if (m.ActiveExperts != 0 || m.MoeFfnHidden != 0 || m.SharedExperts != 0 || m.SharedExpertFfnHidden != 0 || m.FirstDenseLayers != 0 || m.MoeLatentSize != 0)
            {
                Inconsistent(problems, SpecField.ActiveExperts, "active experts, an expert FFN size, shared experts or leading dense layers are given without experts", "give the number of routed experts, or drop the MoE figures");
            }

            return;
        }

        Int(problems, SpecField.Experts, m.Experts, 1, 1 << 16, 4_096, "more experts than any published model");
        Int(problems, SpecField.ActiveExperts, m.ActiveExperts, 1, 1 << 16, int.MaxValue, string.Empty);
        Int(problems, SpecField.MoeFfnHidden, m.MoeFfnHidden, 1, 1 << 24, 1 << 20, "expert FFN sizes stay below 1M in published models");
        Int(problems, SpecField.SharedExperts, m.SharedExperts, 0, 1 << 10, int.MaxValue, string.Empty);
        Int(problems, SpecField.SharedExpertFfnHidden, m.SharedExpertFfnHidden, 0, 1 << 24, int.MaxValue, string.Empty);
        Int(problems, SpecField.FirstDenseLayers, m.FirstDenseLayers, 0, 100_000, int.MaxValue, string.Empty);
        Int(problems, SpecField.MoeLayerInterval, m.MoeLayerInterval, 1, 100_000, int.MaxValue, string.Empty);
        Int(problems, SpecField.MoeLatentSize, m.MoeLatentSize, 0, 1 << 20, m.Hidden >= 1 ? m.Hidden : int.MaxValue, "a latent width above the hidden size defeats LatentMoE's purpose (published ones are a quarter of it)");
        if (m.ActiveExperts > m.Experts)
        {
            Inconsistent(problems, SpecField.ActiveExperts, $"activeExperts ({I(m.ActiveExperts)}) exceed experts ({I(m.Experts)})", "a token cannot be routed to more experts than exist");
        }

        if (m.Layers >= 1 && m.FirstDenseLayers >= m.Layers)
        {
            Inconsistent(problems, SpecField.FirstDenseLayers, $"firstDenseLayers ({I(m.FirstDenseLayers)}) leave no MoE layer among {I(m.Layers)} layers", "lower firstDenseLayers or drop the experts");
        }
    }

    private static void CheckAttention(in ModelSpec m, System.Collections.Generic.List<SpecProblem> problems)
    {
        if (m.Heads >= 1 && m.KvHeads >= 1 && (m.KvHeads > m.Heads || m.Heads % m.KvHeads != 0))
        {
            Inconsistent(problems, SpecField.KvHeads, $"kvHeads ({I(m.KvHeads)}) do not divide heads ({I(m.Heads)})", "each KV head must serve the same number of query heads");
        }

        bool mla = m.QLoraRank != 0 || m.KvLoraRank != 0 || m.QkRopeHeadDim != 0 || m.VHeadDim != 0;
        string? conflict = m.Attention switch
        {
            AttentionKind.Mha when m.KvHeads != m.Heads => $"attention 'mha' needs kvHeads = heads ({I(m.Heads)}), not {I(m.KvHeads)}",
            AttentionKind.Mqa when m.KvHeads != 1 => $"attention 'mqa' needs kvHeads = 1, not {I(m.KvHeads)}",
            AttentionKind.Mla when m.KvLoraRank < 1 || m.QkRopeHeadDim < 1 || m.VHeadDim < 1 => "attention 'mla' needs its low-rank dimensions (kvLoraRank, qkRopeHeadDim and vHeadDim of at least 1)",
            AttentionKind.Gqa or AttentionKind.Mha or AttentionKind.Mqa when mla => $"low-rank (MLA) dimensions are given but attention is '{Spelling.Of(m.Attention)}'",
            _ => null,
        };
        if (conflict is not null)
        {
            Inconsistent(problems, SpecField.Attention, conflict, "make attention, kvHeads and the MLA dimensions agree");
        }

        if (m.Attention == AttentionKind.Mla)
        {
            Int(problems, SpecField.QLoraRank, m.QLoraRank, 0, 1 << 20, int.MaxValue, string.Empty);
            Int(problems, SpecField.KvLoraRank, m.KvLoraRank, 1, 1 << 20, int.MaxValue, string.Empty);
            Int(problems, SpecField.QkRopeHeadDim, m.QkRopeHeadDim, 1, 1 << 16, int.MaxValue, string.Empty);
            Int(problems, SpecField.VHeadDim, m.VHeadDim, 1, 1 << 16, int.MaxValue, string.Empty);
        }

        // Local attention: published windows run from 128 (gpt-oss) to 8,192 tokens (Llama 4's chunks).
        Int(problems, SpecField.AttentionWindow, m.AttentionWindow, 0, 1 << 30, int.MaxValue, string.Empty);
        Int(problems, SpecField.GlobalAttentionInterval, m.GlobalAttentionInterval, 0, 100_000, int.MaxValue, string.Empty);
        if (m.AttentionWindow == 0 && (m.GlobalAttentionInterval != 0 || m.ChunkedAttention))
        {
            Inconsistent(problems, SpecField.AttentionWindow, "a global-layer interval or chunked attention is given without a window", "state the window's size, or drop the other window fields");
        }
        else if (m.AttentionWindow > 0 && m.GlobalAttentionInterval == 1)
        {
            Inconsistent(problems, SpecField.GlobalAttentionInterval, "globalEvery 1 makes every layer global, so the window is never used", "drop the window, or give the interval of the global layers (2 or more)");
        }
    }

    // A hybrid's pattern counts make up its layers and decide its MoE layers; its Mamba-2 mixer is given exactly when it
    // has Mamba layers, and Megatron-Core's mixer needs the heads to split into whole groups.
    private static void CheckHybrid(in ModelSpec m, System.Collections.Generic.List<SpecProblem> problems)
    {
        HybridLayers k = m.Hybrid;
        MambaShape s = m.Mamba;
        bool mambaGiven = s != default;
        if (!k.IsHybrid)
        {
            if (mambaGiven)
            {
                Inconsistent(problems, SpecField.HybridPattern, "a Mamba-2 mixer is given without a hybrid layer pattern", "give the pattern of M, *, - and E layers, or drop the Mamba figures");
            }

            return;
        }

        if (k.Mamba < 0 || k.Attention < 0 || k.Mlp < 0 || k.Moe < 0 || k.Total != m.Layers)
        {
            Inconsistent(problems, SpecField.HybridPattern, $"the pattern has {I(k.Total)} layers but layers is {I(m.Layers)}", "make layers the length of the pattern");
        }

        if ((k.Moe > 0) != (m.Experts > 0))
        {
            Inconsistent(problems, SpecField.HybridPattern, k.Moe > 0 ? $"the pattern has {I(k.Moe)} MoE (E) layers but no experts are given" : "experts are given but the pattern has no MoE (E) layer", "make the pattern's E layers and the experts agree");
        }

        if (m.FirstDenseLayers != 0 || m.MoeLayerInterval > 1)
        {
            Inconsistent(problems, SpecField.FirstDenseLayers, "firstDenseLayers or layerInterval place the MoE layers of a hybrid model", "the pattern places them: drop firstDenseLayers and layerInterval");
        }

        if (k.Mamba == 0)
        {
            if (mambaGiven)
            {
                Inconsistent(problems, SpecField.HybridPattern, "a Mamba-2 mixer is given but the pattern has no M layer", "drop the Mamba figures or add M layers");
            }

            return;
        }

        Int(problems, SpecField.MambaHeads, s.Heads, 1, 1 << 16, 4_096, "more SSM heads than any published model");
        Int(problems, SpecField.MambaHeadDim, s.HeadDim, 1, 1 << 12, 512, "SSM head dimensions stay at or below 128 in published models");
        Int(problems, SpecField.MambaStateSize, s.StateSize, 1, 1 << 12, 1_024, "SSM states stay at or below 256 in published models");
        Int(problems, SpecField.MambaGroups, s.Groups, 1, 1 << 16, int.MaxValue, string.Empty);
        Int(problems, SpecField.MambaConvKernel, s.ConvKernel, 1, 64, 16, "convolution widths stay at 4 in published models");
        Int(problems, SpecField.MambaChunkSize, s.ChunkSize, 1, 1 << 16, int.MaxValue, string.Empty);
        if (s.Heads >= 1 && s.Groups >= 1 && s.Heads % s.Groups != 0)
        {
            Inconsistent(problems, SpecField.MambaGroups, $"groups ({I(s.Groups)}) do not divide the SSM heads ({I(s.Heads)})", "each group of B and C serves the same number of heads");
        }
    }

    // Every figure is in range here, so each layer's count fits a long; the whole model is summed in double first.
    private static void CheckSize(in ModelSpec m, System.Collections.Generic.List<SpecProblem> problems)
    {
        if (m.IsHybrid)
        {
            // Every block's count fits a long here; the layers are summed in double.
            double blocks = (m.Hybrid.Mamba * (double)ParameterCount.Mamba(m)) + (m.Hybrid.Attention * (double)ParameterCount.Attention(m)) + (m.Hybrid.Mlp * (double)ParameterCount.Mlp(m, m.FfnHidden))
                + (m.Hybrid.Moe * (m.IsMoe ? ((double)ParameterCount.Expert(m) * m.Experts) + ParameterCount.MoeDensePart(m) : 0));
            if (blocks + (2.0 * m.Vocab * m.Hidden) > MaxParameters)
            {
                Inconsistent(problems, SpecField.Layers, $"the shape has about {blocks.ToString("0.0e0", CultureInfo.InvariantCulture)} parameters", "the planner takes models of up to 1e16 parameters; check layers, hidden, the Mamba figures and experts");
            }

            return;
        }

        double denseLayer = ParameterCount.Attention(m) + (double)ParameterCount.Mlp(m, m.FfnHidden) + ParameterCount.LayerNorms(m);
        double moeLayer = m.IsMoe ? ParameterCount.Attention(m) + (double)ParameterCount.Expert(m) * m.Experts + ParameterCount.MoeDensePart(m) + ParameterCount.LayerNorms(m) : 0;
        double total = ((m.Layers - m.MoeLayers) * denseLayer) + (m.MoeLayers * moeLayer) + (2.0 * m.Vocab * m.Hidden) + ((double)m.MaxSequence * m.Hidden);
        if (total > MaxParameters)
        {
            Inconsistent(problems, SpecField.Layers, $"the shape has about {total.ToString("0.0e0", CultureInfo.InvariantCulture)} parameters", "the planner takes models of up to 1e16 parameters; check layers, hidden, FFN, vocabulary and experts");
        }
    }

    private static void Int(System.Collections.Generic.List<SpecProblem> problems, SpecField field, long value, long min, long max, long plausible, string why)
    {
        if (value < min || value > max)
        {
            string requirement = min == 1 && max == long.MaxValue ? "a positive integer" : $"an integer from {I(min)} to {I(max)}";
            problems.Add(new SpecProblem(field, ProblemKind.OutOfRange, I(value), requirement));
        }
        else if (value > plausible)
        {
            problems.Add(new SpecProblem(field, ProblemKind.Implausible, I(value), why));
        }
    }

    // A figure in core units (bytes, bytes/s, FLOP/s, W) checked finite and from min to max; messages in the preset's unit.
    private static void Real(System.Collections.Generic.List<SpecProblem> problems, SpecField field, double value, double min, double max, string unit, double scale)
    {
        if (!(value >= min && value <= max))
        {
            Range(problems, field, value / scale, $"from {Text(min / scale)} to {Text(max / scale)} {unit}");
        }
    }

    /// <summary>Smallest efficiency accepted: below 1% a link or a GEMM is not working, and its time would not be finite.</summary>
    public const double MinEfficiency = 0.01;

    private static void Efficiency(System.Collections.Generic.List<SpecProblem> problems, SpecField field, double? value)
    {
        if (value is double v && !(v >= MinEfficiency && v <= 1))
        {
            Range(problems, field, v, "a fraction from 0.01 to 1");
        }
    }

    private static void Enum(System.Collections.Generic.List<SpecProblem> problems, SpecField field, int value, int count)
    {
        if (value < 0 || value >= count)
        {
            problems.Add(new SpecProblem(field, ProblemKind.OutOfRange, I(value), "one of the declared values"));
        }
    }

    private static void Range(System.Collections.Generic.List<SpecProblem> problems, SpecField field, double value, string requirement) =>
        problems.Add(new SpecProblem(field, ProblemKind.OutOfRange, Text(value), requirement));

    private static void Inconsistent(System.Collections.Generic.List<SpecProblem> problems, SpecField field, string what, string fix) =>
        problems.Add(new SpecProblem(field, ProblemKind.Inconsistent, what, fix));

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
