using System.CommandLine;

namespace PresetPlanner.Cli.Input;

/// <summary>Resolves CLUSTER and --gpu/--gpus/--gpus-per-node into a <see cref="ClusterSpec"/>.</summary>
internal static class ClusterInput
{
    public const string DefaultId = "h100x64";

    public static (ClusterSpec Cluster, string Name) Read(ParseResult pr, CliOptions o)
    {
        string id = (pr.GetValue(o.Cluster) ?? DefaultId).Trim().ToLowerInvariant();
        if (!Presets.Clusters.TryGet(id, out ClusterSpec cluster))
        {
            throw Suggestions.Unknown("cluster", id, Presets.Clusters.Ids);
        }

        string name = id;
        string? gpuId = pr.GetValue(o.Gpu);
        string? gpus = pr.GetValue(o.Gpus);
        string? perNode = pr.GetValue(o.GpusPerNode);
        if (gpuId is null && gpus is null && perNode is null)
        {
            return (cluster, name);
        }

        GpuSpec gpu = cluster.Gpu;
        if (gpuId is not null)
        {
            string key = gpuId.Trim().ToLowerInvariant();
            if (!Presets.Gpus.TryGet(key, out gpu))
            {
                throw Suggestions.Unknown("GPU", key, Presets.Gpus.Ids);
            }

            gpuId = key;
        }

        int count = gpus is null ? cluster.GpuCount : Numbers.Positive("--gpus", gpus);
        int node = perNode is null ? Math.Min(count, gpu.ScaleUpDomain) : Numbers.Positive("--gpus-per-node", perNode);
        if (node > gpu.ScaleUpDomain)
        {
            throw new UsageException($"--gpus-per-node {node} exceeds the scale-up domain of {gpu.ScaleUpDomain} GPUs of this GPU");
        }

        if (count % node != 0)
        {
            throw new UsageException($"--gpus {count} is not a whole number of nodes of {node} GPUs");
        }

        bool sameGpu = gpu == cluster.Gpu;
        cluster = cluster with
        {
            Gpu = gpu,
            GpuCount = count,
            GpusPerNode = node,
            ScaleOutBytesPerSecond = sameGpu ? cluster.ScaleOutBytesPerSecond : gpu.ScaleOutBytesPerSecond,
        };
        string gpuName = gpuId ?? PresetNames.Find(gpu)?.Id ?? "custom GPU";
        return (cluster, $"{count} x {gpuName} ({node} per node)");
    }
}
