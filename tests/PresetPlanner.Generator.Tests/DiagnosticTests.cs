using Microsoft.CodeAnalysis;
using static PresetPlanner.Generator.Tests.DiagnosticAssert;

namespace PresetPlanner.Generator.Tests;

public class DiagnosticTests
{
    private const string M = "tiny-1b.json";

    private static GeneratorResult RunModel(string json) => GeneratorHarness.Run((Fixtures.ModelPath, json));

    [Fact]
    public void Parse_MalformedJson_ReportsPP0001AtTheBadToken()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"layers\": 16,", "\"layers\": 16,,");
        (int line, int column) = PositionOf(json, ",,");

        DiagnosticAssert.Single(RunModel(json), "PP0001", DiagnosticSeverity.Error, Fixtures.ModelPath, (line, column + 1),
            $"Preset file '{M}' is not valid JSON: ',' is an invalid start of a property name. Expected a '\"'; fix the syntax at this position");
    }

    [Fact]
    public void Parse_MissingLayers_ReportsPP0002AtTheObject()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"layers\": 16,", string.Empty);

        DiagnosticAssert.Single(RunModel(json), "PP0002", DiagnosticSeverity.Error, Fixtures.ModelPath, (0, 0),
            $"Preset '{M}' has no required property 'layers'; add it (\"layers\": 80), see presets/schema/model.schema.json");
    }

    [Fact]
    public void Parse_UnknownProperty_ReportsPP0003AtTheProperty()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"layers\": 16,", "\"layers\": 16,\n  \"layerz\": 3,");

        DiagnosticAssert.Single(RunModel(json), "PP0003", DiagnosticSeverity.Warning, Fixtures.ModelPath, PositionOf(json, "\"layerz\""),
            $"Preset '{M}' has an unknown property 'layerz'; remove it or correct its spelling (known properties are in presets/schema/model.schema.json)");
    }

    [Fact]
    public void Parse_LayersAsString_ReportsPP0004AtTheProperty()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"layers\": 16", "\"layers\": \"16\"");

        DiagnosticAssert.Single(RunModel(json), "PP0004", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"layers\""),
            $"Preset '{M}': property 'layers' must be an integer, not a string; write it as an integer");
    }

    [Fact]
    public void Parse_ZeroLayers_ReportsPP0005AtTheProperty()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"layers\": 16", "\"layers\": 0");

        DiagnosticAssert.Single(RunModel(json), "PP0005", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"layers\""),
            $"Preset '{M}': property 'layers' is 0 but must be an integer from 1 to 100000; correct the value");
    }

    [Fact]
    public void Parse_KvHeadsNotDividingHeads_ReportsPP0006AtKvHeads()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"kvHeads\": 16", "\"kvHeads\": 5");

        DiagnosticAssert.Single(RunModel(json), "PP0006", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"kvHeads\""),
            $"Preset '{M}': kvHeads (5) do not divide heads (16); each KV head must serve the same number of query heads");
    }

    [Fact]
    public void Parse_HeadsNotDividingHidden_ReportsPP0006AtHeads()
    {
        string json = Fixtures.Edit(Fixtures.Edit(Fixtures.Model, "\"heads\": 16", "\"heads\": 24"), "\"kvHeads\": 16", "\"kvHeads\": 24");

        DiagnosticAssert.Single(RunModel(json), "PP0006", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"heads\""),
            $"Preset '{M}': heads (24) do not divide hidden (2048); correct heads or hidden, or state \"headDim\" when heads x headDim differs from hidden");
    }

    [Fact]
    public void Parse_ActiveExpertsAboveExperts_ReportsPP0006AtActiveExperts()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"layers\": 16,", "\"layers\": 16,\n  \"moe\": { \"experts\": 4, \"activeExperts\": 8, \"ffnHidden\": 512 },");

        DiagnosticAssert.Single(RunModel(json), "PP0006", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"activeExperts\""),
            $"Preset '{M}': activeExperts (8) exceed experts (4); a token cannot be routed to more experts than exist");
    }

    [Fact]
    public void Parse_ImplausibleDropout_ReportsPP0007Warning()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"layers\": 16,", "\"layers\": 16,\n  \"dropout\": 0.7,");

        DiagnosticAssert.Single(RunModel(json), "PP0007", DiagnosticSeverity.Warning, Fixtures.ModelPath, PositionOf(json, "\"dropout\""),
            $"Preset '{M}': property 'dropout' is 0.7, which is implausible (dropout above 0.5 would not train); check it against the source");
    }

    [Fact]
    public void Parse_StatedCountOffByMoreThanTwoPercent_ReportsPP0008Warning()
    {
        string json = Fixtures.Edit(Fixtures.Model, "0.953e9", "2e9");

        GeneratorResult result = RunModel(json);

        DiagnosticAssert.Single(result, "PP0008", DiagnosticSeverity.Warning, Fixtures.ModelPath, PositionOf(json, "\"statedParameters\""),
            $"Preset '{M}': stated parameter count 2.00e9 differs by +109.8% from 0.95e9 computed from the shape (more than 2%); check layers, hidden, FFN, vocabulary and experts against the source, or correct 'statedParameters'");
        Assert.Contains("Presets.Models.Tiny1B.g.cs", result.HintNames);
    }

    [Fact]
    public void Run_DuplicateId_ReportsPP0009OnTheLaterFile()
    {
        const string second = "/repo/presets/models/tiny-zz.json";
        string json = Fixtures.Edit(Fixtures.Model, "\"id\": \"tiny-1b\",", "\"id\": \"tiny-1b\",\n  \"identifier\": \"TinyCopy\",");

        GeneratorResult result = GeneratorHarness.Run((Fixtures.ModelPath, Fixtures.Model), (second, json));

        DiagnosticAssert.Single(result, "PP0009", DiagnosticSeverity.Error, second, PositionOf(json, "\"id\""),
            "Preset id 'tiny-1b' is already used by 'tiny-1b.json'; give this preset a unique id");
        Assert.DoesNotContain("Presets.Models.TinyCopy.g.cs", result.HintNames);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void Run_IdentifierCollision_ReportsPP0010AtTheIdentifier()
    {
        const string second = "/repo/presets/models/tiny-2b.json";
        string json = Fixtures.Edit(Fixtures.Model, "\"id\": \"tiny-1b\",", "\"id\": \"tiny-2b\",\n  \"identifier\": \"Tiny1B\",");

        GeneratorResult result = GeneratorHarness.Run((Fixtures.ModelPath, Fixtures.Model), (second, json));

        DiagnosticAssert.Single(result, "PP0010", DiagnosticSeverity.Error, second, PositionOf(json, "\"identifier\""),
            "Preset 'tiny-2b.json' would generate the member 'Presets.Tiny1B', which preset 'tiny-1b' (tiny-1b.json) already generates; set a distinct \"identifier\"");
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void Run_ReservedIdentifier_ReportsPP0010()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"id\": \"tiny-1b\",", "\"id\": \"tiny-1b\",\n  \"identifier\": \"All\",");

        DiagnosticAssert.Single(RunModel(json), "PP0010", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"identifier\""),
            $"Preset '{M}' would generate the member 'Presets.All', which is reserved by the generated catalog; set a distinct \"identifier\"");
    }

    [Fact]
    public void Run_ClusterWithUnknownGpu_ReportsPP0011AtGpu()
    {
        string json = Fixtures.Edit(Fixtures.Cluster, "\"gpu\": \"test-gpu\"", "\"gpu\": \"h900\"");

        GeneratorResult result = GeneratorHarness.Run((Fixtures.GpuPath, Fixtures.Gpu), (Fixtures.ClusterPath, json));

        DiagnosticAssert.Single(result, "PP0011", DiagnosticSeverity.Error, Fixtures.ClusterPath, PositionOf(json, "\"gpu\""),
            "Cluster 'test-cluster.json' names GPU 'h900', which is not a preset; use one of: test-gpu");
        Assert.DoesNotContain("Presets.Clusters.TestCluster.g.cs", result.HintNames);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void Run_NodeLargerThanScaleUpDomain_ReportsPP0006AtGpu()
    {
        string json = Fixtures.Edit(Fixtures.Edit(Fixtures.Cluster, "\"gpusPerNode\": 8", "\"gpusPerNode\": 16"), "\"gpuCount\": 16", "\"gpuCount\": 32");

        GeneratorResult result = GeneratorHarness.Run((Fixtures.GpuPath, Fixtures.Gpu), (Fixtures.ClusterPath, json));

        DiagnosticAssert.Single(result, "PP0006", DiagnosticSeverity.Error, Fixtures.ClusterPath, PositionOf(json, "\"gpu\""),
            "Preset 'test-cluster.json': gpusPerNode (16) exceeds the NVLink domain (8) of the GPU 'test-gpu'; a server lies inside one NVLink domain; lower gpusPerNode or state the cluster's nvlinkDomain");

        // The catalog and the per-preset files are decided in one place: no catalog entry for a cluster that is not emitted.
        Assert.DoesNotContain("Presets.Clusters.TestCluster.g.cs", result.HintNames);
        Assert.DoesNotContain("TestCluster", result.Source("Presets.Catalog.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NodeSizeNotDividingGpuCount_ReportsPP0006AtGpusPerNode()
    {
        string json = Fixtures.Edit(Fixtures.Cluster, "\"gpuCount\": 16", "\"gpuCount\": 12");

        GeneratorResult result = GeneratorHarness.Run((Fixtures.GpuPath, Fixtures.Gpu), (Fixtures.ClusterPath, json));

        DiagnosticAssert.Single(result, "PP0006", DiagnosticSeverity.Error, Fixtures.ClusterPath, PositionOf(json, "\"gpusPerNode\""),
            "Preset 'test-cluster.json': gpusPerNode (8) does not divide gpuCount (12); a job is part of one server or a whole number of servers; correct either value");
    }

    [Fact]
    public void Parse_UnknownActivation_ReportsPP0012AtActivation()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"swiglu\"", "\"swish\"");

        DiagnosticAssert.Single(RunModel(json), "PP0012", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"activation\""),
            $"Preset '{M}': property 'activation' is 'swish'; use one of: swiglu, geglu, gelu, relu, squared-relu");
    }

    [Fact]
    public void Parse_IdNotKebabCase_ReportsPP0013AtId()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"tiny-1b\"", "\"Tiny_1B\"");

        DiagnosticAssert.Single(RunModel(json), "PP0013", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"id\""),
            $"Preset '{M}': id 'Tiny_1B' is not valid; use at most 64 lower-case letters and digits in parts joined by '-' or '.', e.g. \"llama-3.1-70b\"");
    }

    [Fact]
    public void Parse_RepeatedProperty_ReportsPP0014AtTheRepeat()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"layers\": 16,", "\"layers\": 16,\n  \"layers\": 16,");

        DiagnosticAssert.Single(RunModel(json), "PP0014", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"layers\"", occurrence: 2),
            $"Preset '{M}': property 'layers' appears more than once; keep one");
    }

    [Fact]
    public void Parse_EfficiencyAboveOne_ReportsPP0005()
    {
        string json = Fixtures.Edit(Fixtures.Gpu, "\"scaleOutGBps\": 50", "\"scaleOutGBps\": 50,\n  \"matmulEfficiency\": 1.4");

        DiagnosticAssert.Single(GeneratorHarness.Run((Fixtures.GpuPath, json)), "PP0005", DiagnosticSeverity.Error, Fixtures.GpuPath, PositionOf(json, "\"matmulEfficiency\""),
            "Preset 'test-gpu.json': property 'matmulEfficiency' is 1.4 but must be a fraction from 0.01 to 1; correct the value");
    }

    [Fact]
    public void Parse_TensorClockRatioOutOfRange_ReportsPP0005AtTheProperty()
    {
        string json = Fixtures.Edit(Fixtures.Gpu, "\"scaleOutGBps\": 50", "\"scaleOutGBps\": 50,\n  \"tensorClockRatio\": 3");

        DiagnosticAssert.Single(GeneratorHarness.Run((Fixtures.GpuPath, json)), "PP0005", DiagnosticSeverity.Error, Fixtures.GpuPath, PositionOf(json, "\"tensorClockRatio\""),
            "Preset 'test-gpu.json': property 'tensorClockRatio' is 3 but must be from 0.5 to 2 times the reference part's throughput; correct the value");
    }

    [Fact]
    public void Parse_ExponentialRateOutOfRange_ReportsPP0005AtTheProperty()
    {
        string json = Fixtures.Edit(Fixtures.Gpu, "\"scaleOutGBps\": 50", "\"scaleOutGBps\": 50,\n  \"exponentialTeraPerSecond\": 3900");

        DiagnosticAssert.Single(GeneratorHarness.Run((Fixtures.GpuPath, json)), "PP0005", DiagnosticSeverity.Error, Fixtures.GpuPath, PositionOf(json, "\"exponentialTeraPerSecond\""),
            "Preset 'test-gpu.json': property 'exponentialTeraPerSecond' is 3900 but must be from 0.1 to 100 tera-exponentials per second; correct the value");
    }

    [Fact]
    public void Parse_WindowWithEveryLayerGlobal_ReportsPP0006AtGlobalEvery()
    {
        string json = Fixtures.Edit(Fixtures.Model, "\"maxSequence\": 4096", "\"maxSequence\": 4096,\n  \"window\": { \"size\": 1024, \"globalEvery\": 1 }");

        DiagnosticAssert.Single(RunModel(json), "PP0006", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"globalEvery\""),
            $"Preset '{M}': globalEvery 1 makes every layer global, so the window is never used; drop the window, or give the interval of the global layers (2 or more)");
    }

    [Fact]
    public void Parse_StorageBandwidthOutOfRange_ReportsPP0005AtTheProperty()
    {
        string json = Fixtures.Edit(Fixtures.Cluster, "\"gpusPerNode\": 8", "\"gpusPerNode\": 8,\n  \"storageWriteGBps\": 0.001");

        DiagnosticAssert.Single(GeneratorHarness.Run((Fixtures.GpuPath, Fixtures.Gpu), (Fixtures.ClusterPath, json)), "PP0005", DiagnosticSeverity.Error, Fixtures.ClusterPath, PositionOf(json, "\"storageWriteGBps\""),
            "Preset 'test-cluster.json': property 'storageWriteGBps' is 0.001 but must be from 0.01 to 10000 GB/s; correct the value");
    }

    [Fact]
    public void Parse_BoardPowerAboveAnyGpu_ReportsPP0005()
    {
        string json = Fixtures.Edit(Fixtures.Gpu, "\"scaleOutGBps\": 50", "\"scaleOutGBps\": 50,\n  \"boardWatts\": 2e6");

        DiagnosticAssert.Single(GeneratorHarness.Run((Fixtures.GpuPath, json)), "PP0005", DiagnosticSeverity.Error, Fixtures.GpuPath, PositionOf(json, "\"boardWatts\""),
            "Preset 'test-gpu.json': property 'boardWatts' is 2e6 but must be from 30 to 15000 W; correct the value");
    }

    [Fact]
    public void Parse_VanishingPeak_ReportsPP0005InsteadOfPlanningInfiniteSteps()
    {
        // Issue 31: 1e-308 TFLOP/s passed the build and planned at 0 tokens/s and 1.5e302 days.
        string json = Fixtures.Edit(Fixtures.Gpu, "\"scaleOutGBps\": 50", "\"scaleOutGBps\": 50,\n  \"matmulEfficiency\": 5e-324");
        string peak = System.Text.RegularExpressions.Regex.Replace(Fixtures.Gpu, "\"bf16Tflops\": [0-9.e]+", "\"bf16Tflops\": 1e-308");

        DiagnosticAssert.Single(GeneratorHarness.Run((Fixtures.GpuPath, json)), "PP0005", DiagnosticSeverity.Error, Fixtures.GpuPath, PositionOf(json, "\"matmulEfficiency\""),
            "Preset 'test-gpu.json': property 'matmulEfficiency' is 5e-324 but must be a fraction from 0.01 to 1; correct the value");
        DiagnosticAssert.Single(GeneratorHarness.Run((Fixtures.GpuPath, peak)), "PP0005", DiagnosticSeverity.Error, Fixtures.GpuPath, PositionOf(peak, "\"bf16Tflops\""),
            "Preset 'test-gpu.json': property 'bf16Tflops' is 1e-308 but must be from 50 to 25000 TFLOP/s; correct the value");
    }
}
