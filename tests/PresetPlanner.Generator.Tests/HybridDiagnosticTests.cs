using Microsoft.CodeAnalysis;
using static PresetPlanner.Generator.Tests.DiagnosticAssert;

namespace PresetPlanner.Generator.Tests;

/// <summary>A hybrid Mamba-Transformer preset's pattern and Mamba figures, each problem located at its property.</summary>
public class HybridDiagnosticTests
{
    private const string M = "tiny-1b.json";

    private static GeneratorResult RunModel(string json) => GeneratorHarness.Run((Fixtures.ModelPath, json));

    // The fixture's 16 layers as a hybrid: 6 Mamba-2, 2 attention, 8 MLP.
    private static string Hybrid(string pattern, string mamba = "\"mamba\": { \"heads\": 32, \"headDim\": 64, \"stateSize\": 128, \"groups\": 8 },") =>
        Fixtures.Edit(Fixtures.Model, "\"layers\": 16,", $"\"layers\": 16,\n  \"hybrid\": {{ \"pattern\": \"{pattern}\" }},\n  {mamba}");

    [Fact]
    public void Parse_ValidHybrid_EmitsItsLayerCountsAndMixer()
    {
        GeneratorResult result = RunModel(Hybrid("M-M-M-*-M-M-M-*-"));
        // Only the stated-count warning (the fixture states a transformer's count) is reported.
        Assert.Equal(["PP0008"], result.GeneratorDiagnostics.Select(d => d.Id));
        DiagnosticAssert.GeneratedCodeCompiles(result);
        string code = result.Source("Presets.Models.Tiny1B.g.cs");
        Assert.Contains("Hybrid = new global::PresetPlanner.Specs.HybridLayers(MambaLayers, AttentionLayers, MlpLayers, MoeLayers),", code, StringComparison.Ordinal);
        Assert.Contains("public const int MambaLayers = 6;", code, StringComparison.Ordinal);
        Assert.Contains("public const int MlpLayers = 8;", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PatternWithAPipelineSeparator_ReportsPP0005AtThePattern()
    {
        string json = Hybrid("M-M-M-*-|M-M-M-*-");

        DiagnosticAssert.Single(RunModel(json), "PP0005", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"pattern\""),
            $"Preset '{M}': property 'hybrid.pattern' is '|' at position 9 but must be a string of M (Mamba-2), * (attention), - (MLP) and E (MoE) layers; correct the value");
    }

    [Fact]
    public void Parse_PatternShorterThanLayers_ReportsPP0006AtThePattern()
    {
        string json = Hybrid("M-M-*-");

        DiagnosticAssert.Single(RunModel(json), "PP0006", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"pattern\""),
            $"Preset '{M}': the pattern has 6 layers but layers is 16; make layers the length of the pattern");
    }

    [Fact]
    public void Parse_GroupsNotDividingHeads_ReportsPP0006AtGroups()
    {
        string json = Hybrid("M-M-M-*-M-M-M-*-", "\"mamba\": { \"heads\": 30, \"headDim\": 64, \"stateSize\": 128, \"groups\": 8 },");

        DiagnosticAssert.Single(RunModel(json), "PP0006", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"groups\""),
            $"Preset '{M}': groups (8) do not divide the SSM heads (30); each group of B and C serves the same number of heads");
    }

    [Fact]
    public void Parse_MoeLayersWithoutExperts_ReportsPP0006AtThePattern()
    {
        string json = Hybrid("MEMEMEM*MEMEMEM*");

        DiagnosticAssert.Single(RunModel(json), "PP0006", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"pattern\""),
            $"Preset '{M}': the pattern has 6 MoE (E) layers but no experts are given; make the pattern's E layers and the experts agree");
    }
}
