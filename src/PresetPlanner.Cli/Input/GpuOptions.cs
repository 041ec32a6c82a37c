using System.CommandLine;
using PresetPlanner.Specs;
using PresetPlanner.Validation;

namespace PresetPlanner.Cli.Input;

/// <summary>--gpu and --gpus-per-node, for the commands that size the cluster themselves (min-gpus, sweep).</summary>
internal sealed class GpuOptions
{
    public Option<string?> Gpu { get; } = Options.Completing(Options.Text("--gpu", "GPU preset id (required; 'preset-planner list gpus')"), Presets.Gpus.Ids.ToArray());

    public Option<string?> GpuFile { get; } = Options.Text("--gpu-file", "A GPU preset JSON (the schema of presets/gpus), checked by the build's rules, instead of --gpu");

    public Option<string?> GpusPerNode { get; } = Options.Text("--gpus-per-node", "GPUs per server (8 for DGX/HGX, 4 for an NVL72 tray); default the GPU's");

    public void AddTo(Command command)
    {
        command.Add(Gpu);
        command.Add(GpuFile);
        command.Add(GpusPerNode);
    }

    /// <summary>The GPU and its server size; every cluster size then places its GPUs as schedulers do (<see cref="Placement"/>).</summary>
    public (GpuPreset Gpu, int PerNode) Read(ParseResult pr)
    {
        GpuPreset gpu;
        if (pr.GetValue(GpuFile) is string path)
        {
            gpu = pr.GetValue(Gpu) is null ? PresetFiles.Gpu("--gpu-file", path) : throw new UsageException("give --gpu or --gpu-file, not both");
        }
        else
        {
            gpu = Find(pr.GetValue(Gpu) ?? throw new UsageException("give the GPU with --gpu or --gpu-file, e.g. --gpu h100-sxm ('preset-planner list gpus')"));
        }

        int perNode = pr.GetValue(GpusPerNode) is string g ? Numbers.Positive("--gpus-per-node", g) : gpu.Spec.Server;
        var problems = new List<SpecProblem>();
        SpecValidator.CheckDomain(perNode, 0, gpu.Spec.ScaleUpDomain, problems);
        return problems.Count == 0 ? (gpu, perNode) : throw Flags.Usage(problems[0], "--gpus-per-node");
    }

    public static GpuPreset Find(string id)
    {
        string key = id.Trim().ToLowerInvariant();
        return Presets.Gpus.TryGet(key, out GpuPreset gpu) ? gpu : throw Suggestions.Unknown("GPU", key, Presets.Gpus.Ids);
    }

    /// <summary>The core's cluster rules, reported with the flags that set the figures.</summary>
    public static void Check(in ClusterSpec cluster)
    {
        var problems = new List<SpecProblem>();
        SpecValidator.Check(cluster, problems);
        foreach (SpecProblem p in problems.Where(p => p.IsError))
        {
            throw Flags.Usage(p, p.Field switch
            {
                SpecField.GpuCount => "--gpus",
                SpecField.GpusPerDomain => "--gpus-per-domain",
                SpecField.ClusterScaleUpDomain => "--nvlink-domain",
                _ => "--gpus-per-node",
            });
        }
    }
}
