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
            throw new UsageException($"unknown cluster '{id}'; did you mean {string.Join(", ", Suggestions.Nearest(id, Presets.Clusters.Ids.ToArray()))}? ('preset-planner list clusters' shows all)");
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
                throw new UsageException($"unknown GPU '{key}'; did you mean {string.Join(", ", Suggestions.Nearest(key, Presets.Gpus.Ids.ToArray()))}? ('preset-planner list gpus' shows all)");
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
        string gpuName = gpuId ?? Presets.Gpus.Ids[IndexOfGpu(gpu)];
        return (cluster, $"{count} x {gpuName} ({node} per node)");
    }

    private static int IndexOfGpu(in GpuSpec gpu)
    {
        ReadOnlySpan<GpuSpec> all = Presets.Gpus.All;
        for (int i = 0; i < all.Length; i++)
        {
            if (all[i] == gpu)
            {
                return i;
            }
        }

        return 0;
    }
}
