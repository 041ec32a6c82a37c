using PresetPlanner.Cli.Input;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// For every preset under presets/: the file read at run time (<c>--model-file</c>, <c>--gpu-file</c>,
/// <c>--cluster-file</c>) is the preset the build compiled from it, and plans alike (issue 31 item 9: a GPU file lost
/// its measured efficiencies, so <c>--gpu-file presets/gpus/a100-80gb.json</c> planned unlike <c>--gpu a100-80gb</c>).
/// </summary>
public class BuiltInPresetFileTests
{
    public static TheoryData<string, string> Files()
    {
        var files = new TheoryData<string, string>();
        foreach (string kind in new[] { "models", "gpus", "clusters" })
        {
            foreach (string path in Directory.EnumerateFiles(Path.Combine(Repository.Root, "presets", kind), "*.json").Order(StringComparer.Ordinal))
            {
                files.Add(kind, Path.GetFileNameWithoutExtension(path));
            }
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void PresetFile_ReadAtRunTime_EqualsTheCompiledPresetAndPlansAlike(string kind, string id)
    {
        string path = Path.Combine(Repository.Root, "presets", kind, id + ".json");
        switch (kind)
        {
            case "models":
                Assert.True(Presets.Models.TryGet(id, out ModelPreset compiledModel));
                ModelPreset model = PresetFiles.Model("--model-file", path);
                Assert.Equal(compiledModel, model);
                Assert.Equal(Plan(compiledModel, Presets.H100x64), Plan(model, Presets.H100x64));
                break;
            case "gpus":
                Assert.True(Presets.Gpus.TryGet(id, out GpuPreset compiledGpu));
                GpuPreset gpu = PresetFiles.Gpu("--gpu-file", path);
                Assert.Equal(compiledGpu, gpu);
                Assert.Equal(Plan(Presets.Llama8B, ClusterPreset.Of(compiledGpu, 16)), Plan(Presets.Llama8B, ClusterPreset.Of(gpu, 16)));
                break;
            default:
                Assert.True(Presets.Clusters.TryGet(id, out ClusterPreset compiledCluster));
                ClusterPreset cluster = PresetFiles.Cluster("--cluster-file", path, null);
                Assert.Equal(compiledCluster, cluster);
                Assert.Equal(Plan(Presets.Llama8B, compiledCluster), Plan(Presets.Llama8B, cluster));
                break;
        }
    }

    // The recommended layout and its tokens/s, or why there is none.
    private static string Plan(in ModelPreset model, in ClusterPreset cluster)
    {
        try
        {
            StrategyTable table = PlanningContext.Create(model, cluster, new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 256 }).Plan(new SearchSpace());
            return table.TryGetRecommended(out StrategyResult best)
                ? LayoutText.Full(best.Layout) + " at " + best.Time.TokensPerSecondPerGpu.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " tokens/s per GPU"
                : "nothing fits";
        }
        catch (PlanInputException ex)
        {
            return ex.Message;
        }
    }
}
