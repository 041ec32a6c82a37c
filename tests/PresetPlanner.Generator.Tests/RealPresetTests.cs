using System.Globalization;
using System.Text.RegularExpressions;

namespace PresetPlanner.Generator.Tests;

/// <summary>The shipped presets/ folder: every file compiles cleanly and states a parameter count the shape confirms.</summary>
public partial class RealPresetTests
{
    private static readonly GeneratorResult s_result = GeneratorHarness.Run(GeneratorHarness.RealPresets());

    [Fact]
    public void Run_ShippedPresets_ZeroDiagnosticsAndOutputCompiles()
    {
        Assert.Empty(s_result.GeneratorDiagnostics);
        Assert.Empty(s_result.CompilationProblems);
    }

    [Fact]
    public void Run_ShippedPresets_MeetTheCatalogMinimums()
    {
        Assert.True(s_result.HintNames.Count(h => h.StartsWith("Presets.Models.", StringComparison.Ordinal)) >= 20);
        Assert.True(s_result.HintNames.Count(h => h.StartsWith("Presets.Gpus.", StringComparison.Ordinal)) >= 12);
        Assert.True(s_result.HintNames.Count(h => h.StartsWith("Presets.Clusters.", StringComparison.Ordinal)) >= 10);
    }

    [Fact]
    public void Run_EveryShippedPreset_CitesASourceAndItsSchema()
    {
        foreach ((string path, string json) in GeneratorHarness.RealPresets().Where(p => !p.Path.Contains("schema", StringComparison.Ordinal)))
        {
            string kind = Path.GetFileName(Path.GetDirectoryName(path))!.TrimEnd('s');
            Assert.Contains($"\"$schema\": \"../schema/{kind}.schema.json\"", json, StringComparison.Ordinal);
            Assert.Matches("\"source\": \"[^\"]{20,}", json);
        }
    }

    [Fact]
    public void Run_EveryShippedModel_ComputedCountWithinTwoPercentOfStated()
    {
        foreach (string hint in s_result.HintNames.Where(h => h.StartsWith("Presets.Models.", StringComparison.Ordinal)))
        {
            string code = s_result.Source(hint);
            long stated = Const(code, "StatedParameterCount");
            long computed = Const(code, "ParameterCount");
            Assert.True(Math.Abs(stated - computed) <= 0.02 * computed, $"{hint}: stated {stated} vs computed {computed}");
        }
    }

    [Theory]
    [InlineData("Presets.Models.Llama70B.g.cs", 70.55e9)]
    [InlineData("Presets.Models.Gpt3_175B.g.cs", 174.6e9)]
    [InlineData("Presets.Models.Llama405B.g.cs", 405.85e9)]
    [InlineData("Presets.Models.DeepSeekV3.g.cs", 671.03e9)]
    [InlineData("Presets.Models.Mixtral8x7B.g.cs", 46.70e9)]
    public void Run_KnownModels_ComputedCountMatchesPublishedShapeCount(string hint, double expected)
    {
        long computed = Const(s_result.Source(hint), "ParameterCount");

        // The published figures carry four significant digits.
        Assert.True(Math.Abs(computed - expected) <= 5e-4 * expected, $"{hint}: computed {computed}, published {expected}");
    }

    private static long Const(string code, string name)
    {
        Match m = Regex.Match(code, "public const long " + name + " = (\\d+)L;");
        Assert.True(m.Success, name + " not found");
        return long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
