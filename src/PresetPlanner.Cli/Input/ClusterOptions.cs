using System.CommandLine;
using PresetPlanner.Specs;

namespace PresetPlanner.Cli.Input;

/// <summary>CLUSTER and --gpu/--gpus/--gpus-per-node: a preset cluster, resized or on another GPU, as a <see cref="ClusterPreset"/>.</summary>
internal sealed class ClusterOptions
{
    private readonly ModelOptions? _model;

    /// <summary>Cluster options of a command whose MODEL may come from <c>--model-file</c>, which frees the first slot for CLUSTER.</summary>
    public ClusterOptions(ModelOptions? model = null)
    {
        _model = model;
        if (model is not null)
        {
            model.ClusterArgument = Cluster;
        }
    }

    public const string DefaultId = "h100x64";

    public Argument<string?> Cluster { get; } = Options.Completing(new Argument<string?>("CLUSTER") { Arity = ArgumentArity.ZeroOrOne, Description = $"Cluster preset id (default {DefaultId})" }, Presets.Clusters.Ids.ToArray());

    public Option<string?> Gpu { get; } = Options.Completing(Options.Text("--gpu", "GPU preset id for an ad-hoc cluster (e.g. h100-sxm; 'preset-planner list gpus')"), Presets.Gpus.Ids.ToArray());

    public Option<string?> Gpus { get; } = Options.Text("--gpus", "Number of GPUs");

    public Option<string?> ClusterFile { get; } = Options.Text("--cluster-file", "A cluster preset JSON (the schema of presets/clusters), checked by the build's rules, instead of CLUSTER; its gpu may be a built-in GPU or the --gpu-file");

    public Option<string?> GpuFile { get; } = Options.Text("--gpu-file", "A GPU preset JSON (the schema of presets/gpus), checked by the build's rules: the GPU of --cluster-file, or an ad-hoc cluster's instead of --gpu");

    public Option<string?> GpusPerNode { get; } = Options.Text("--gpus-per-node", "GPUs per server (8 for DGX/HGX, 4 for an NVL72 tray); default the GPU's");

    public Option<string?> NvlinkDomain { get; } = Options.Text("--nvlink-domain", "GPUs per NVLink domain (72 for an NVL72 rack); default the GPU's");

    public Option<string?> GpusPerDomain { get; } = Options.Text("--gpus-per-domain", "The job's GPUs in each NVLink domain (e.g. 64: 256 GPUs as 4 racks x 64); default: one domain if it fits, whole domains, else equal power-of-two shares");

    public void AddTo(Command command)
    {
        command.Add(Cluster);
        command.Add(Gpu);
        command.Add(Gpus);
        command.Add(ClusterFile);
        command.Add(GpuFile);
        command.Add(GpusPerNode);
        command.Add(NvlinkDomain);
        command.Add(GpusPerDomain);
    }

    public ClusterPreset Read(ParseResult pr)
    {
        GpuPreset? fileGpu = pr.GetValue(GpuFile) is string gpuPath ? PresetFiles.Gpu("--gpu-file", gpuPath) : null;
        if (fileGpu is not null && pr.GetValue(Gpu) is not null)
        {
            throw new UsageException("give --gpu or --gpu-file, not both");
        }

        ClusterPreset cluster;
        if (pr.GetValue(ClusterFile) is string clusterPath)
        {
            cluster = ClusterId(pr) is null ? PresetFiles.Cluster("--cluster-file", clusterPath, fileGpu) : throw new UsageException("give CLUSTER or --cluster-file, not both");
            GpuOptions.Check(cluster.Spec);
            if (fileGpu is GpuPreset named && named.Info.Id == cluster.GpuInfo.Id)
            {
                fileGpu = null;
            }
        }
        else
        {
            string id = (ClusterId(pr) ?? DefaultId).Trim().ToLowerInvariant();
            if (!Presets.Clusters.TryGet(id, out cluster))
            {
                throw Suggestions.Unknown("cluster", id, Presets.Clusters.Ids);
            }
        }

        string? gpuId = pr.GetValue(Gpu);
        string? gpus = pr.GetValue(Gpus);
        string? perNode = pr.GetValue(GpusPerNode);
        string? domain = pr.GetValue(NvlinkDomain);
        string? perDomain = pr.GetValue(GpusPerDomain);
        if (gpuId is null && fileGpu is null && gpus is null && perNode is null && domain is null && perDomain is null)
        {
            return cluster;
        }

        GpuPreset gpu = fileGpu ?? (gpuId is null ? new GpuPreset(cluster.GpuInfo, cluster.Spec.Gpu) : GpuOptions.Find(gpuId));
        bool sameGpu = gpu.Info.Id == cluster.GpuInfo.Id;
        int count = gpus is null ? cluster.Spec.GpuCount : Numbers.Positive("--gpus", gpus);
        int node = perNode is null ? (sameGpu ? cluster.Spec.GpusPerNode : 0) : Numbers.Positive("--gpus-per-node", perNode);
        ClusterPreset resized = ClusterPreset.Of(gpu, count, node, perDomain is null ? 0 : Numbers.Positive("--gpus-per-domain", perDomain));
        resized = resized with { Spec = resized.Spec with { ScaleUpDomain = domain is null ? (sameGpu ? cluster.Spec.ScaleUpDomain : 0) : Numbers.Positive("--nvlink-domain", domain) } };
        if (sameGpu)
        {
            // Same GPU: keep the preset's network.
            resized = resized with { Spec = resized.Spec with { ScaleOutBytesPerSecond = cluster.Spec.ScaleOutBytesPerSecond, ScaleOutEfficiency = cluster.Spec.ScaleOutEfficiency } };
        }

        GpuOptions.Check(resized.Spec);
        return resized;
    }

    // With --model-file the one positional argument is CLUSTER: "plan --model-file m.json h100x8".
    private string? ClusterId(ParseResult pr) => pr.GetValue(Cluster) ?? (_model?.ShiftsToCluster(pr) == true ? pr.GetValue(_model.Model) : null);
}
