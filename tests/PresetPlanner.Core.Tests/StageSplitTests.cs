namespace PresetPlanner.Core.Tests;

public class StageSplitTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void StageParameters_Llama70B_StagesSumToTheWholeModel(int p)
    {
        ModelSpec m = Presets.Llama70B.Spec;
        var ctx = PlanningContext.Create(m, Clusters.Of(Presets.H100, p), new TrainingSettings());
        ParallelLayout layout = Clusters.Layout(1, p, 1);
        int perStage = m.Layers / p;

        double total = 0;
        for (int stage = 0; stage < p; stage++)
        {
            var shape = new StageShape(perStage, 0, First: stage == 0, Last: stage == p - 1);
            ModelStateMemory.StageParameters(ctx.Costing, layout, shape, out double dense, out double experts);
            total += dense + experts;
        }

        Assert.Equal(ParameterCount.Total(m), total, 0);
    }

    [Fact]
    public void StageParameters_Llama70BPp4_FirstHoldsEmbeddingLastHoldsHead()
    {
        ModelSpec m = Presets.Llama70B.Spec;
        var ctx = PlanningContext.Create(m, Clusters.Of(Presets.H100, 4), new TrainingSettings());
        ParallelLayout layout = Clusters.Layout(1, 4, 1);
        ModelStateMemory.StageParameters(ctx.Costing, layout, StageShape.FirstOf(m, 4, 1), out double first, out _);
        ModelStateMemory.StageParameters(ctx.Costing, layout, StageShape.LastOf(m, 4, 1), out double last, out _);

        long layer = ParameterCount.Layer(m, 0);
        long embedding = 128256L * 8192;
        Assert.Equal((20 * layer) + embedding, first, 0);
        Assert.Equal((20 * layer) + embedding + 8192, last, 0);
        Assert.Equal(18.16e9, first, 0.01e9);
    }

    [Fact]
    public void StageShape_DeepSeekV3Pp4_CountsMoeLayersPerStage()
    {
        ModelSpec m = Presets.DeepSeekV3.Spec;

        Assert.Equal(new StageShape(16, 13, true, false), StageShape.FirstOf(m, 4, 1));
        Assert.Equal(new StageShape(16, 16, false, true, Position: 3), StageShape.LastOf(m, 4, 1));
    }
}
