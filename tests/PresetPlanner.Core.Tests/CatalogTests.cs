namespace PresetPlanner.Core.Tests;

public class CatalogTests
{
    // The acceptance line: a preset's numbers are constants usable in constant expressions.
    private const int L = Presets.Models.Llama70B.Layers;
    private const long H100Memory = Presets.Gpus.H100.MemoryBytes;

    [Fact]
    public void Presets_Llama70BAndH100x64_AreTheSeedExample()
    {
        Assert.Equal(80, L);
        Assert.Equal(8192, Presets.Llama70B.Spec.Hidden);
        Assert.Equal(8, Presets.Llama70B.Spec.KvHeads);
        Assert.Equal(64, Presets.H100x64.Spec.GpuCount);
        Assert.Equal(8, Presets.H100x64.Spec.GpusPerNode);
        Assert.Equal(Presets.H100.Spec, Presets.H100x64.Spec.Gpu);
        Assert.Equal(Presets.H100.Info, Presets.H100x64.GpuInfo);
        Assert.Equal(80L << 30, H100Memory);
        Assert.Equal(50e9, Presets.H100x64.Spec.ScaleOutBytesPerSecond);
        // The H100's kernel figures are measured (docs/model-facts.md, "Kernels").
        Assert.Equal(0.75, Presets.H100.Spec.MatmulEfficiency);
        Assert.Equal(0.45, Presets.H100.Spec.AttentionEfficiency);
    }

    [Fact]
    public void Models_All_OrderedByIdAndLookedUpByKebabId()
    {
        ReadOnlySpan<string> ids = Presets.Models.Ids;
        Assert.Equal(Presets.Models.Count, Presets.Models.All.Length);
        for (int i = 1; i < ids.Length; i++)
        {
            Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0);
        }

        Assert.True(Presets.Models.TryGet("llama-3.1-70b", out ModelPreset llama));
        Assert.Equal(Presets.Llama70B, llama);
        Assert.Equal("Llama-3.1-70B", llama.Info.Name);
        Assert.Equal("llama-3.1-70b", llama.Info.Id);
        Assert.False(Presets.Models.TryGet("llama-9", out _));
        Assert.Equal(-1, Presets.Clusters.IndexOf("H100X64"));
        Assert.True(Presets.Clusters.TryGet("h100x64", out ClusterPreset cluster));
        Assert.Equal(Presets.H100x64, cluster);
    }

    [Fact]
    public void Catalog_HasTheRequiredPresets()
    {
        string[] models =
        [
            "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "mistral-7b",
            "mixtral-8x7b", "mixtral-8x22b", "qwen2.5-7b", "qwen2.5-72b", "qwen3-30b-a3b", "qwen3-235b-a22b", "deepseek-v3",
            "gpt-3-175b", "gemma-2-27b", "nemotron-4-15b", "nemotron-4-340b", "gpt-oss-120b", "bloom-176b",
        ];
        string[] gpus = ["a100-40gb", "a100-80gb", "h100-sxm", "h100-pcie", "h200", "h800", "b200", "b300", "gb200", "gb300", "mi300x", "mi325x", "l40s"];
        string[] clusters = ["h100x64", "h100x8", "h100x1024", "a100x1024", "h200x64", "b200x64", "gb200-nvl72", "gb200-nvl72x8", "mi300xx64"];

        Assert.All(models, id => Assert.True(Presets.Models.IndexOf(id) >= 0, id));
        Assert.All(gpus, id => Assert.True(Presets.Gpus.IndexOf(id) >= 0, id));
        Assert.All(clusters, id => Assert.True(Presets.Clusters.IndexOf(id) >= 0, id));
    }

    [Fact]
    public void DeepSeekV3_IsMlaWithSharedExpertAndThreeDenseLayers()
    {
        ModelSpec m = Presets.DeepSeekV3.Spec;
        Assert.Equal(AttentionKind.Mla, m.Attention);
        Assert.Equal(256, m.Experts);
        Assert.Equal(1, m.SharedExperts);
        Assert.Equal(58, m.MoeLayers);
        Assert.False(m.IsMoeLayer(2));
        Assert.True(m.IsMoeLayer(3));
        Assert.Equal(671.03e9, m.TotalParameters, 0.01e9);
        Assert.Equal(37.55e9, m.ActiveParameters, 0.01e9);
    }

    [Fact]
    public void IndexOf_AfterWarmUp_AllocatesNothing()
    {
        // Warm every catalog measured below: the first call into each one runs its type's initialiser and
        // the JIT, which allocate once per process whatever order xUnit runs the tests in.
        int warm = Presets.Models.IndexOf("gpt-3-175b") + Presets.Gpus.IndexOf("h100-sxm") + Presets.Clusters.IndexOf("h100x64");
        long before = GC.GetAllocatedBytesForCurrentThread();
        int found = Presets.Models.IndexOf("gpt-3-175b") + Presets.Gpus.IndexOf("h100-sxm") + Presets.Clusters.IndexOf("h100x64");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(warm, found);
        Assert.True(found > 0);
        Assert.Equal(0, allocated);
    }
}
