using Microsoft.CodeAnalysis;
using static PresetPlanner.Generator.Tests.DiagnosticAssert;

namespace PresetPlanner.Generator.Tests;

/// <summary>What a preset pull request written by an attacker, or by a careless hand, can do to the build: nothing but a located PP diagnostic.</summary>
public class HostileInputTests
{
    [Fact]
    public void Run_NameThatClosesTheDocComment_InjectsNoCode()
    {
        string name = "Inj</summary>\n public const int Injected = 42;\n /// <summary>x";
        string json = Fixtures.Edit(Fixtures.Model, "\"name\": \"Tiny 1B\"", "\"name\": " + System.Text.Json.JsonSerializer.Serialize(name));

        GeneratorResult result = GeneratorHarness.Run((Fixtures.ModelPath, json));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.Empty(result.Output.GetSymbolsWithName("Injected"));
        INamedTypeSymbol constants = result.Output.GetTypeByMetadataName("TestCatalog.Presets+Models+Tiny1B")!;
        Assert.Equal(name, constants.GetMembers("Name").OfType<IFieldSymbol>().Single().ConstantValue);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\u0085")]
    [InlineData("\"")]
    [InlineData("\\")]
    [InlineData("*/ /*")]
    [InlineData("\ud800")]
    public void Run_LineBreakOrQuoteInEveryString_GeneratedCodeStillCompiles(string hostile)
    {
        string text = System.Text.Json.JsonSerializer.Serialize("a" + hostile + "b").Trim('"');
        string model = Fixtures.Model.Replace("\"Tiny 1B\"", "\"Tiny" + text + "1B\"", StringComparison.Ordinal).Replace("\"test fixture\"", "\"fixture" + text + "\"", StringComparison.Ordinal);
        string gpu = Fixtures.Gpu.Replace("\"Test GPU\"", "\"GPU" + text + "\"", StringComparison.Ordinal).Replace("\"Test\"", "\"Vendor" + text + "\"", StringComparison.Ordinal);
        string cluster = Fixtures.Cluster.Replace("\"Test cluster\"", "\"Cluster" + text + "\"", StringComparison.Ordinal);

        GeneratorResult result = GeneratorHarness.Run((Fixtures.ModelPath, model), (Fixtures.GpuPath, gpu), (Fixtures.ClusterPath, cluster));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.Equal(4, result.HintNames.Count());
    }

    [Fact]
    public void Parse_LoneSurrogateEscape_ReportsALocatedPP0001NotAGeneratorCrash()
    {
        // Issue 31: "\ud800" in any string crashed the generator (an unlocated CS8785) and the build had no presets at all.
        string json = Fixtures.Edit(Fixtures.Model, "\"name\": \"Tiny 1B\"", "\"name\": \"Tiny \\ud800\"");
        string gpu = Fixtures.Gpu;

        GeneratorResult result = GeneratorHarness.Run((Fixtures.ModelPath, json), (Fixtures.GpuPath, gpu));

        Diagnostic error = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("PP0001", error.Id);
        Assert.Equal(PositionOf(json, "\"Tiny \\ud800\""), (error.Location.GetLineSpan().StartLinePosition.Line, error.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Contains("unpaired surrogate escape", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains(result.HintNames, h => h.Contains("Gpus", StringComparison.Ordinal));
        Assert.Empty(result.CompilationProblems);
    }

    [Theory]
    [InlineData("memoryGiB", "80", "1e300")]
    [InlineData("memoryGiB", "80", "1e400")]
    [InlineData("bf16Tflops", "989", "1e308")]
    [InlineData("scaleUpDomain", "8", "99999999999")]
    [InlineData("memoryTBps", "3.35", "-0")]
    public void Parse_GpuFigureBeyondItsType_ReportsPP0005NotACompilerError(string property, string valid, string hostile)
    {
        string json = Fixtures.Edit(Fixtures.Gpu, $"\"{property}\": {valid}", $"\"{property}\": {hostile}");

        GeneratorResult result = GeneratorHarness.Run((Fixtures.GpuPath, json));

        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("PP0005", diagnostic.Id);
        Assert.Equal(PositionOf(json, $"\"{property}\""), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Contains($"'{property}' is {hostile} but must be", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain("Presets.Gpus.TestGpu.g.cs", result.HintNames);
        Assert.Empty(result.CompilationProblems);
    }

    [Theory]
    [InlineData("layers", "16", "2000000000")]
    [InlineData("ffnHidden", "5632", "2147483647")]
    [InlineData("vocab", "32000", "99999999999999999999")]
    [InlineData("statedParameters", "0.953e9", "1e300")]
    public void Parse_ModelFigureBeyondTheCoreRange_ReportsPP0005(string property, string valid, string hostile)
    {
        string json = Fixtures.Edit(Fixtures.Model, $"\"{property}\": {valid}", $"\"{property}\": {hostile}");

        GeneratorResult result = GeneratorHarness.Run((Fixtures.ModelPath, json));

        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("PP0005", diagnostic.Id);
        Assert.Contains($"'{property}' is {hostile} but must be", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void Parse_TenThousandCharacterId_ReportsPP0013AndGeneratesNoFile()
    {
        string id = string.Concat(Enumerable.Repeat("a", 10_000));
        string json = Fixtures.Edit(Fixtures.Model, "\"tiny-1b\"", "\"" + id + "\"");

        GeneratorResult result = GeneratorHarness.Run((Fixtures.ModelPath, json));

        DiagnosticAssert.Single(result, "PP0013", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"id\""),
            "Preset 'tiny-1b.json': id 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa... (10000 characters)' is not valid; use at most 64 lower-case letters and digits in parts joined by '-' or '.', e.g. \"llama-3.1-70b\"");
        Assert.Equal(["Presets.Catalog.g.cs"], result.HintNames);
    }

    [Fact]
    public void Parse_NonAsciiIdentifier_ReportsPP0013()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"id\": \"tiny-1b\",", "\"id\": \"tiny-1b\",\n  \"identifier\": \"Tïny\",");

        Assert.Equal("PP0013", Assert.Single(GeneratorHarness.Run((Fixtures.ModelPath, json)).GeneratorDiagnostics).Id);
    }

    [Fact]
    public void Run_NewFileCopyingAnExistingId_IsBlamedNotTheCanonicalOwner()
    {
        // "a-copy.json" sorts before "tiny-1b.json", but "tiny-1b.json" is named after its id: the copy is the duplicate.
        const string copy = "/repo/presets/models/a-copy.json";
        string json = Fixtures.Edit(Fixtures.Model, "\"id\": \"tiny-1b\",", "\"id\": \"tiny-1b\",\n  \"identifier\": \"TinyCopy\",");

        GeneratorResult result = GeneratorHarness.Run((Fixtures.ModelPath, Fixtures.Model), (copy, json));

        DiagnosticAssert.Single(result, "PP0009", DiagnosticSeverity.Error, copy, PositionOf(json, "\"id\""),
            "Preset id 'tiny-1b' is already used by 'tiny-1b.json'; give this preset a unique id");
        Assert.Contains("Presets.Models.Tiny1B.g.cs", result.HintNames);
        Assert.DoesNotContain("Presets.Models.TinyCopy.g.cs", result.HintNames);
    }
}
