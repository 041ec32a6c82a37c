namespace PresetPlanner.Core.Tests;

/// <summary>
/// Plans a framework can run (issue 33 item 2): with <see cref="TrainingSettings.Framework"/> the rule book keeps only
/// the layouts that framework launches, and the table counts what it left out.
/// </summary>
public class FrameworkRuleTests
{
    private static StrategyTable Plan(ExportFramework? framework, ModelPreset? model = null) =>
        PlanningContext.Create(model ?? Presets.Llama70B, Presets.H100x64, new TrainingSettings { Framework = framework }).Plan();

    [Fact]
    public void DeepSpeed_KeepsNoInterleavingNoCpAndNoShardedPipeline_AndCountsWhatItLeftOut()
    {
        StrategyTable any = Plan(null);
        StrategyTable deepSpeed = Plan(ExportFramework.DeepSpeed);

        Assert.NotEmpty(deepSpeed.Rows.ToArray());
        Assert.All(deepSpeed.Rows.ToArray(), r =>
        {
            Assert.Equal(1, r.Layout.Vp);
            Assert.Equal(1, r.Layout.Cp);
            Assert.False(r.Layout.Zero >= 2 && r.Layout.Pp > 1);
        });
        int runnable = any.Rows.ToArray().Count(r => r.Layout.Vp == 1 && r.Layout.Cp == 1 && !(r.Layout.Zero >= 2 && r.Layout.Pp > 1));
        Assert.Equal(runnable, deepSpeed.Rows.Length);
        Assert.Equal(any.Rows.Length - runnable, deepSpeed.FrameworkLeftOut);
        Assert.True(deepSpeed.TryGetRecommended(out StrategyResult best) && (best.Layout.Zero <= 1 || best.Layout.Pp == 1));
    }

    [Fact]
    public void Torchtitan_KeepsNoZero1AndNoTpWithoutSequenceParallelism()
    {
        StrategyTable any = Plan(null);
        StrategyTable titan = Plan(ExportFramework.Torchtitan);

        Assert.All(titan.Rows.ToArray(), r =>
        {
            Assert.NotEqual(1, r.Layout.Zero);
            Assert.False(r.Layout.Tp > 1 && !r.Layout.SequenceParallel);
        });
        // torchtitan also walks its V schedules (ZB-V, DualPipeV); its 1F1B rows are the rule book's less its own rules.
        Assert.Equal(any.Rows.ToArray().Count(r => r.Layout.Zero != 1 && !(r.Layout.Tp > 1 && !r.Layout.SequenceParallel)), titan.Rows.ToArray().Count(r => r.Layout.Schedule == PipelineSchedule.OneForwardOneBackward));
    }

    [Fact]
    public void MegatronFamily_KeepsEveryLayoutTheRulesAllow()
    {
        Assert.Equal(Plan(null).Rows.Length, Plan(ExportFramework.Megatron).Rows.Length);
        Assert.Equal(0, Plan(ExportFramework.MegatronBridge).FrameworkLeftOut);
    }

    [Theory]
    [InlineData(ExportFramework.DeepSpeed, 4, 4, 2, 1, 1, 1, Constraint.FrameworkHasNoInterleaving)]
    [InlineData(ExportFramework.DeepSpeed, 4, 4, 1, 2, 1, 1, Constraint.FrameworkHasNoContextParallel)]
    [InlineData(ExportFramework.DeepSpeed, 4, 4, 1, 1, 2, 1, Constraint.FrameworkRefusesShardedPipeline)]
    [InlineData(ExportFramework.DeepSpeed, 4, 1, 1, 1, 3, 1, Constraint.None)]
    [InlineData(ExportFramework.Torchtitan, 4, 4, 1, 1, 1, 1, Constraint.FrameworkHasNoOptimizerOnlySharding)]
    [InlineData(ExportFramework.Torchtitan, 4, 4, 1, 1, 2, 0, Constraint.FrameworkRequiresSequenceParallel)]
    [InlineData(ExportFramework.Torchtitan, 4, 4, 2, 2, 3, 1, Constraint.None)]
    public void Check_NamesTheFrameworksRule(ExportFramework framework, int tp, int pp, int vp, int cp, int zero, int sp, Constraint expected)
    {
        var ctx = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { Framework = framework });
        ParallelLayout layout = Clusters.Layout(tp, pp, 64 / (tp * pp * cp), cp: cp, vp: vp, zero: zero, sp: sp == 1);

        Assert.Equal(expected, ctx.Evaluate(layout).Failure.Constraint);
    }

    [Fact]
    public void UndefinedFramework_IsRefusedWithItsField()
    {
        PlanInputException ex = Assert.Throws<PlanInputException>(() =>
            PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { Framework = (ExportFramework)9 }));

        Assert.Equal(InputField.Framework, ex.Input);
    }
}
