namespace PresetPlanner.Generator.Tests;

public class CodegenTests
{
    [Fact]
    public void Run_RepresentativePresets_MatchBaselines()
    {
        GeneratorResult result = GeneratorHarness.Run(
            GeneratorHarness.RealPreset("models", "llama-3.1-70b"),
            GeneratorHarness.RealPreset("gpus", "h100-sxm"),
            GeneratorHarness.RealPreset("clusters", "h100x64"));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.Equal(
            ["Presets.Catalog.g.cs", "Presets.Clusters.H100x64.g.cs", "Presets.Gpus.H100.g.cs", "Presets.Models.Llama70B.g.cs"],
            result.HintNames.Order(StringComparer.Ordinal));
        foreach (string hint in result.HintNames)
        {
            Baseline.Match(nameof(Run_RepresentativePresets_MatchBaselines), hint, result.Source(hint));
        }
    }

    [Fact]
    public void Run_Fixtures_GeneratedConstantsAreUsableInConstantExpressions()
    {
        GeneratorResult result = GeneratorHarness.Run(Fixtures.All());
        var probe = GeneratorHarness.Parse("""
            namespace Probe;
            internal static class Uses
            {
                public const int L = TestCatalog.Presets.Models.Tiny1B.Layers * 2;
                public const long Bytes = TestCatalog.Presets.Gpus.TestGpu.MemoryBytes;
                public const double Out = TestCatalog.Presets.Clusters.TestCluster.ScaleOutBytesPerSecond;
                public static int Count => TestCatalog.Presets.Models.All.Length + TestCatalog.Presets.Models.IndexOf("tiny-1b");
                public static global::PresetPlanner.Specs.ClusterSpec Cluster => TestCatalog.Presets.TestCluster.Spec;
                public static string Gpu => TestCatalog.Presets.TestCluster.GpuInfo.Id;
            }
            """);
        var compiled = result.Output.AddSyntaxTrees(probe);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(compiled.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Run_Fixtures_ClusterSpecEmbedsItsGpuAndTakesItsScaleOut()
    {
        GeneratorResult result = GeneratorHarness.Run(Fixtures.All());
        string cluster = result.Source("Presets.Clusters.TestCluster.g.cs");

        Assert.Contains("Gpu = Gpus.TestGpu.Spec,", cluster, StringComparison.Ordinal);
        Assert.Contains("public const double ScaleOutBytesPerSecond = Gpus.TestGpu.ScaleOutBytesPerSecond;", cluster, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EfficienciesInPresets_ReachTheSpecs()
    {
        string gpu = Fixtures.Edit(Fixtures.Gpu, "\"scaleOutGBps\": 50", "\"scaleOutGBps\": 50,\n  \"matmulEfficiency\": 0.6,\n  \"scaleUpEfficiency\": 0.8,\n  \"tensorClockRatio\": 1.1,\n  \"exponentialTeraPerSecond\": 3.9");
        string cluster = Fixtures.Edit(Fixtures.Cluster, "\"gpusPerNode\": 8", "\"gpusPerNode\": 8,\n  \"scaleOutEfficiency\": 0.7,\n  \"storageWriteGBps\": 4");
        GeneratorResult result = GeneratorHarness.Run((Fixtures.GpuPath, gpu), (Fixtures.ClusterPath, cluster));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains("public const double MatmulEfficiency = 0.6d;", result.Source("Presets.Gpus.TestGpu.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public const double ScaleUpEfficiency = 0.8d;", result.Source("Presets.Gpus.TestGpu.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public const double TensorClockRatio = 1.1d;", result.Source("Presets.Gpus.TestGpu.g.cs"), StringComparison.Ordinal);
        Assert.Contains("TensorClockRatio = TensorClockRatio,", result.Source("Presets.Gpus.TestGpu.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public const double ExponentialsPerSecond = 3900000000000.0d;", result.Source("Presets.Gpus.TestGpu.g.cs"), StringComparison.Ordinal);
        Assert.Contains("ExponentialsPerSecond = ExponentialsPerSecond,", result.Source("Presets.Gpus.TestGpu.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public const double ScaleOutEfficiency = 0.7d;", result.Source("Presets.Clusters.TestCluster.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public const double StorageWriteBytesPerSecondPerNode = 4.0d * 1e9d;", result.Source("Presets.Clusters.TestCluster.g.cs"), StringComparison.Ordinal);
        Assert.Contains("StorageWriteBytesPerSecondPerNode = StorageWriteBytesPerSecondPerNode,", result.Source("Presets.Clusters.TestCluster.g.cs"), StringComparison.Ordinal);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void Run_WindowInModelPreset_ReachesTheSpec()
    {
        string model = Fixtures.Edit(Fixtures.Model, "\"maxSequence\": 4096", "\"maxSequence\": 4096,\n  \"window\": { \"size\": 1024, \"chunked\": true, \"globalEvery\": 6 }");
        GeneratorResult result = GeneratorHarness.Run((Fixtures.ModelPath, model), (Fixtures.GpuPath, Fixtures.Gpu), (Fixtures.ClusterPath, Fixtures.Cluster));

        Assert.Empty(result.GeneratorDiagnostics);
        string source = result.Source("Presets.Models.Tiny1B.g.cs");
        Assert.Contains("public const int AttentionWindow = 1024;", source, StringComparison.Ordinal);
        Assert.Contains("public const bool ChunkedAttention = true;", source, StringComparison.Ordinal);
        Assert.Contains("public const int GlobalAttentionInterval = 6;", source, StringComparison.Ordinal);
        Assert.Contains("GlobalAttentionInterval = GlobalAttentionInterval,", source, StringComparison.Ordinal);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void Run_ValidPresetBesideBrokenOne_ValidOneStillGenerates()
    {
        GeneratorResult result = GeneratorHarness.Run(
            (Fixtures.ModelPath, Fixtures.Model),
            ("/repo/presets/models/broken.json", "{ \"id\": "));

        Assert.Contains("Presets.Models.Tiny1B.g.cs", result.HintNames);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PP0001");
        Assert.Contains("\"tiny-1b\" => 0,", result.Source("Presets.Catalog.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_JsonOutsidePresetFolders_IsIgnored()
    {
        GeneratorResult result = GeneratorHarness.Run(
            ("/repo/presets/schema/model.schema.json", "{ \"type\": \"object\" }"),
            ("/repo/appsettings.json", "{ not json"),
            ("/repo/presets/models/notes.txt", "text"));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal(["Presets.Catalog.g.cs"], result.HintNames);
    }
}
