namespace PresetPlanner.Core.Tests;

/// <summary>Bad input names its field by type (issue 30, typed identities): front ends map it without parsing text.</summary>
public class InputFieldTests
{
    [Fact]
    public void SettingOutOfRange_IsTypedAndNamed()
    {
        var e = Assert.Throws<PlanInputException>(() => PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { SequenceLength = 0 }));

        Assert.Equal(InputField.SequenceLength, e.Input);
        Assert.Null(e.Spec);
        Assert.Equal("Settings.SequenceLength", e.Field);
        Assert.StartsWith("Settings.SequenceLength is 0 but must be", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelAndClusterFigures_CarryTheirSpecField()
    {
        var model = Assert.Throws<PlanInputException>(() => PlanningContext.Create(Presets.Llama70B.Spec with { Heads = 0 }, Presets.H100x64, new TrainingSettings()));
        var gpu = Assert.Throws<PlanInputException>(() => PlanningContext.Create(Presets.Llama70B, ClusterPreset.Of(Presets.H100 with { Spec = Presets.H100.Spec with { MemoryBytes = -1 } }, 8), new TrainingSettings()));

        Assert.Equal((InputField.Model, SpecField.Heads, "Model.Heads"), (model.Input, model.Spec, model.Field));
        Assert.Equal((InputField.Cluster, SpecField.MemoryBytes, "Cluster.MemoryBytes"), (gpu.Input, gpu.Spec, gpu.Field));
    }

    [Fact]
    public void InverseQuestionArgumentsAndEfficiencies_AreTyped()
    {
        var step = Assert.Throws<PlanInputException>(() => InverseQuestions.TryFindMaxSequence(Presets.Llama8B, Presets.H100x8, new TrainingSettings(), new SearchSpace(), 65536, 0, out _));
        var efficiency = Assert.Throws<PlanInputException>(() => PlanningContext.Create(Presets.Llama8B, Presets.H100x8, new TrainingSettings(), EfficiencyModel.Default with { Matmul = 2 }));

        Assert.Equal((InputField.Step, "step"), (step.Input, step.Field));
        Assert.Equal((InputField.Efficiency, "Matmul", "Efficiency.Matmul"), (efficiency.Input, efficiency.Key, efficiency.Field));
    }

    [Fact]
    public void EveryInputField_HasADistinctName()
    {
        string[] names = [.. Enum.GetValues<InputField>().Select(f => PlanInputException.NameOf(f, SpecField.Layers, "key"))];

        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
    }
}
