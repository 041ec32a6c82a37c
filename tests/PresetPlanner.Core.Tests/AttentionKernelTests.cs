namespace PresetPlanner.Core.Tests;

/// <summary>
/// The fused attention kernel by head dimension and window (TimeConstants.FusedAttention, FlopCount.MeanKeys): a score
/// costs matmul work that grows with the head dimension plus two exponentials that do not, and a local layer computes
/// only the scores inside its window or chunk (docs/model.md, "Attention").
/// </summary>
public class AttentionKernelTests
{
    private static TimeConstants Time(in ModelSpec model, in GpuSpec gpu, int sequence = 8192) => PlanningContext.Create(
        model,
        Clusters.Of(gpu, 8),
        new TrainingSettings { SequenceLength = sequence, GlobalBatchSize = 8 }).Costing.Time;

    private static double Total(in TimeConstants k) => k.AttentionForwardSeconds + k.AttentionBackwardSeconds;

    [Fact]
    public void HeadDim128_RunsAtTheMeasuredEfficiency_OnEveryGpuThatStatesAnExponentialRate()
    {
        // The GPU presets' attentionEfficiency is measured at head dimension 128: there the split changes nothing.
        foreach (GpuPreset gpu in new[] { Presets.A100, Presets.H100, Presets.B200, Presets.GB200, Presets.GB300 })
        {
            Assert.NotNull(gpu.Spec.ExponentialsPerSecond);
            TimeConstants k = Time(Presets.Llama8B.Spec, gpu.Spec);
            Assert.Equal(1, Total(k) / (3 * k.Attention * k.SecondsPerAttentionFlop), 12);
        }
    }

    [Fact]
    public void HeadDim64_IsSlowerPerFlop_ByTheExponentialsItCannotShare()
    {
        // Same attention FLOPs (twice the heads at half the dimension), twice the scores: each score's matmul time halves
        // but its two exponentials stay, so the time grows by 2e / T with T a d = 128 score's forward and backward time.
        GpuSpec h100 = Presets.H100.Spec;
        ModelSpec d128 = Presets.Llama8B.Spec;
        ModelSpec d64 = d128 with { Heads = 2 * d128.Heads, KvHeads = 2 * d128.KvHeads, HeadDim = 64 };
        TimeConstants a = Time(d128, h100);
        TimeConstants b = Time(d64, h100);
        Assert.Equal(a.Attention, b.Attention, 6);

        double reference = 3 * 2 * 256 / (h100.PeakBf16FlopsPerSecond * h100.AttentionEfficiency!.Value);
        double exponential = 1 / h100.ExponentialsPerSecond!.Value;
        Assert.Equal(1 + (2 * exponential / reference), Total(b) / Total(a), 9);
        Assert.InRange(Total(b) / Total(a), 1.12, 1.18);

        // MLA's 192 + 128 per head is the other way: faster per FLOP than 128 + 128 (DeepSeek-V3 on H800).
        TimeConstants mla = Time(Presets.DeepSeekV3.Spec, Presets.H800.Spec);
        Assert.InRange(Total(mla) / (3 * mla.Attention * mla.SecondsPerAttentionFlop), 0.94, 0.99);
    }

    [Fact]
    public void ExponentialSplit_ReproducesFlashAttention3sHeadDimSweep()
    {
        // FlashAttention-3's forward on H100 SXM5 (Shah et al. 2024, Figure 4, BF16, 16K tokens): 648 TFLOP/s at head
        // dimension 128, 497 at 64. One exponential per score at the H100 preset's 3.9 T/s, the rest matmul: the 128
        // figure alone predicts the 64 one within 3%.
        double e = 1 / Presets.H100.Spec.ExponentialsPerSecond!.Value;
        double score128 = 4 * 128 / 648e12;
        double matmulPerFlop = (score128 - e) / (4 * 128);
        double predicted64 = 4 * 64 / ((4 * 64 * matmulPerFlop) + e);
        Assert.InRange(predicted64 / 497e12, 0.97, 1.03);
    }

    [Theory]
    [InlineData(128, false, 8192, 128 - (128.0 * 128 / (2 * 8192)))]
    [InlineData(4096, false, 4096, 2048)]
    [InlineData(4096, false, 2048, 1024)]
    [InlineData(8192, true, 8192, 4096)]
    [InlineData(8192, true, 32768, 4096)]
    [InlineData(8192, true, 12288, ((8192.0 * 8192) + (4096.0 * 4096)) / (2 * 12288))]
    public void LocalLayer_AttendsWithinItsWindowOrChunk(int window, bool chunked, int sequence, double keys)
    {
        ModelSpec m = Presets.Llama8B.Spec with { AttentionWindow = window, ChunkedAttention = chunked };
        Assert.Equal(keys, FlopCount.LocalKeys(m, sequence, causal: true), 9);
        // Model FLOPs count the pattern's width (PaLM's convention, no causal halving): the window, or the chunk.
        Assert.Equal(chunked ? 2 * keys : Math.Min(window, sequence), FlopCount.LocalKeys(m, sequence, causal: false), 9);
    }

    [Fact]
    public void GptOss_HalfItsLayersAttendWithin128Tokens()
    {
        // 18 global layers of 36 at s / 2 keys, 18 local at the window's 128 - 128^2 / 2s.
        ModelSpec m = Presets.GptOss120B.Spec;
        Assert.Equal((36, 18), (m.AttentionLayers, m.LocalAttentionLayers));
        ModelSpec global = m with { AttentionWindow = 0, GlobalAttentionInterval = 0 };
        TimeConstants windowed = Time(m, Presets.H100.Spec, 4096);
        TimeConstants whole = Time(global, Presets.H100.Spec, 4096);
        double local = 128 - (128.0 * 128 / 8192);
        Assert.Equal((2048 + local) / (2 * 2048), windowed.Attention / whole.Attention, 9);
        Assert.Equal(local / (local + 2048), windowed.WindowScoreShare, 9);
        Assert.True(windowed.ModelFlopsPerStep < whole.ModelFlopsPerStep);
    }

    [Fact]
    public void Window_StretchesItsKernelsLikeASequenceOfTwiceItsKeys_AndCostsLessThanGlobalAttention()
    {
        // A 128-token window's kernel loops over two 128-key tiles per query tile: L_half / 2k, half its rate.
        ModelSpec m = Presets.GptOss120B.Spec;
        TimeConstants k = Time(m, Presets.H100.Spec, 4096);
        double half = EfficiencyModel.Default.AttentionHalfSequence;
        Assert.Equal(half / (2 * (128 - (128.0 * 128 / 8192))), k.AttentionHalfOverWindow, 9);

        ParallelLayout layout = Clusters.Layout(1, 1, 8, ep: 8);
        var settings = new TrainingSettings { SequenceLength = 4096, GlobalBatchSize = 64 };
        StrategyResult windowed = PlanningContext.Create(m, Clusters.Of(Presets.H100, 8), settings).Evaluate(layout);
        StrategyResult whole = PlanningContext.Create(m with { AttentionWindow = 0, GlobalAttentionInterval = 0 }, Clusters.Of(Presets.H100, 8), settings).Evaluate(layout);
        Assert.True(windowed.Time.ComputeSeconds < whole.Time.ComputeSeconds);
    }

    [Fact]
    public void Window_AsLongAsTheSequence_ChangesNothing()
    {
        // Mistral 7B's 4,096-token window at a 4,096-token sequence: every query sees its whole causal prefix.
        ModelSpec m = Presets.Mistral7B.Spec;
        Assert.Equal(4096, m.AttentionWindow);
        var settings = new TrainingSettings { SequenceLength = 4096, GlobalBatchSize = 64 };
        ParallelLayout layout = Clusters.Layout(1, 1, 8);
        StrategyResult a = PlanningContext.Create(m, Clusters.Of(Presets.H100, 8), settings).Evaluate(layout);
        StrategyResult b = PlanningContext.Create(m with { AttentionWindow = 0 }, Clusters.Of(Presets.H100, 8), settings).Evaluate(layout);
        Assert.Equal(b.Time.StepSeconds, a.Time.StepSeconds, 12);
        Assert.Equal(b.Time.Mfu, a.Time.Mfu, 12);
    }

    [Theory]
    [InlineData(0, true, 0, SpecField.AttentionWindow)]
    [InlineData(0, false, 4, SpecField.AttentionWindow)]
    [InlineData(4096, false, 1, SpecField.GlobalAttentionInterval)]
    [InlineData(-1, false, 0, SpecField.AttentionWindow)]
    public void Validator_RefusesAWindowThatCannotBe(int window, bool chunked, int interval, SpecField field)
    {
        var problems = new List<SpecProblem>();
        SpecValidator.Check(Presets.Llama8B.Spec with { AttentionWindow = window, ChunkedAttention = chunked, GlobalAttentionInterval = interval }, problems);
        Assert.Contains(problems, p => p.Field == field && p.IsError);
    }
}
