using PresetPlanner.Generator.Tests;

namespace PresetPlanner.Core.Tests;

/// <summary>
/// <see cref="PresetFile"/>: a preset JSON read at run time with the build's rules, failing with the build's located
/// messages (the first, and how many more), warnings included.
/// </summary>
public class PresetFileTests
{
    // The generator tests' tiny model (Fixtures.cs, linked): the build and the run-time reader read the same file.
    private const string Model = Fixtures.Model;

    private const string Cluster = """
        {
          "id": "rack-16",
          "name": "A rack",
          "source": "test fixture",
          "gpu": "h100-sxm",
          "gpuCount": 16,
          "gpusPerNode": 8
        }
        """;

    [Fact]
    public void ReadModel_AValidFile_IsTheModelWithItsNames()
    {
        ModelPreset model = PresetFile.ReadModel("/p/tiny-1b.json", Model);

        Assert.Equal(new PresetInfo("tiny-1b", "Tiny 1B", "test fixture"), model.Info);
        Assert.Equal(953_223_168, model.Spec.TotalParameters);
        Assert.Equal(AttentionKind.Mha, model.Spec.Attention);
    }

    [Fact]
    public void ReadModel_TwoProblems_IsTheFirstLocatedAndHowManyMore()
    {
        string text = Model.Replace("\"layers\": 16,", "\"layers\": \"16\",\n  \"layerz\": 16,", StringComparison.Ordinal);

        PresetFileException ex = Assert.Throws<PresetFileException>(() => PresetFile.ReadModel("/p/bad.json", text));

        Assert.Equal("/p/bad.json(6,3): error PP0004: Preset 'bad.json': property 'layers' must be an integer, not a string; write it as an integer (and 1 more)", ex.Message);
        Assert.Equal("/p/bad.json(7,3): warning PP0003: Preset 'bad.json' has an unknown property 'layerz'; remove it or correct its spelling (known properties are in presets/schema/model.schema.json)", ex.Problems[1]);
    }

    [Fact]
    public void ReadModel_OnlyAWarning_FailsAsInThisRepositorysBuild()
    {
        string text = Model.Replace("\"statedParameters\": 0.953e9", "\"statedParameters\": 1.2e9", StringComparison.Ordinal);

        PresetFileException ex = Assert.Throws<PresetFileException>(() => PresetFile.ReadModel("m.json", text));

        Assert.StartsWith("m.json(5,3): warning PP0008: Preset 'm.json': stated parameter count 1.20e9 differs by +25.9% from 0.95e9", ex.Message, StringComparison.Ordinal);
        Assert.Single(ex.Problems);
    }

    [Fact]
    public void ReadModel_NotJson_IsPP0001WhereTheJsonReaderStops()
    {
        PresetFileException ex = Assert.Throws<PresetFileException>(() => PresetFile.ReadModel("m.json", "{\n  \"id\": tiny\n}"));

        Assert.StartsWith("m.json(2,10): error PP0001: Preset file 'm.json' is not valid JSON: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadModel_AMemberNameAsIdentifier_IsPP0013()
    {
        string text = Model.Replace("\"id\": \"tiny-1b\",", "\"id\": \"tiny-1b\",\n  \"identifier\": \"Layers\",", StringComparison.Ordinal);

        PresetFileException ex = Assert.Throws<PresetFileException>(() => PresetFile.ReadModel("m.json", text));

        Assert.Equal("m.json(3,3): error PP0013: Preset 'm.json': identifier 'Layers' is not valid; every generated model class has a member 'Layers', which may not share the class's name (CS0542); use another identifier, e.g. \"LayersModel\"", ex.Message);
    }

    [Fact]
    public void ReadGpu_TheA100File_KeepsItsMeasuredEfficiencies()
    {
        string path = Path.Combine(Repository.Root, "presets", "gpus", "a100-80gb.json");

        GpuPreset gpu = PresetFile.ReadGpu(path, File.ReadAllText(path));

        Assert.True(Presets.Gpus.TryGet("a100-80gb", out GpuPreset compiled));
        Assert.NotNull(gpu.Spec.MatmulEfficiency);
        Assert.Equal(compiled, gpu);
    }

    [Fact]
    public void ReadCluster_OnAGpuItIsGiven_TakesThatGpusSpecAndNames()
    {
        ClusterPreset cluster = PresetFile.ReadCluster("c.json", Cluster, Presets.Gpus.All);

        Assert.Equal(Presets.H100.Info, cluster.GpuInfo);
        Assert.Equal(Presets.H100.Spec, cluster.Spec.Gpu);
        Assert.Equal(Presets.H100.Spec.ScaleOutBytesPerSecond, cluster.Spec.ScaleOutBytesPerSecond);
        Assert.Equal(16, cluster.Spec.GpuCount);
    }

    [Fact]
    public void ReadCluster_UnknownGpu_IsPP0011AtItsGpuPropertyListingTheGpusSorted()
    {
        GpuPreset[] gpus = [Presets.H100, Presets.A100];

        PresetFileException ex = Assert.Throws<PresetFileException>(() => PresetFile.ReadCluster("c.json", Cluster.Replace("h100-sxm", "gb9000", StringComparison.Ordinal), gpus));

        Assert.Equal("c.json(5,3): error PP0011: Cluster 'c.json' names GPU 'gb9000', which is not a preset; use one of: a100-80gb, h100-sxm", ex.Message);
    }

    [Fact]
    public void ReadCluster_ServersBeyondTheGpusDomain_IsPP0006AtItsGpuProperty()
    {
        string text = Cluster.Replace("\"gpuCount\": 16,", "\"gpuCount\": 16,\n  \"nvlinkDomain\": 4,", StringComparison.Ordinal);

        PresetFileException ex = Assert.Throws<PresetFileException>(() => PresetFile.ReadCluster("c.json", text, Presets.Gpus.All));

        Assert.StartsWith("c.json(5,3): error PP0006: Preset 'c.json': ", ex.Message, StringComparison.Ordinal);
    }
}
