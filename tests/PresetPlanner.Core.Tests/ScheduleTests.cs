namespace PresetPlanner.Core.Tests;

/// <summary>
/// Pipeline schedules (issue 34 item 1): the bubbles of Qi et al.'s zero-bubble paper and of DeepSeek-V3's Table 2, the
/// activations and parameters each schedule holds, and the rules each puts on VP, PP and the micro-batches.
/// </summary>
public class ScheduleTests
{
    // Qi et al. ICLR 2024: bubble rate = (cost - m (T_F + T_B + T_W)) / cost, from the profiled times of their Table 6
    // (T_F, T_B input gradient, T_W, T_comm per hop). 1F1B pays T_comm twice per micro-batch on every step; ZB keeps it off
    // the steady state and pays it on fill and drain only.
    [Theory]
    [InlineData(8, 24, 18.522, 18.086, 9.337, 0.601, 0.2431, 0.1585)]
    [InlineData(8, 64, 18.546, 18.097, 9.321, 0.762, 0.1240, 0.0674)]
    [InlineData(8, 24, 29.718, 29.444, 19.927, 0.527, 0.2347, 0.1323)]
    [InlineData(8, 64, 29.935, 29.621, 19.388, 0.535, 0.1091, 0.0554)]
    [InlineData(16, 48, 11.347, 11.248, 8.132, 0.377, 0.2552, 0.1397)]
    [InlineData(16, 128, 11.325, 11.308, 8.109, 0.378, 0.1251, 0.0576)]
    [InlineData(32, 96, 10.419, 10.207, 7.715, 0.408, 0.2646, 0.1421)]
    [InlineData(32, 256, 10.402, 10.248, 7.698, 0.460, 0.1352, 0.0594)]
    public void OneFOneBAndZbH1_ReproduceTheZeroBubblePapersBubbleRates(int p, int m, double tf, double tb, double tw, double comm, double oneFOneB, double zbH1)
    {
        double ideal = tf + tb + tw;
        double withComm = ideal + (2 * comm);

        double plain = ScheduleBubble.Seconds(PipelineSchedule.OneForwardOneBackward, p, 1, withComm, tf, tw);
        double rate1F1B = 1 - (m * ideal / ((m * withComm) + plain));
        double zb = ScheduleBubble.Seconds(PipelineSchedule.ZeroBubbleH1, p, 1, withComm, tf, tw);
        double rateZb = zb / ((m * ideal) + zb);

        Assert.InRange(rate1F1B / oneFOneB, 0.97, 1.03);
        Assert.InRange(rateZb / zbH1, 0.93, 1.03);
    }

    // Their arXiv Table 8 (ZB-V), with Table 6's per-stage times scaled to the table's stage count (the same layers over
    // more stages): ZB-V's bubble is ZB-H2's, reached at 1F1B's memory.
    [Theory]
    [InlineData(32, 96, 10.419, 10.207, 7.715, 0.408, 1.0, 0.0593)]
    [InlineData(32, 256, 10.402, 10.248, 7.698, 0.460, 1.0, 0.0236)]
    [InlineData(24, 72, 11.347, 11.248, 8.132, 0.377, 16.0 / 24, 0.0638)]
    [InlineData(16, 48, 29.718, 29.444, 19.927, 0.527, 0.5, 0.0697)]
    public void ZbV_ReproducesTheZeroBubblePapersBubbleRates(int p, int m, double tf, double tb, double tw, double comm, double scale, double published)
    {
        (tf, tb, tw) = (tf * scale, tb * scale, tw * scale);
        double ideal = tf + tb + tw;
        double bubble = ScheduleBubble.Seconds(PipelineSchedule.ZeroBubbleV, p, 2, ideal + (2 * comm), tf, tw);
        double rate = bubble / ((m * ideal) + bubble);

        Assert.InRange(rate / published, 0.9, 1.15);
        Assert.True(rate < ScheduleBubble.Seconds(PipelineSchedule.ZeroBubbleH1, p, 1, ideal + (2 * comm), tf, tw) / ((m * ideal) + bubble));
    }

    // DeepSeek-V3 Table 2 with equal passes (F = B_input = W = 1, so B = 2 and F&B = F + B = 3): 1F1B (PP-1)(F+B), ZB1P
    // (PP-1)(F+B-2W), DualPipe (PP/2-1)(F&B+B-3W); DualPipeV the same over 2p chunks of half the layers; ZB-V zero.
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void EqualPasses_GiveDeepSeekV3Table2AndZbVZero(int p)
    {
        Assert.Equal((p - 1) * 3.0, ScheduleBubble.Seconds(PipelineSchedule.OneForwardOneBackward, p, 1, 3, 1, 1), 9);
        Assert.Equal((p - 1) * 1.0, ScheduleBubble.Seconds(PipelineSchedule.ZeroBubbleH1, p, 1, 3, 1, 1), 9);
        Assert.Equal(((p / 2.0) - 1) * 2, ScheduleBubble.Seconds(PipelineSchedule.DualPipe, p, 1, 3, 1, 1), 9);
        Assert.Equal((p - 1) * 2 / 2.0, ScheduleBubble.Seconds(PipelineSchedule.DualPipeV, p, 2, 3, 1, 1), 9);
        Assert.Equal(0, ScheduleBubble.Seconds(PipelineSchedule.ZeroBubbleV, p, 2, 3, 1, 1), 9);
    }

    [Fact]
    public void WithoutWeightGradients_NoScheduleIsCostedAboveInterleaved1F1B()
    {
        // LoRA's frozen weights have no weight-gradient pass (W = 0): the V schedules fall back to interleaved 1F1B's bubble.
        Assert.Equal(7 * 3 / 2.0, ScheduleBubble.Seconds(PipelineSchedule.ZeroBubbleV, 8, 2, 3, 1, 0), 9);
        Assert.True(ScheduleBubble.Seconds(PipelineSchedule.DualPipeV, 8, 2, 3, 1, 0) <= 7 * 3 / 2.0);
        Assert.Equal(7 * 3.0, ScheduleBubble.Seconds(PipelineSchedule.ZeroBubbleH1, 8, 1, 3, 1, 0), 9);
    }

    private static PlanningContext Llama(ExportFramework? framework = null) =>
        PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { Framework = framework });

    private static StrategyResult Evaluate(PipelineSchedule schedule, in ParallelLayout layout, ExportFramework? framework = null) =>
        Llama(framework).Evaluate(layout with { Schedule = schedule });

    [Fact]
    public void Schedules_OrderTheBubble_AndZbH1KeepsOneFOneBsFirstStageMemory()
    {
        ParallelLayout single = Clusters.Layout(4, 8, 2, zero: 1, recompute: RecomputeMode.Selective, sp: true);
        ParallelLayout v = single with { Vp = 2 };
        StrategyResult oneF = Evaluate(PipelineSchedule.OneForwardOneBackward, single);
        StrategyResult zbH1 = Evaluate(PipelineSchedule.ZeroBubbleH1, single);
        StrategyResult zbV = Evaluate(PipelineSchedule.ZeroBubbleV, v);
        StrategyResult dual = Evaluate(PipelineSchedule.DualPipe, single);

        Assert.True(oneF.IsValid && zbH1.IsValid && zbV.IsValid && dual.IsValid);
        Assert.True(zbH1.Time.BubbleSeconds < oneF.Time.BubbleSeconds);
        Assert.True(zbV.Time.BubbleSeconds < zbH1.Time.BubbleSeconds);
        Assert.Equal(oneF.Time.ComputeSeconds, zbH1.Time.ComputeSeconds, 9);
        // ZB-H1 worker 1 holds p M_B as 1F1B does (Qi et al. section 2.3); its later workers hold nearly as much.
        Assert.Equal(oneF.Memory.Activations, zbH1.Memory.Activations, 6);
        // DualPipe keeps two stages' parameters on a GPU (DeepSeek-V3 Table 2, "2x"): the first GPU holds both ends.
        Assert.InRange(dual.Memory.Weights / oneF.Memory.Weights, 1.8, 2.2);
        // A micro-batch passes one of its two stages: the first GPU's time is the mean of the first and the last stage's,
        // below 1F1B's slowest (last) stage with its logits every micro-batch.
        Assert.InRange(dual.Time.ComputeSeconds / oneF.Time.ComputeSeconds, 0.9, 1.0);
    }

    // DeepSeek-V3 Table 2's memory columns: 1F1B and ZB1P hold PP micro-batches of a stage on the first GPU with one copy
    // of its parameters; DualPipe PP + 1 stages' micro-batches with two copies (the GPU holds stage i and p - 1 - i);
    // DualPipeV, folded onto half the GPUs, PP + 1 of its 2p half-size chunks.
    [Fact]
    public void ActivationsAndParameters_FollowDeepSeekV3Table2()
    {
        const int p = 8;
        CostContext ctx = Llama().Costing;
        ParallelLayout layout = Clusters.Layout(4, p, 2, zero: 1, sp: true);
        var oneF = new LayoutFrame(ctx, layout);
        var zb = new LayoutFrame(ctx, layout with { Schedule = PipelineSchedule.ZeroBubbleH1 });
        var dual = new LayoutFrame(ctx, layout with { Schedule = PipelineSchedule.DualPipe });
        var dualV = new LayoutFrame(ctx, layout with { Vp = 2, Schedule = PipelineSchedule.DualPipeV });

        Assert.Equal(p, oneF.Factors.FirstStageInFlight);
        Assert.Equal(p, zb.Factors.FirstStageInFlight);
        Assert.Equal(oneF.First.Layers, zb.First.Layers);
        // DualPipe: two stages' layers (both ends on the first GPU), PP + 1 stages' micro-batches: p of the first stage and
        // 1 of the last on the first GPU, (p + 1) / 2 of a middle GPU's two stages.
        Assert.Equal(oneF.First.Layers + oneF.Last.Layers, dual.First.Layers);
        Assert.True(dual.First.First && dual.First.Last);
        Assert.Equal(p + 1, dual.Factors.FirstStageInFlight + dual.Factors.LastStageInFlight);
        Assert.Equal(p + 1, dual.Factors.SecondStageInFlight * 2);
        Assert.Equal(2, (layout with { Schedule = PipelineSchedule.DualPipe }).StagesPerGpu);
        // DualPipeV: one stage's layers in two chunks, PP + 1 = 2p + 1 chunks of half of them: 2p of chunk 0 and 1 of the
        // last chunk on the first GPU, p + 1/2 of a middle GPU's two chunks.
        Assert.Equal(oneF.First.Layers, dualV.First.Layers);
        Assert.Equal(2 * p + 1, dualV.Factors.FirstStageInFlight + dualV.Factors.LastStageInFlight);
        Assert.Equal(2 * p + 1, dualV.Factors.SecondStageInFlight * 2);
        Assert.Equal(oneF.First.Layers, dualV.NearEnd.Layers + dualV.FarEnd.Layers);
        // ZB-V (sail-sg's zbv.py schedule replayed, docs/model.md section 6): 2p chunks' micro-batches, 2p - 1 of chunk 0
        // and 1 of the last on the first GPU once m >= 2p; with m = p, p of each.
        var zbV = new LayoutFrame(ctx, layout with { Vp = 2, Schedule = PipelineSchedule.ZeroBubbleV });
        Assert.Equal((2 * p) - 1, zbV.Factors.FirstStageInFlight);
        Assert.Equal(1, zbV.Factors.LastStageInFlight);
        Assert.Equal(p, zbV.Factors.SecondStageInFlight);
        var zbVShort = new LayoutFrame(ctx, layout with { Vp = 2, Schedule = PipelineSchedule.ZeroBubbleV, MicroBatch = 512 / 2 / p });
        Assert.Equal((p, p), (zbVShort.Factors.FirstStageInFlight, zbVShort.Factors.LastStageInFlight));
    }

    // deepseek-ai/DualPipe dualpipe.py step() (commit 3da1bbe), walked per GPU in docs/model.md: GPU r < p/2 peaks at p - r
    // micro-batches of its stage r and r + 1 of its stage p - 1 - r, what 1F1B's GPUs r and p - 1 - r hold. So the first
    // GPU's activations are 1F1B's first and last GPUs' together, whether the end stages are alike (Llama) or not
    // (DeepSeek-V3 in Megatron-Bridge's PP-16 split: the embedding and four layers, three of them dense with 18,432-wide
    // MLPs, against one MoE layer, the MTP depth and the logits). dualpipev.py walked the same way: DualPipeV's first GPU
    // holds what 1F1B over its 2p chunks holds on its first and last GPU (DeepSeek-V3 on PP 8 x 2 chunks against 1F1B on
    // PP 16 with the same GPUs: chunk 0 holds the three dense layers, the last chunk four MoE layers and the MTP depth).
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void DualPipe_FirstGpu_HoldsOneFOneBsFirstAndLastGpusActivations(bool deepSeek, bool v)
    {
        PlanningContext planning = deepSeek
            ? PlanningContext.Create(Presets.DeepSeekV3, Presets.H800x2048, v ? ReportedRuns.DeepSeekV3 with { MtpLayers = 1 } : ReportedRuns.DeepSeekV3WithMtp)
            : Llama();
        ParallelLayout layout = deepSeek ? ReportedRuns.DeepSeekV3Layout : Clusters.Layout(4, 8, 2, zero: 1, sp: true);
        ParallelLayout dualLayout = v
            ? layout with { Pp = layout.Pp / 2, Dp = layout.Dp * 2, Vp = 2, Schedule = PipelineSchedule.DualPipeV }
            : layout with { Schedule = PipelineSchedule.DualPipe };
        CostContext ctx = planning.Costing;
        var oneF = new LayoutFrame(ctx, layout);
        var dual = new LayoutFrame(ctx, dualLayout);
        LayerActivations layers = LayerActivations.Of(ctx, layout);

        double oneFFirst = ActivationMemory.Stage(ctx, layout, oneF.First, layers, oneF.Factors);
        double oneFLast = ActivationMemory.Stage(ctx, layout, oneF.Last, layers, oneF.Factors);
        ActivationPart part = ActivationPart.Of(ctx, dualLayout, dual, layers);

        Assert.Equal(1, (oneFFirst + oneFLast) / part.FirstActivations, 9);
        Assert.Equal(layout.Pp, oneF.Factors.FirstStageInFlight);
    }

    [Fact]
    public void Rules_RefuseWhatEachScheduleCannotRun()
    {
        ParallelLayout layout = Clusters.Layout(4, 8, 2, zero: 1, sp: true);

        Assert.Equal(Constraint.ScheduleVirtualStages, Evaluate(PipelineSchedule.ZeroBubbleV, layout).Failure.Constraint);
        Assert.Equal(Constraint.ScheduleVirtualStages, Evaluate(PipelineSchedule.DualPipe, layout with { Vp = 2 }).Failure.Constraint);
        // 80 layers over 5 stages on 40 GPUs: DualPipe pairs stage i with stage p - 1 - i.
        PlanningContext odd = PlanningContext.Create(Presets.Llama70B, Clusters.Of(Presets.H100, 40), new TrainingSettings());
        Assert.Equal(Constraint.ScheduleOddPipeline, odd.Evaluate(Clusters.Layout(8, 5, 1, zero: 1, sp: true) with { Schedule = PipelineSchedule.DualPipe }).Failure.Constraint);
        // 512 sequences over DP 2 at micro-batch 64: 4 micro-batches, fewer than DualPipe's 2p = 16.
        Assert.Equal(Constraint.ScheduleMicroBatches, Evaluate(PipelineSchedule.DualPipe, layout with { MicroBatch = 64 }).Failure.Constraint);
        Assert.Equal(Constraint.FrameworkHasNoSchedule, Evaluate(PipelineSchedule.ZeroBubbleH1, layout, ExportFramework.Torchtitan).Failure.Constraint);
        Assert.True(Evaluate(PipelineSchedule.ZeroBubbleV, layout with { Vp = 2, Zero = 3 }, ExportFramework.Torchtitan).IsValid);
        // Without a pipeline there is no schedule to break.
        Assert.True(Evaluate(PipelineSchedule.DualPipe, Clusters.Layout(8, 1, 8, zero: 1, sp: true)).IsValid);
    }

    [Fact]
    public void Plan_SearchesTheSchedules_TheFrameworksByDefault_AndEveryOneWhenAsked()
    {
        var any = new SearchSpace { Schedules = PipelineSchedules.All };
        StrategyTable megatron = Llama().Plan();
        StrategyTable all = Llama().Plan(any);
        StrategyTable onlyV = Llama().Plan(new SearchSpace { Schedules = PipelineSchedules.ZeroBubbleV });
        StrategyTable torchtitan = Llama(ExportFramework.Torchtitan).Plan();

        // Megatron-Core runs 1F1B only; a layout without a pipeline is walked once, as 1F1B.
        Assert.All(megatron.Rows.ToArray(), r => Assert.Equal(PipelineSchedule.OneForwardOneBackward, r.Layout.Schedule));
        Assert.All(all.Rows.ToArray(), r => Assert.True(r.Layout.Pp > 1 || r.Layout.Schedule == PipelineSchedule.OneForwardOneBackward));
        Assert.All(onlyV.Rows.ToArray(), r => Assert.True(r.Layout.Pp == 1 || (r.Layout.Vp == 2 && r.Layout.Schedule == PipelineSchedule.ZeroBubbleV)));
        // A layout without a pipeline has no schedule: it stays in the table, as 1F1B, whatever schedules were asked for.
        Assert.Equal(megatron.Rows.ToArray().Count(r => r.Layout.Pp == 1), onlyV.Rows.ToArray().Count(r => r.Layout.Pp == 1));
        Assert.All(torchtitan.Rows.ToArray(), r => Assert.True(r.Layout.Schedule is PipelineSchedule.OneForwardOneBackward or PipelineSchedule.ZeroBubbleV or PipelineSchedule.DualPipeV));
        Assert.Contains(torchtitan.Rows.ToArray(), r => r.Layout.Schedule == PipelineSchedule.ZeroBubbleV);
        foreach (PipelineSchedule schedule in Enum.GetValues<PipelineSchedule>())
        {
            Assert.Contains(all.Rows.ToArray(), r => r.Layout.Schedule == schedule);
        }

        // A searched choice: the best of every schedule is at least the best 1F1B layout.
        Assert.True(all.TryGetRecommended(out StrategyResult best));
        Assert.True(megatron.TryGetRecommended(out StrategyResult baseline));
        Assert.True(best.Time.TokensPerSecondPerGpu >= 0.97 * baseline.Time.TokensPerSecondPerGpu);
    }

    [Fact]
    public void RankSchedules_CostsEveryScheduleOnTheRecommendedDegrees_AndSaysWhichTheFrameworkShips()
    {
        // Llama 3.1 405B on 1,024 H100 at 128 sequences: 64 micro-batches over PP 16 leave 1F1B a 19% bubble.
        PlanningContext titan = PlanningContext.Create(Presets.Llama405B, Presets.H100x1024, new TrainingSettings { GlobalBatchSize = 128, Framework = ExportFramework.Torchtitan });
        ParallelLayout layout = Clusters.Layout(8, 16, 2, cp: 4, zero: 3, sp: true);
        ScheduleChoice[] ranked = titan.RankSchedules(layout);

        Assert.Equal(5, ranked.Length);
        Assert.NotEqual(PipelineSchedule.OneForwardOneBackward, ranked[0].Schedule);
        ScheduleChoice oneF = ranked.Single(c => c.Schedule == PipelineSchedule.OneForwardOneBackward);
        Assert.True(ranked[0].Result.Time.TokensPerSecondPerGpu > oneF.Result.Time.TokensPerSecondPerGpu);
        Assert.True(ranked.Single(c => c.Schedule == PipelineSchedule.ZeroBubbleV).FrameworkRuns);
        Assert.False(ranked.Single(c => c.Schedule == PipelineSchedule.DualPipe).FrameworkRuns);
        Assert.All(ranked, c => Assert.Equal(c.Schedule is PipelineSchedule.ZeroBubbleV or PipelineSchedule.DualPipeV ? 2 : 1, c.Result.Layout.Vp));
        Assert.Empty(titan.RankSchedules(layout with { Pp = 1, Dp = 32 }));
    }

    [Fact]
    public void DeepSeekV3_WithDualPipe_HidesItsAllToAll_AndComesNearTheReportsThroughput()
    {
        // DeepSeek-V3 report sections 3.2-3.3 and 4.2: 2,048 H800, PP 16, EP 64, ZeRO-1, DualPipe, 15,360 x 4K tokens,
        // 14.8T tokens in 2.664M H800-hours = 1,543 tokens/s per GPU.
        TrainingSettings settings = ReportedRuns.DeepSeekV3WithMtp with { Dispatcher = MoeDispatcher.DeepEp };
        ParallelLayout layout = ReportedRuns.DeepSeekV3Layout;
        var ctx = PlanningContext.Create(Presets.DeepSeekV3, Presets.H800x2048, settings);
        StrategyResult oneF = ctx.Evaluate(layout);
        StrategyResult dual = ctx.Evaluate(layout with { Schedule = PipelineSchedule.DualPipe });

        Assert.True(dual.IsValid);
        Assert.True(dual.Time.ExposedCommunicationSeconds < 0.5 * oneF.Time.ExposedCommunicationSeconds);
        Assert.True(dual.Bubble.Fraction < oneF.Bubble.Fraction);
        Assert.InRange(dual.Time.TokensPerSecondPerGpu / 1543, 0.85, 1.1);
    }

    // Issue 34: "DeepSeek-V3's published layout fits". Each GPU holds two stages' weights and FP32 gradients; the first
    // holds stage 0 (the embedding, the three dense layers and one MoE layer, 16 micro-batches in flight) and stage 15 (one
    // MoE layer, the MTP depth and the head, 1 in flight), a middle GPU eight MoE layers at 17. Read with the report's
    // storage as Megatron-Core expresses it (FP8 SwiGLU inputs, RMSNorm and MLA up-projections recomputed), its linear
    // weights kept only in FP8 and the expandable-segments allocator, it fits 80 GiB, tightly, the middle GPU the fullest;
    // with a BF16 weight copy, the caching allocator's fragmentation (fitted on BLOOM) or BF16 SwiGLU inputs it does not.
    [Fact]
    public void DeepSeekV3_WithDualPipe_FitsWithTheReportsStorage()
    {
        ParallelLayout layout = ReportedRuns.DeepSeekV3Layout with { Schedule = PipelineSchedule.DualPipe };
        TrainingSettings settings = ReportedRuns.DeepSeekV3WithMtp with { Dispatcher = MoeDispatcher.DeepEp, Fp8ParamGather = true, ExpandableSegments = true };
        StrategyResult Evaluate(in TrainingSettings s) => PlanningContext.Create(Presets.DeepSeekV3, Presets.H800x2048, s).Evaluate(layout);
        StrategyResult run = Evaluate(settings);

        Assert.True(run.Fits);
        Assert.True(run.Tight);
        Assert.Equal(1, run.MostLoadedStage);
        // docs/model.md's figures: 78.2 GB on the middle GPU; 86.3 GB on the first with a BF16 weight copy.
        Assert.InRange(run.Memory.Total / 1e9, 78.15, 78.25);
        Assert.InRange(Evaluate(settings with { Fp8ParamGather = false }).Memory.Total / 1e9, 86.25, 86.35);
        Assert.False(Evaluate(settings with { Fp8ParamGather = false }).Fits);
        Assert.False(Evaluate(settings with { ExpandableSegments = false }).Fits);
        Assert.False(Evaluate(settings with { ActivationFuncFp8InputStore = false }).Fits);
    }

    // An uneven DualPipe split whose middle GPU holds more activations than its first (80 layers, PP 8, 8 on the first
    // stage and 12 on the last: GPU 0 holds 8 layers x 8 + 12 x 1 in flight, GPU 1 two 10-layer stages x 4.5) though its
    // layers alone (20 and 20) do not rank it above: the middle GPU is evaluated.
    [Fact]
    public void DualPipe_AMiddleGpuWithMoreActivations_IsEvaluated()
    {
        CostContext ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { FirstStageLayers = 8, LastStageLayers = 12 }).Costing;
        ParallelLayout layout = Clusters.Layout(4, 8, 2, zero: 1, sp: true) with { Schedule = PipelineSchedule.DualPipe };
        var frame = new LayoutFrame(ctx, layout);
        ActivationPart part = ActivationPart.Of(ctx, layout, frame, LayerActivations.Of(ctx, layout));

        Assert.Equal(frame.First.Layers, frame.Middle.Layers);
        Assert.True(part.MiddleActivations > 1.1 * part.FirstActivations);
    }

    // Under a V every GPU but the first holds middle chunks: at p = 2 the second GPU (chunks 1 and 2) is evaluated, and a
    // --last-stage-layers share (the last GPU's, two middle chunks) loads the middle GPUs as much.
    [Theory]
    [InlineData(PipelineSchedule.ZeroBubbleV)]
    [InlineData(PipelineSchedule.DualPipeV)]
    public void VSchedules_EvaluateTheMiddleGpus_AtTwoStagesAndWithALastStageShare(PipelineSchedule schedule)
    {
        CostContext even = Llama().Costing;
        var two = new LayoutFrame(even, Clusters.Layout(4, 2, 8, vp: 2, zero: 1, sp: true) with { Schedule = schedule });
        Assert.True(two.HasMiddle);
        Assert.Equal(40, two.Middle.Layers);

        CostContext pinned = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { LastStageLayers = 30 }).Costing;
        var four = new LayoutFrame(pinned, Clusters.Layout(4, 4, 4, vp: 2, zero: 1, sp: true) with { Schedule = schedule });
        Assert.Equal(30, four.Middle.Layers);
    }

    // ZB-V's first GPU holds one micro-batch of chunk 0 fewer than DualPipeV's (2p - 1 against 2p, m >= 2p), the same
    // single one of its last chunk: its activations are DualPipeV's less one micro-batch of chunk 0's layers and token ids.
    [Fact]
    public void ZbV_FirstGpu_HoldsOneChunkZeroMicroBatchFewerThanDualPipeV()
    {
        CostContext ctx = Llama().Costing;
        ParallelLayout layout = Clusters.Layout(4, 8, 2, vp: 2, zero: 1, sp: true);
        LayerActivations layers = LayerActivations.Of(ctx, layout);
        double First(PipelineSchedule s) => ActivationPart.Of(ctx, layout with { Schedule = s }, new LayoutFrame(ctx, layout with { Schedule = s }), layers).FirstActivations;

        double tokenIds = 8.0 * 4096;
        Assert.Equal((5 * layers.Dense) + tokenIds, First(PipelineSchedule.DualPipeV) - First(PipelineSchedule.ZeroBubbleV), 1e-6 * layers.Dense);
    }

    // Full recomputation of N layers per chunk (--recompute-num-layers) on DualPipeV's first GPU: N in each of its two
    // chunks, as 1F1B over the 2p chunks recomputes N on its first and its last GPU, and one layer's working activations
    // for the GPU, not one per chunk.
    [Fact]
    public void DualPipeV_BlockRecomputation_CountsPerChunk_WithOneWorkingLayer()
    {
        CostContext ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { FullRecomputeLayers = 1 }).Costing;
        ParallelLayout oneFLayout = Clusters.Layout(4, 16, 1, zero: 1, sp: true, recompute: RecomputeMode.Full);
        ParallelLayout vLayout = oneFLayout with { Pp = 8, Dp = 2, Vp = 2, Schedule = PipelineSchedule.DualPipeV };
        var oneF = new LayoutFrame(ctx, oneFLayout);
        var v = new LayoutFrame(ctx, vLayout);
        LayerActivations layers = LayerActivations.Of(ctx, oneFLayout);

        double expected = ActivationMemory.Stage(ctx, oneFLayout, oneF.First, layers, oneF.Factors)
            + ActivationMemory.Stage(ctx, oneFLayout, oneF.Last, layers, oneF.Factors) - layers.DenseAll;
        Assert.Equal(1, expected / ActivationPart.Of(ctx, vLayout, v, layers).FirstActivations, 9);
    }
}
