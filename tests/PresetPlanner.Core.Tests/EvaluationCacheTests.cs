using CsCheck;

namespace PresetPlanner.Core.Tests;

public class EvaluationCacheTests
{
    [Fact]
    public void CachedEvaluation_EqualsFreshEvaluation_OverWholeSpaces()
    {
        Generators.Context(128).Sample(ctx =>
        {
            var cache = default(EvaluationCache);
            foreach (ParallelLayout layout in ctx.Enumerate(new SearchSpace()))
            {
                Assert.Equal(StrategyEvaluator.Evaluate(ctx.Costing, layout), StrategyEvaluator.Evaluate(ctx.Costing, layout, ref cache));
            }
        }, iter: 60);
    }

    [Fact]
    public void OneCacheSharedByTwoContexts_GivesEachItsOwnResults()
    {
        // Same degrees, different contexts (sequence length, then batch): a cache keyed on degrees alone would reuse
        // the first context's frame and parts for the second.
        var layout = new ParallelLayout { Tp = 8, Pp = 4, Dp = 2, Zero = 1, Recompute = RecomputeMode.Selective, SequenceParallel = true };
        var a = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { SequenceLength = 4096 });
        var b = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { SequenceLength = 8192, GlobalBatchSize = 256 });
        var cache = default(EvaluationCache);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(StrategyEvaluator.Evaluate(a.Costing, layout), StrategyEvaluator.Evaluate(a.Costing, layout, ref cache));
            Assert.Equal(StrategyEvaluator.Evaluate(b.Costing, layout), StrategyEvaluator.Evaluate(b.Costing, layout, ref cache));
        }
    }

    [Fact]
    public void Score_EqualsTheFullEvaluationsFigures()
    {
        Generators.Context(128).Sample(ctx =>
        {
            var cache = default(EvaluationCache);
            foreach (ParallelLayout layout in ctx.Enumerate(new SearchSpace()))
            {
                bool fits = StrategyEvaluator.TryScore(ctx.Costing, layout, ref cache, out double tokens, out double headroom);
                StrategyResult full = StrategyEvaluator.Evaluate(ctx.Costing, layout);

                Assert.Equal(full.Fits, fits);
                Assert.Equal(fits ? full.Time.TokensPerSecondPerGpu : 0, tokens);
                Assert.Equal(fits ? full.HeadroomBytes : 0, headroom);
            }
        }, iter: 60);
    }

    [Fact]
    public void CachedEvaluation_EqualsFreshEvaluation_ForArbitraryAndInvalidSequences()
    {
        // Each layout is either new or a ZeRO / recomputation / SP variant of the previous one, valid or not, so the
        // cache is both reused and refilled, including after degrees that fail a rule.
        Gen<(ParallelLayout Layout, bool Variant)[]> sequences = Gen.Select(Generators.AnyLayout, Gen.Bool).Array[2, 40];
        Gen.Select(Generators.Inputs, sequences).Sample((inputs, steps) =>
        {
            var ctx = PlanningContext.Create(inputs.Model, inputs.Cluster, inputs.Settings);
            var cache = default(EvaluationCache);
            ParallelLayout previous = steps[0].Layout;
            foreach ((ParallelLayout next, bool variant) in steps)
            {
                ParallelLayout layout = variant ? previous with { Zero = next.Zero, Recompute = next.Recompute, SequenceParallel = next.SequenceParallel } : next;
                Assert.Equal(StrategyEvaluator.Evaluate(ctx.Costing, layout), StrategyEvaluator.Evaluate(ctx.Costing, layout, ref cache));
                previous = layout;
            }
        }, iter: 300);
    }
}
