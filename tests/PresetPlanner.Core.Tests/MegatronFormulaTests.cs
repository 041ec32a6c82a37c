namespace PresetPlanner.Core.Tests;

/// <summary>
/// The model-state memory reduces to Megatron-LM's theoretical formula (theoretical_memory_usage.py): 18 bytes per
/// parameter on the most loaded shard, 6 + 12/d with the distributed optimizer.
/// </summary>
public class MegatronFormulaTests
{
    private static readonly ModelSpec s_gpt3 = Presets.Gpt3_175B.Spec;

    [Theory]
    [InlineData(0, 18.0)]
    [InlineData(1, 6.0 + (12.0 / 8))]
    public void ModelStates_Gpt3Tp8Pp16_BytesPerParameterMatchMegatron(int zero, double bytesPerParameter)
    {
        // 8 x 16 x 8 = 1024 GPUs: d = 8.
        var ctx = PlanningContext.Create(s_gpt3, Clusters.Of(Presets.A100, 1024), new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 1536 });
        ParallelLayout layout = Clusters.Layout(8, 16, 8, zero: zero);
        StageShape first = StageShape.FirstOf(s_gpt3, 16, 1);

        ModelStateMemory.StageParameters(ctx.Costing, layout, first, out double parameters, out double experts);
        ModelStateMemory.Compute(ctx.Costing, layout, first, out double w, out double g, out double o);

        Assert.Equal(0, experts);
        Assert.Equal(bytesPerParameter, (w + g + o) / parameters, 12);
        Assert.Equal(MegatronMostLoadedShard(s_gpt3, tp: 8, pp: 16), parameters, MegatronTolerance(parameters));
    }

    [Fact]
    public void ModelStates_Gpt3Tp8Pp16_MatchMegatronFigureInGigabytes()
    {
        double shard = MegatronMostLoadedShard(s_gpt3, tp: 8, pp: 16);
        var ctx = PlanningContext.Create(s_gpt3, Clusters.Of(Presets.A100, 1024), new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 1536 });
        ModelStateMemory.Compute(ctx.Costing, Clusters.Layout(8, 16, 8), StageShape.FirstOf(s_gpt3, 16, 1), out double w, out double g, out double o);

        // Megatron: 1.4376e9 parameters x 18 bytes = 25.9 GB; ours adds the replicated learned position embedding.
        Assert.Equal(25.88e9, shard * 18, 0.01e9);
        Assert.InRange((w + g + o) / (shard * 18), 1.0, 1.02);
    }

    [Fact]
    public void ModelStates_Zero3_ShardsEverythingOverDataParallelRanks()
    {
        var ctx = PlanningContext.Create(s_gpt3, Clusters.Of(Presets.A100, 384), new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 1536 });
        StageShape stage = StageShape.FirstOf(s_gpt3, 1, 1);
        ModelStateMemory.Compute(ctx.Costing, Clusters.Layout(1, 1, 384, zero: 3), stage, out double w, out double g, out double o);

        double psi = ParameterCount.Total(s_gpt3);
        Assert.Equal(4.0 * psi / 384, g, 1);
        Assert.Equal(12.0 * psi / 384, o, 1);
        Assert.True(w > 2.0 * psi / 384, "ZeRO-3 adds the gather buffers of two layers");
    }

    /// <summary>Megatron-LM theoretical_memory_usage.py: ((12 L h^2 (1 + 1/(3h))... ) / p + V h) / t for a GPT.</summary>
    internal static double MegatronMostLoadedShard(in ModelSpec m, int tp, int pp)
    {
        double h = m.Hidden;
        double transformer = 2.0 * m.Layers * h * h * (((1.0 + ((double)m.KvHeads / m.Heads)) * (m.Heads * (double)m.HeadDim / h))
            + ((double)m.FfnHidden / h * (m.GatedMlp ? 1.5 : 1.0)) + (2.0 / h));
        double embedding = h * m.Vocab;
        return ((transformer / pp) + embedding) / tp;
    }

    // Megatron's count leaves out biases and learned position embeddings (25.2M replicated on the first stage of GPT-3).
    private static double MegatronTolerance(double parameters) => 0.02 * parameters;
}
