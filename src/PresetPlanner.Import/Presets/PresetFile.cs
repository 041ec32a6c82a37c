using System;
using System.Collections.Generic;
using System.Threading;
using PresetPlanner.Generator.Reading;
using PresetPlanner.Specs;

namespace PresetPlanner.Import.Presets;

/// <summary>
/// Reads a preset JSON file (the schemas of presets/models, presets/gpus and presets/clusters) at run time, for tools
/// that try a preset without a build: the CLI's <c>--model-file</c>, <c>--gpu-file</c> and <c>--cluster-file</c>, the
/// page's pasted preset. The reading is the preset generator's own (its Reading folder, compiled here by source), so a
/// file is held to the build's rules and builds the core's own specs, equal to what the build compiles from it.
/// </summary>
/// <remarks>
/// Every problem is a <see cref="PresetFileException"/> worded, located and counted as the build reports it; warnings
/// (an unknown property, an implausible value) fail too, as this repository's build treats them as errors.
/// </remarks>
public static class PresetFile
{
    /// <summary>The model preset in <paramref name="text"/>.</summary>
    /// <param name="path">The file, as problems name it (its file name is the preset's name in messages).</param>
    /// <param name="text">The file's text.</param>
    /// <exception cref="PresetFileException">The file breaks a rule.</exception>
    public static ModelPreset ReadModel(string path, string text)
    {
        ModelPresetSpec model = Parse(path, text, PresetKind.Model).Model!;
        return new ModelPreset(new PresetInfo(model.Id, model.Name, model.Source), model.Shape);
    }

    /// <summary>The GPU preset in <paramref name="text"/>.</summary>
    /// <param name="path">The file, as problems name it.</param>
    /// <param name="text">The file's text.</param>
    /// <exception cref="PresetFileException">The file breaks a rule.</exception>
    public static GpuPreset ReadGpu(string path, string text)
    {
        GpuPresetSpec gpu = Parse(path, text, PresetKind.Gpu).Gpu!;
        return new GpuPreset(new PresetInfo(gpu.Id, gpu.Name, gpu.Source), gpu.Shape);
    }

    /// <summary>The cluster preset in <paramref name="text"/>, on the GPU its <c>"gpu"</c> names.</summary>
    /// <param name="path">The file, as problems name it.</param>
    /// <param name="text">The file's text.</param>
    /// <param name="gpus">The GPUs it may name (the first with its id is taken), e.g. <c>Presets.Gpus.All</c>.</param>
    /// <exception cref="PresetFileException">
    /// The file breaks a rule, names none of <paramref name="gpus"/> (PP0011) or has servers its GPU's scale-up domain
    /// cannot hold (PP0006), in the build's words.
    /// </exception>
    public static ClusterPreset ReadCluster(string path, string text, ReadOnlySpan<GpuPreset> gpus)
    {
        ParsedPresetFile file = Parse(path, text, PresetKind.Cluster);
        ClusterPresetSpec cluster = file.Cluster!;
        GpuPreset gpu = Find(file, gpus);
        string[]? placement = ClusterRules.Placement(cluster.GpusPerNode, cluster.GpusPerDomain, cluster.NvlinkDomain, gpu.Info.Id, gpu.Spec.ScaleUpDomain);
        if (placement is not null)
        {
            throw Fail(PresetProblem.Create(PresetRules.InconsistentShape, file.GpuLocation!, PresetPaths.FileName(path), placement[0], placement[1]));
        }

        // As the generated Presets.Clusters.<Identifier>.Spec reads.
        var spec = new ClusterSpec
        {
            Gpu = gpu.Spec,
            GpuCount = cluster.GpuCount,
            GpusPerNode = cluster.GpusPerNode,
            ScaleUpDomain = cluster.NvlinkDomain,
            GpusPerDomain = cluster.GpusPerDomain,
            ScaleOutBytesPerSecond = cluster.ScaleOutGBps > 0 ? cluster.ScaleOutGBps * 1e9 : gpu.Spec.ScaleOutBytesPerSecond,
            ScaleOutEfficiency = cluster.ScaleOutEfficiency,
            StorageWriteBytesPerSecondPerNode = cluster.StorageWriteGBps * 1e9,
        };
        return new ClusterPreset(new PresetInfo(cluster.Id, cluster.Name, cluster.Source), gpu.Info, spec);
    }

    // Parses as the build does; any problem, warnings included, fails.
    private static ParsedPresetFile Parse(string path, string text, PresetKind kind)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        ParsedPresetFile file = PresetFileParser.Parse(path, text, kind, CancellationToken.None);
        if (file.Problems.Count > 0)
        {
            throw Fail([.. file.Problems]);
        }

        return file;
    }

    // The GPU a cluster names, or PP0011 at its "gpu" property listing the ids it could have named.
    private static GpuPreset Find(ParsedPresetFile file, ReadOnlySpan<GpuPreset> gpus)
    {
        string id = file.Cluster!.GpuId;
        var known = new List<string>(gpus.Length);
        foreach (GpuPreset gpu in gpus)
        {
            if (gpu.Info.Id == id)
            {
                return gpu;
            }

            known.Add(gpu.Info.Id);
        }

        throw Fail(PresetProblem.Create(PresetRules.UnknownGpu, file.GpuLocation!, PresetPaths.FileName(file.Path), id, ClusterRules.KnownGpus(known)));
    }

    private static PresetFileException Fail(params PresetProblem[] problems) =>
        new(Array.ConvertAll(problems, p => p.ToString()));
}
