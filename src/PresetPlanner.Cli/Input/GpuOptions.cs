using System.CommandLine;

namespace PresetPlanner.Cli.Input;

/// <summary>--gpu and --gpus-per-node, for the commands that size the cluster themselves (min-gpus, sweep).</summary>
internal sealed class GpuOptions
{
    public Option<string?> Gpu { get; } = Options.Text("--gpu", "GPU preset id (required; 'preset-planner list gpus')");

    public Option<string?> GpusPerNode { get; } = Options.Text("--gpus-per-node", "GPUs per node (NVLink domain); default the GPU's domain");

    public void AddTo(Command command)
    {
        command.Add(Gpu);
        command.Add(GpusPerNode);
    }

    public (GpuPreset Gpu, int PerNode) Read(ParseResult pr)
    {
        string id = pr.GetValue(Gpu) ?? throw new UsageException("give the GPU with --gpu, e.g. --gpu h100-sxm ('preset-planner list gpus')");
        GpuPreset gpu = Find(id);
        int perNode = pr.GetValue(GpusPerNode) is string g ? Numbers.Positive("--gpus-per-node", g) : gpu.Spec.ScaleUpDomain;
        var problems = new List<SpecProblem>();
        SpecValidator.CheckDomain(perNode, gpu.Spec.ScaleUpDomain, problems);
        return problems.Count == 0 ? (gpu, perNode) : throw new UsageException($"--gpus-per-node {perNode}: {problems[0].Value} {gpu.Info.Id}; {problems[0].Detail}");
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
            throw Flags.Usage(p, p.Field == SpecField.GpuCount ? "--gpus" : "--gpus-per-node");
        }
    }
}
