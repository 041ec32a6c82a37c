namespace PresetPlanner.Core.Tests;

/// <summary>
/// The layouts practitioners published, with the settings their papers state: each must be predicted to fit; where the
/// planner's best differs, docs/model.md ("Expert layouts") explains the gap and these tests pin it.
/// </summary>
public class ExpertLayoutTests
{
    [Fact]
    public void Gpt3_175B_Narayanan2021_Tp8Pp12Dp16_FitsAndIsWhereThePaperMeasured()
    {
        // Narayanan et al. SC'21 Table 2: 1,536 A100, TP 8, PP 12, DP 16, full recomputation, batch 1536, no FlashAttention.
        var settings = new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 1536, FlashAttention = false };
        var ctx = PlanningContext.Create(Presets.Gpt3_175B, Clusters.Of(Presets.A100, 1536), settings);
        StrategyResult published = ctx.Evaluate(Clusters.Layout(8, 12, 16, recompute: RecomputeMode.Full));

        Assert.True(published.Fits);
        Assert.False(published.Tight);

        // The planner's best in the same space (full recomputation, no CP, no ZeRO) interleaves and halves TP: 15-20%
        // faster by the model, a gap the paper itself shows for interleaving (docs/model.md).
        var space = new SearchSpace { Cp = ValueSet.Of(1), ZeroStages = ZeroStages.Stage0, RecomputeModes = RecomputeModes.Full };
        Assert.True(ctx.TryFindBest(space, out SearchResult best));
        double gap = best.Best.Time.TokensPerSecondPerGpu / published.Time.TokensPerSecondPerGpu;
        Assert.InRange(gap, 1.10, 1.25);

        // Interleaving the published layout itself (VP 8) gains 7%, less than the 10+% the paper reports for its schedule.
        StrategyResult interleaved = ctx.Evaluate(Clusters.Layout(8, 12, 16, vp: 8, recompute: RecomputeMode.Full));
        Assert.True(interleaved.Fits);
        Assert.InRange(interleaved.Time.TokensPerSecondPerGpu / published.Time.TokensPerSecondPerGpu, 1.03, 1.10);
    }

    [Fact]
    public void Bloom176B_Tp4Pp12Dp8_FitsAndIsWithinTenPercentOfTheBestInItsSpace()
    {
        // BigScience BLOOM-176B: 384 A100, TP 4, PP 12, DP 8, ZeRO-1, full recomputation, BF16 optimizer with fp32
        // gradient accumulation, no FlashAttention.
        var settings = new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 2048, FlashAttention = false, Gradients = GradientPrecision.Fp32WithBf16Copy };
        var ctx = PlanningContext.Create(Presets.Bloom176B, Clusters.Of(Presets.A100, 384), settings);
        StrategyResult published = ctx.Evaluate(Clusters.Layout(4, 12, 8, mbs: 2, zero: 1, recompute: RecomputeMode.Full));

        Assert.True(published.Fits);
        var space = new SearchSpace { Cp = ValueSet.Of(1), ZeroStages = ZeroStages.Stage1, RecomputeModes = RecomputeModes.Full };
        Assert.True(ctx.TryFindBest(space, out SearchResult best));
        Assert.InRange(best.Best.Time.TokensPerSecondPerGpu / published.Time.TokensPerSecondPerGpu, 1.0, 1.10);
    }

    [Fact]
    public void SeedExample_MegatronBridgeLayoutTp4Pp4Vp5_FitsWithinTenPercentOfTheBest()
    {
        // Megatron-Bridge's Llama 3 70B H100 recipe: TP 4, PP 4, VP 5, no recomputation, distributed optimizer.
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        StrategyResult published = ctx.Evaluate(Clusters.Layout(4, 4, 4, vp: 5, zero: 1, sp: true));

        Assert.True(published.Fits);
        Assert.True(ctx.TryFindBest(new SearchSpace(), out SearchResult best));
        Assert.InRange(best.Best.Time.TokensPerSecondPerGpu / published.Time.TokensPerSecondPerGpu, 1.0, 1.10);
    }

    [Fact]
    public void Llama3_405B_MetaLayout_FitsWithThePapersSettings()
    {
        // Llama 3 paper section 3.3: 8,192 H100, TP 8, PP 16, DP 64, sequence 8192, no activation checkpointing; one
        // layer fewer on the first and last stages; FSDP sharding optimizer state and gradients (fp32) but not weights.
        var settings = new TrainingSettings { SequenceLength = 8192, GlobalBatchSize = 2048, FirstStageLayers = 7, LastStageLayers = 7 };
        ParallelLayout layout = Clusters.Layout(8, 16, 64, zero: 2, sp: true);
        StrategyResult withExpandable = PlanningContext.Create(Presets.Llama405B, Clusters.Of(Presets.H100, 8192), settings with { ExpandableSegments = true }).Evaluate(layout);
        StrategyResult withCaching = PlanningContext.Create(Presets.Llama405B, Clusters.Of(Presets.H100, 8192), settings).Evaluate(layout);

        // It fits only if the allocator wastes little, and tightly: 16 micro-batches of 8 layers' activations (64 GB)
        // dominate (docs/model.md, "Expert layouts").
        Assert.True(withExpandable.Fits);
        Assert.True(withExpandable.Tight);
        Assert.False(withCaching.Fits);
    }

    [Fact]
    public void Llama3_405B_MetaLayout_GapToThePlannersBest_IsTheOneDocsModelExplains()
    {
        // Outside the 10%, reported rather than tuned (docs/model.md, "Expert layouts"): read with gradients
        // reduce-scattered every micro-batch and no interleaving, the paper's layout is about 40% slower than the
        // planner's best (TP 4, PP 16, CP 8), whose predicted MFU is near the 43% Meta measured.
        var settings = new TrainingSettings { SequenceLength = 8192, GlobalBatchSize = 2048, FirstStageLayers = 7, LastStageLayers = 7, ExpandableSegments = true };
        var ctx = PlanningContext.Create(Presets.Llama405B, Clusters.Of(Presets.H100, 8192), settings);
        StrategyResult published = ctx.Evaluate(Clusters.Layout(8, 16, 64, zero: 2, sp: true));
        Assert.True(ctx.TryFindBest(new SearchSpace(), out SearchResult best));

        Assert.InRange(best.Best.Time.TokensPerSecondPerGpu / published.Time.TokensPerSecondPerGpu, 1.5, 2.0);
        Assert.True(best.Best.Layout.Cp > 1);
        Assert.InRange(best.Best.Time.Mfu, 0.40, 0.50);

        // Read as the paper's text describes its schedule (one layer per virtual chunk, v = 8, and FP32 gradients
        // accumulated over the micro-batches and reduced once), it is predicted 10-25% above the 430 TFLOP/s measured
        // (Table 4) and is the fastest layout, but its unsharded FP32 accumulation does not fit our memory model.
        StrategyResult described = ctx.Evaluate(Clusters.Layout(8, 16, 64, vp: 8, zero: 1, sp: true));
        Assert.InRange(described.Time.Mfu * Presets.H100.Spec.PeakBf16FlopsPerSecond / 430e12, 1.10, 1.25);
        Assert.True(described.Time.TokensPerSecondPerGpu > best.Best.Time.TokensPerSecondPerGpu);
        Assert.False(described.Fits);
    }

    [Fact]
    public void DeepSeekV3_Pp16Ep64OnH800_FitsWithTheReportsSettings()
    {
        // DeepSeek-V3 report sections 3.2-3.3: 2,048 H800, PP 16, EP 64, ZeRO-1 (ReportedRuns).
        TrainingSettings settings = ReportedRuns.DeepSeekV3;
        ParallelLayout layout = ReportedRuns.DeepSeekV3Layout;
        StrategyResult withExpandable = PlanningContext.Create(Presets.DeepSeekV3, Presets.H800x2048, settings with { ExpandableSegments = true }).Evaluate(layout);
        StrategyResult withCaching = PlanningContext.Create(Presets.DeepSeekV3, Presets.H800x2048, settings).Evaluate(layout);

        // Under 1F1B (one copy of each stage) with the report's FP8 storage it fits with either allocator, with room: 62.0
        // and 69.7 GB of 85.9 (DualPipe's two copies are ScheduleTests').
        Assert.True(withExpandable.Fits && !withExpandable.Tight);
        Assert.True(withCaching.Fits && !withCaching.Tight);
        Assert.InRange(withCaching.Memory.Total - withExpandable.Memory.Total, 5e9, 10e9);
        // docs/model.md gives 63.2 GB with expandable segments and 71.0 GB with the caching allocator (with DeepEP; the
        // dispatcher's buffers move them by about a gigabyte).
        Assert.InRange(withExpandable.Memory.Total / 1e9, 60, 66);
        Assert.InRange(withCaching.Memory.Total / 1e9, 68, 73);
    }
}
