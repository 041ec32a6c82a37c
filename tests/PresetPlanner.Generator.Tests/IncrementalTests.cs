using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace PresetPlanner.Generator.Tests;

public class IncrementalTests
{
    private static readonly IncrementalStepRunReason[] s_cachedOrUnchanged = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void Run_SecondRunWithoutChange_EveryTrackedStepIsCachedOrUnchanged()
    {
        GeneratorResult first = GeneratorHarness.Run(Fixtures.All());
        GeneratorDriver driver = first.Driver.RunGenerators(first.Input.Clone());

        AssertSteps(driver.GetRunResult(), GeneratorHarness.TrackingNames, s_cachedOrUnchanged);
    }

    [Fact]
    public void Run_AddingUnrelatedSyntaxTree_EveryTrackedStepIsCachedOrUnchanged()
    {
        GeneratorResult first = GeneratorHarness.Run(Fixtures.All());
        Compilation changed = first.Input.AddSyntaxTrees(GeneratorHarness.Parse("namespace Other; internal static class Unrelated { }"));
        GeneratorDriver driver = first.Driver.RunGenerators(changed);

        AssertSteps(driver.GetRunResult(), GeneratorHarness.TrackingNames, s_cachedOrUnchanged);
    }

    [Fact]
    public void Run_EditOneGpuFile_OnlyThatFileIsReparsed()
    {
        GeneratorResult first = GeneratorHarness.Run(Fixtures.All());
        var edited = new InMemoryAdditionalText(Fixtures.GpuPath, Fixtures.Edit(Fixtures.Gpu, "\"memoryGiB\": 80", "\"memoryGiB\": 96"));
        GeneratorDriver driver = first.Driver.ReplaceAdditionalText(first.Text(Fixtures.GpuPath), edited).RunGenerators(first.Input.Clone());

        IncrementalStepRunReason[] parsed = Reasons(driver.GetRunResult(), "ParsedPresetFile");
        Assert.Equal(2, parsed.Count(r => r == IncrementalStepRunReason.Cached));
        Assert.Equal(1, parsed.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver.GetRunResult(), "GpuSpecs"));
        AssertSteps(driver.GetRunResult(), ["ModelSpecs", "ClusterSpecs", "GpuIndex", "Catalog"], s_cachedOrUnchanged);
    }

    [Fact]
    public void Run_WhitespaceOnlyEdit_DownstreamStepsUnchanged()
    {
        GeneratorResult first = GeneratorHarness.Run(Fixtures.All());
        var edited = new InMemoryAdditionalText(Fixtures.ModelPath, Fixtures.Model.Replace("\n", "\n\n", StringComparison.Ordinal) + "   ");
        GeneratorDriver driver = first.Driver.ReplaceAdditionalText(first.Text(Fixtures.ModelPath), edited).RunGenerators(first.Input.Clone());
        GeneratorDriverRunResult run = driver.GetRunResult();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(run, "ParsedPresetFile"));
        AssertSteps(run, ["ModelSpecs", "GpuSpecs", "ClusterSpecs", "Identities", "GpuIndex", "Catalog"], s_cachedOrUnchanged);
    }

    [Fact]
    public void Run_PipelineOutputs_HoldNoRoslynSymbolsSyntaxOrCompilation()
    {
        GeneratorResult first = GeneratorHarness.Run(Fixtures.All());
        var ours = first.RunResult.Results.Single().TrackedSteps.Where(s => GeneratorHarness.TrackingNames.Contains(s.Key));
        Assert.NotEmpty(ours);
        foreach (IncrementalGeneratorRunStep step in ours.SelectMany(s => s.Value))
        {
            foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
            {
                AssertNoRoslynObjects(value, step.Name ?? "?", depth: 0);
            }
        }
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorDriverRunResult run, string stepName) =>
        run.Results.Single().TrackedSteps.TryGetValue(stepName, out var steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray()
            : [];

    private static void AssertSteps(GeneratorDriverRunResult run, IEnumerable<string> names, IncrementalStepRunReason[] allowed)
    {
        var tracked = run.Results.Single().TrackedSteps;
        foreach (string name in names)
        {
            Assert.True(tracked.ContainsKey(name), $"step {name} was not tracked");
            foreach (IncrementalGeneratorRunStep step in tracked[name])
            {
                foreach ((object _, IncrementalStepRunReason reason) in step.Outputs)
                {
                    Assert.True(allowed.Contains(reason), $"step {name} output was {reason}");
                }
            }
        }
    }

    private static void AssertNoRoslynObjects(object? value, string step, int depth)
    {
        if (value is null || depth > 6 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel, $"step {step} keeps a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertNoRoslynObjects(item, step, depth + 1);
            }

            return;
        }

        if (value.GetType().Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
        {
            return;
        }

        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                AssertNoRoslynObjects(property.GetValue(value), step, depth + 1);
            }
        }
    }
}
