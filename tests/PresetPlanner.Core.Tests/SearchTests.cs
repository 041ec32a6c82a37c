using CsCheck;

namespace PresetPlanner.Core.Tests;

public class SearchTests
{
    [Fact]
    public void TryFindBest_PrunedEqualsUnprunedEqualsTableHead_OnRandomCases()
    {
        int pruned = 0;
        Gen.Select(Generators.Model, Generators.Cluster, Generators.Settings).Where((m, c, s) => c.GpuCount <= 256).Sample((model, cluster, settings) =>
        {
            var ctx = new PlanningContext(model, cluster, settings);
            bool a = StrategySearch.TryFindBest(in ctx, prune: true, out StrategyResult fast, out SearchStatistics fastStats);
            bool b = StrategySearch.TryFindBest(in ctx, prune: false, out StrategyResult full, out SearchStatistics fullStats);

            Assert.Equal(b, a);
            Assert.Equal(fullStats.Enumerated, fastStats.Enumerated);
            Assert.Equal(fullStats.Enumerated, fullStats.Evaluated);
            if (a)
            {
                Assert.Equal(full.Layout, fast.Layout);
                Assert.Equal(full.Time.TokensPerSecondPerGpu, fast.Time.TokensPerSecondPerGpu);
                var rows = new StrategyResult[StrategyPlanner.Count(in ctx)];
                StrategyPlanner.Plan(in ctx, rows);
                Assert.Equal(rows[0].Layout, full.Layout);
            }

            Interlocked.Add(ref pruned, (int)(fastStats.Enumerated - fastStats.Evaluated));
        }, iter: 200);

        Assert.True(pruned > 0, "pruning never skipped anything");
    }

    [Fact]
    public void ThroughputBound_NeverBelowAnyValidLayoutsThroughput()
    {
        Generators.Context(256).Sample(ctx =>
        {
            foreach (ParallelLayout layout in new StrategyEnumerator(in ctx))
            {
                StrategyResult r = StrategyEvaluator.Evaluate(ctx, layout);
                if (r.IsValid)
                {
                    double bound = ThroughputBound.TokensPerSecondPerGpu(ctx, layout, layout.Recompute);
                    Assert.True(bound * (1 + 1e-9) >= r.Time.TokensPerSecondPerGpu, $"{layout}: bound {bound} < {r.Time.TokensPerSecondPerGpu}");
                }
            }
        }, iter: 60);
    }

    [Fact]
    public void TryFindBest_Llama70BOnH100x64_PrunesMostAndAllocatesNothing()
    {
        var ctx = new PlanningContext(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        StrategySearch.TryFindBest(in ctx, prune: true, out _, out _);

        Assert.True(StrategySearch.TryFindBest(in ctx, prune: true, out StrategyResult best, out SearchStatistics stats));
        Assert.Equal(0, stats.AllocatedBytes);
        Assert.True(stats.Evaluated < stats.Enumerated / 10, $"{stats.Evaluated} of {stats.Enumerated}");
        Assert.Equal(Presets.Llama70B.PlanOn(Presets.H100x64).Rows[0].Layout, best.Layout);
    }

    [Fact]
    public void PlanParallel_SameOrderAsSequential()
    {
        var settings = new TrainingSettings();
        StrategyTable one = Presets.Mixtral8x7B.PlanOn(Presets.H100x64, settings, parallelism: 1);
        StrategyTable two = Presets.Mixtral8x7B.PlanOn(Presets.H100x64, settings, parallelism: 2);

        Assert.Equal(one.Rows.Length, two.Rows.Length);
        for (int i = 0; i < one.Rows.Length; i++)
        {
            Assert.Equal(one.Rows[i], two.Rows[i]);
        }

        Assert.Equal(one.Rows.Length, two.Statistics.Enumerated);
        Assert.True(two.Statistics.Seconds > 0);
    }

    [Fact]
    public void ParetoFront_NoMemberDominated_EveryOtherFittingLayoutDominated()
    {
        StrategyTable table = Presets.Llama70B.PlanOn(Presets.H100x64);
        StrategyResult[] front = table.ParetoFront();

        Assert.NotEmpty(front);
        StrategyResult[] fitting = table.Rows.ToArray().Where(r => r.Fits).ToArray();
        foreach (StrategyResult r in fitting)
        {
            if (front.Contains(r))
            {
                // No fitting layout is at least as good on both axes and better on one.
                Assert.DoesNotContain(fitting, o => o.Memory.Total <= r.Memory.Total && o.Time.TokensPerSecondPerGpu >= r.Time.TokensPerSecondPerGpu
                    && (o.Memory.Total < r.Memory.Total || o.Time.TokensPerSecondPerGpu > r.Time.TokensPerSecondPerGpu));
            }
            else
            {
                // Some member of the front is at least as good on both axes.
                Assert.Contains(front, f => f.Memory.Total <= r.Memory.Total && f.Time.TokensPerSecondPerGpu >= r.Time.TokensPerSecondPerGpu);
            }
        }

        Assert.Equal(table.Rows[0].Time.TokensPerSecondPerGpu, front[^1].Time.TokensPerSecondPerGpu);
    }

    [Fact]
    public void MinGpus_Llama70BOnH100_SmallestSizeThatFits()
    {
        var settings = new TrainingSettings();
        List<int> sizes = InverseQuestions.Sizes(8, 1, 1024);
        SizedResult? answer = InverseQuestions.MinGpus(Presets.Llama70B, Presets.H100, 8, settings, sizes);

        Assert.NotNull(answer);
        Assert.True(answer.Value.Best.Fits);
        int previous = sizes[sizes.IndexOf(answer.Value.Gpus) - 1];
        var smaller = new PlanningContext(Presets.Llama70B, InverseQuestions.Cluster(Presets.H100, previous, 8), settings);
        Assert.False(StrategySearch.TryFindBest(in smaller, prune: false, out _, out _));
    }

    [Fact]
    public void MaxSequence_Llama8BOnH100x8_FitsThereAndNotOneStepLonger()
    {
        var settings = new TrainingSettings { GlobalBatchSize = 64 };
        (int sequence, StrategyResult best)? answer = InverseQuestions.MaxSequence(Presets.Llama8B, Presets.H100x8, settings, 1 << 20);

        Assert.NotNull(answer);
        Assert.True(answer.Value.best.Fits);
        Assert.True(answer.Value.sequence >= 32768);
        var longer = new PlanningContext(Presets.Llama8B, Presets.H100x8, settings with { SequenceLength = answer.Value.sequence + 1024 });
        Assert.False(StrategySearch.TryFindBest(in longer, prune: false, out _, out _));
    }

    [Fact]
    public void Sweep_EverySizeHasItsBestLayout()
    {
        List<int> sizes = InverseQuestions.Sizes(8, 8, 512);
        SizedResult[] sweep = InverseQuestions.Sweep(Presets.Llama8B, Presets.H100, 8, new TrainingSettings { GlobalBatchSize = 1024 }, sizes);

        Assert.Equal(sizes, sweep.Select(s => s.Gpus));
        Assert.All(sweep, s =>
        {
            Assert.True(s.Found);
            Assert.Equal(s.Gpus, s.Best.Layout.Tp * s.Best.Layout.Pp * s.Best.Layout.Dp * s.Best.Layout.Cp);
        });
    }

    [Fact]
    public void ParetoOfSweep_KeepsSizesNoSmallerClusterBeatsOnTotalThroughput()
    {
        List<int> sizes = InverseQuestions.Sizes(8, 8, 1024);
        SizedResult[] sweep = InverseQuestions.Sweep(Presets.Llama70B, Presets.H100, 8, new TrainingSettings { GlobalBatchSize = 512 }, sizes);
        bool[] front = ParetoFront.OfSweep(sweep);

        for (int i = 0; i < sweep.Length; i++)
        {
            double total = sweep[i].Found ? sweep[i].Best.Time.TokensPerSecondPerGpu * sweep[i].Gpus : 0;
            bool beatenBySmaller = sweep.Take(i).Any(s => s.Found && s.Best.Time.TokensPerSecondPerGpu * s.Gpus >= total);
            Assert.Equal(sweep[i].Found && !beatenBySmaller, front[i]);
        }

        Assert.Contains(true, front);
        Assert.False(front[0], "Llama-3.1-70B does not fit on 8 H100");
    }
}
