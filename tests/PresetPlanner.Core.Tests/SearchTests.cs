using CsCheck;

namespace PresetPlanner.Core.Tests;

public class SearchTests
{
    private static readonly SearchSpace s_full = new();

    [Fact]
    public void TryFindBest_PrunedEqualsUnprunedEqualsTableHead_OnRandomCases()
    {
        int pruned = 0;
        Generators.Context(256).Sample(ctx =>
        {
            bool a = StrategySearch.TryFindBest(ctx.Costing, s_full, prune: true, out SearchResult fast);
            bool b = StrategySearch.TryFindBest(ctx.Costing, s_full, prune: false, out SearchResult full);

            Assert.Equal(b, a);
            Assert.Equal(full.Statistics.Enumerated, fast.Statistics.Enumerated);
            Assert.Equal(full.Statistics.Enumerated, full.Statistics.Evaluated);
            if (a)
            {
                Assert.Equal(full.Best.Layout, fast.Best.Layout);
                Assert.Equal(full.Best.Time.TokensPerSecondPerGpu, fast.Best.Time.TokensPerSecondPerGpu);
                var rows = new StrategyResult[ctx.Count(s_full)];
                ctx.Plan(s_full, rows);
                Assert.Equal(rows[0].Layout, full.Best.Layout);
            }

            Interlocked.Add(ref pruned, (int)(fast.Statistics.Enumerated - fast.Statistics.Evaluated));
        }, iter: 200);

        Assert.True(pruned > 0, "pruning never skipped anything");
    }

    [Fact]
    public void TryFindRecommended_IsThePlansRecommendation_OnRandomCases()
    {
        // issue 33: sweep, min-gpus and max-seq answer with the plan's own recommendation rules, so plan and sweep agree.
        int replaced = 0;
        Generators.Context(256).Sample(ctx =>
        {
            StrategyTable table = ctx.Plan(s_full);
            bool found = ctx.TryFindRecommended(s_full, out SearchResult result);

            Assert.Equal(table.TryGetRecommended(out StrategyResult recommended), found);
            if (found)
            {
                Assert.Equal(recommended.Layout, result.Best.Layout);
                Assert.Equal(table.RecommendedIndex >= 0 ? table.Rows[table.RecommendedIndex].Layout : default, result.Best.Layout);
                if (table.RecommendedIndex > 0)
                {
                    Interlocked.Increment(ref replaced);
                }
            }
        }, iter: 200);

        Assert.True(replaced > 0, "no case had a recommendation other than the fastest");
    }

    [Fact]
    public void TryFindRecommended_SeedExample_IsTheRecommendationNotTheTightFastest()
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        StrategyTable table = ctx.Plan();

        Assert.True(ctx.TryFindRecommended(s_full, out SearchResult recommended));
        Assert.True(ctx.TryFindBest(s_full, out SearchResult fastest));
        Assert.True(fastest.Best.Tight);
        Assert.False(recommended.Best.Tight);
        Assert.Equal(table.Rows[table.RecommendedIndex].Layout, recommended.Best.Layout);
        Assert.True(table.RecommendedIndex > 0);
    }

    [Fact]
    public void ThroughputBound_NeverBelowAnyValidLayoutsThroughput()
    {
        Generators.Context(256).Sample(ctx =>
        {
            var cache = default(EvaluationCache);
            foreach (ParallelLayout layout in ctx.Enumerate(s_full))
            {
                StrategyResult r = ctx.Evaluate(layout);
                double bound = ThroughputBound.TokensPerSecondPerGpu(ctx.Costing, layout, cache.Prepare(ctx.Costing, layout), layout.Recompute);
                Assert.True(bound * (1 + 1e-9) >= r.Time.TokensPerSecondPerGpu, $"{layout}: bound {bound} < {r.Time.TokensPerSecondPerGpu}");
            }
        }, iter: 60);
    }

    [Fact]
    public void TryFindBest_Llama70BOnH100x64_PrunesMostAndAllocatesNothing()
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        ctx.TryFindBest(s_full, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(ctx.TryFindBest(s_full, out SearchResult result));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        SearchStatistics stats = result.Statistics;
        // About 13% of the 20,760 layouts are evaluated (2,781): the bound leaves out the host term's share of the
        // variants it stands for, takes the fastest SP variant's memory-bound work for all of them, and with no compute
        // hiding the gradient reduction (DataParallelOverlap 0) more layouts reach it.
        Assert.True(stats.Evaluated < stats.Enumerated / 7, $"{stats.Evaluated} of {stats.Enumerated}");
        Assert.Equal(Presets.Llama70B.PlanOn(Presets.H100x64).Rows[0].Layout, result.Best.Layout);
    }

    [Fact]
    public void PlanParallel_SameOrderAsSequential()
    {
        var ctx = PlanningContext.Create(Presets.Mixtral8x7B, Presets.H100x64, new TrainingSettings());
        StrategyTable one = ctx.Plan(s_full, parallelism: 1);
        StrategyTable two = ctx.Plan(s_full, parallelism: 2);
        // The table walks the space once and evaluates from its layouts; the span plan evaluates as it walks.
        var span = new StrategyResult[ctx.Count(s_full)];
        ctx.Plan(s_full, span);

        Assert.Equal(one.Rows.Length, two.Rows.Length);
        Assert.Equal(span.Length, one.Rows.Length);
        for (int i = 0; i < one.Rows.Length; i++)
        {
            Assert.Equal(one.Rows[i], two.Rows[i]);
            Assert.Equal(span[i], one.Rows[i]);
        }

        Assert.Equal(span.Count(r => r.Fits), one.FeasibleCount);
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
        int[] sizes = InverseQuestions.Sizes(8, 1, 1024);

        Assert.True(InverseQuestions.TryFindMinGpus(Presets.Llama70B, Presets.H100, 8, settings, s_full, sizes, out SweepPoint answer));
        Assert.True(answer.Best.Fits);
        int previous = sizes[Array.IndexOf(sizes, answer.Gpus) - 1];
        var smaller = PlanningContext.Create(Presets.Llama70B, ClusterPreset.Of(Presets.H100, previous, 8), settings);
        Assert.False(StrategySearch.TryFindBest(smaller.Costing, s_full, prune: false, out _));
    }

    [Fact]
    public void MinGpus_PinnedTensorParallelThatNoRuleAllows_SaysWhyNotThatNothingFits()
    {
        var space = new SearchSpace { Tp = ValueSet.Of(3) };

        Assert.False(InverseQuestions.TryFindMinGpus(Presets.Llama405B, Presets.H100, 8, new TrainingSettings(), space, InverseQuestions.Sizes(8, 1, 65536), out SweepPoint answer));
        Assert.Equal(0, answer.Result.Statistics.Enumerated);
        Assert.Equal(Constraint.HeadsNotDivisible, answer.Result.Statistics.FirstExclusion.Constraint);
        Assert.Equal("heads 128 not divisible by TP 3", LayoutText.Reason(answer.Result.Statistics.FirstExclusion));
    }

    [Fact]
    public void MaxSequence_Llama8BOnH100x8WithoutTensorOrContextParallelism_FitsThereAndNotOneStepLonger()
    {
        var settings = new TrainingSettings { GlobalBatchSize = 64 };
        var space = new SearchSpace { Tp = ValueSet.Of(1), Cp = ValueSet.Of(1) };
        Assert.True(InverseQuestions.TryFindMaxSequence(Presets.Llama8B, Presets.H100x8, settings, space, 1 << 20, 1024, out SequencePoint answer));

        Assert.True(answer.Best.Fits);
        Assert.InRange(answer.Sequence, 16384, Presets.Models.Llama8B.MaxSequence - 1024);
        Assert.Equal(SequenceLimit.Memory, answer.LimitedBy);
        var longer = PlanningContext.Create(Presets.Llama8B, Presets.H100x8, settings with { SequenceLength = answer.Sequence + 1024 });
        Assert.False(StrategySearch.TryFindBest(longer.Costing, space, prune: false, out _));
    }

    [Fact]
    public void MaxSequence_OnAClusterWhereMoreWouldFit_StopsAtTheModelsContextAndSaysSo()
    {
        var settings = new TrainingSettings { GlobalBatchSize = 64 };
        Assert.True(InverseQuestions.TryFindMaxSequence(Presets.Llama8B, Presets.H100x64, settings, s_full, 1 << 20, 1024, out SequencePoint answer));

        Assert.Equal(Presets.Models.Llama8B.MaxSequence, answer.Sequence);
        Assert.Equal(SequenceLimit.ModelContext, answer.LimitedBy);
    }

    [Fact]
    public void MaxSequence_StepOfZeroOrAboveTheMaximum_IsRefused()
    {
        var settings = new TrainingSettings();
        Assert.Equal("step", Assert.Throws<PlanInputException>(() => InverseQuestions.TryFindMaxSequence(Presets.Llama8B, Presets.H100x8, settings, s_full, 65536, 0, out _)).Field);
        Assert.Equal("step", Assert.Throws<PlanInputException>(() => InverseQuestions.TryFindMaxSequence(Presets.Llama8B, Presets.H100x8, settings, s_full, 100, 1024, out _)).Field);
    }

    [Theory]
    [InlineData(0, 1, 100)]
    [InlineData(-8, 1, 100)]
    [InlineData(8, 0, 100)]
    [InlineData(8, 64, 8)]
    public void Sizes_BadBounds_AreRefusedNotLoopedOn(int perNode, int min, int max) =>
        Assert.Throws<PlanInputException>(() => InverseQuestions.Sizes(perNode, min, max));

    [Fact]
    public void Sweep_EverySizeHasItsBestLayout()
    {
        int[] sizes = InverseQuestions.Sizes(8, 8, 512);
        SweepPoint[] sweep = InverseQuestions.Sweep(Presets.Llama8B, Presets.H100, 8, new TrainingSettings { GlobalBatchSize = 1024 }, s_full, sizes);

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
        int[] sizes = InverseQuestions.Sizes(8, 8, 1024);
        SweepPoint[] sweep = InverseQuestions.Sweep(Presets.Llama70B, Presets.H100, 8, new TrainingSettings { GlobalBatchSize = 512 }, s_full, sizes);
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

    [Fact]
    public void Plan_RadixRanking_IsTheComparisonOrderWithEnumerationOrderOnTies()
    {
        Generators.Context(128).Sample(ctx =>
        {
            var enumerated = new List<ParallelLayout>();
            foreach (ParallelLayout layout in ctx.Enumerate(s_full))
            {
                enumerated.Add(layout);
            }

            var rows = new StrategyResult[enumerated.Count];
            Assert.Equal(rows.Length, ctx.Plan(s_full, rows));
            var position = enumerated.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);
            for (int i = 1; i < rows.Length; i++)
            {
                RankKey before = RankKey.Of(rows[i - 1], position[rows[i - 1].Layout]);
                RankKey after = RankKey.Of(rows[i], position[rows[i].Layout]);
                Assert.True(before.CompareTo(after) < 0, $"row {i}: {rows[i - 1].Layout} before {rows[i].Layout}");
            }

            Assert.Equal(enumerated.Count, rows.Select(r => r.Layout).Distinct().Count());
        }, iter: 60);
    }
}

/// <summary>The radix key keeps 30 bits of tokens/s: results closer than that must still come out in exact order.</summary>
public class RankSortTests
{
    [Fact]
    public void Rank_ResultsCloserThanTheKeysResolution_ComeOutInExactOrder()
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        StrategyResult fit = ctx.Evaluate(Clusters.Layout(4, 4, 4, vp: 5, zero: 1, sp: true));
        Assert.True(fit.Fits);

        // 64 throughputs within a relative 64e-10 of each other (the key resolves 2^-19, about 2e-6), shuffled.
        var random = new Random(7);
        StrategyResult[] results = [.. Enumerable.Range(0, 64)
            .Select(k => fit with { Time = fit.Time with { Tokens = fit.Time.Tokens * (1 - (k * 1e-10)) } })
            .OrderBy(_ => random.Next())];
        Assert.Single(results.Select(r => RankSort.Key(r)).Distinct());

        StrategyPlanner.Rank(results);

        for (int i = 1; i < results.Length; i++)
        {
            Assert.True(results[i - 1].Time.TokensPerSecondPerGpu > results[i].Time.TokensPerSecondPerGpu, $"row {i}");
        }
    }
}

/// <summary>When nothing fits there is no recommendation (the tight-layout rule once returned an empty row as one).</summary>
public class NothingFitsTests
{
    [Fact]
    public void TryGetRecommended_NothingFits_ReturnsFalseAndNoReasons()
    {
        StrategyTable table = Presets.DeepSeekV3.PlanOn(Presets.H100x8);
        Assert.Equal(0, table.FeasibleCount);
        Assert.True(table.Rows.Length > 0);
        Assert.False(table.TryGetRecommended(out _));
        Assert.Empty(table.Reasons);
        Assert.StartsWith("Recommended: none; no layout fits.", table.Summary(), StringComparison.Ordinal);
    }
}
