using CsCheck;

namespace PresetPlanner.Core.Tests;

public class EvaluationCacheTests
{
    [Fact]
    public void CachedEvaluation_EqualsFreshEvaluation_OverWholeSpaces()
    {
        Gen.Select(Generators.Model, Generators.Cluster, Generators.Settings).Where((m, c, s) => c.GpuCount <= 128).Sample((model, cluster, settings) =>
        {
            var ctx = new PlanningContext(model, cluster, settings);
            var cache = default(EvaluationCache);
            foreach (ParallelLayout layout in new StrategyEnumerator(in ctx))
            {
                Assert.Equal(StrategyEvaluator.Evaluate(ctx, layout), StrategyEvaluator.Evaluate(ctx, layout, ref cache));
            }
        }, iter: 60);
    }

    [Fact]
    public void Score_EqualsTheFullEvaluationsFigures()
    {
        Gen.Select(Generators.Model, Generators.Cluster, Generators.Settings).Where((m, c, s) => c.GpuCount <= 128).Sample((model, cluster, settings) =>
        {
            var ctx = new PlanningContext(model, cluster, settings);
            var cache = default(EvaluationCache);
            foreach (ParallelLayout layout in new StrategyEnumerator(in ctx))
            {
                bool fits = StrategyEvaluator.TryScore(ctx, layout, ref cache, out double tokens, out double headroom);
                StrategyResult full = StrategyEvaluator.Evaluate(ctx, layout);

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
        Gen.Select(Generators.Model, Generators.Cluster, Generators.Settings, sequences).Sample((model, cluster, settings, steps) =>
        {
            var ctx = new PlanningContext(model, cluster, settings);
            var cache = default(EvaluationCache);
            ParallelLayout previous = steps[0].Layout;
            foreach ((ParallelLayout next, bool variant) in steps)
            {
                ParallelLayout layout = variant ? previous with { Zero = next.Zero, Recompute = next.Recompute, SequenceParallel = next.SequenceParallel } : next;
                Assert.Equal(StrategyEvaluator.Evaluate(ctx, layout), StrategyEvaluator.Evaluate(ctx, layout, ref cache));
                previous = layout;
            }
        }, iter: 300);
    }
}
