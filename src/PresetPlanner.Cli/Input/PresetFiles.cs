extern alias generator;

using PresetFileCheck = generator::PresetPlanner.Generator.Parsing.PresetFileCheck;
using PresetFileReport = generator::PresetPlanner.Generator.Parsing.PresetFileReport;
using PresetKind = generator::PresetPlanner.Generator.Specs.PresetKind;
using PresetPlanner.Specs;

namespace PresetPlanner.Cli.Input;

/// <summary>
/// <c>--model-file</c>, <c>--gpu-file</c>, <c>--cluster-file</c>: a preset JSON in the schema of presets/, read by the
/// generator's own parser, so it is held to the build's rules and its problems are the build's located messages
/// (<c>file(line,col): error PP00xx: ...</c>), warnings included, as this repository's build treats them.
/// </summary>
internal static class PresetFiles
{
    public static ModelPreset Model(string flag, string path)
    {
        return GeneratorSpecs.Model(Check(flag, path, PresetKind.Model).Model!);
    }

    public static GpuPreset Gpu(string flag, string path)
    {
        return GeneratorSpecs.Gpu(Check(flag, path, PresetKind.Gpu).Gpu!);
    }

    /// <summary>A cluster file; its "gpu" names <paramref name="fileGpu"/> (from --gpu-file) or a built-in GPU.</summary>
    public static ClusterPreset Cluster(string flag, string path, GpuPreset? fileGpu)
    {
        PresetFileReport report = Check(flag, path, PresetKind.Cluster);
        var c = report.Cluster!;
        GpuPreset gpu;
        if (fileGpu is GpuPreset own && own.Info.Id == c.GpuId)
        {
            gpu = own;
        }
        else if (!Presets.Gpus.TryGet(c.GpuId, out gpu))
        {
            IEnumerable<string> ids = Presets.Gpus.Ids.ToArray();
            string known = string.Join(", ", fileGpu is GpuPreset g ? ids.Append(g.Info.Id) : ids);
            throw new UsageException(report.UnknownGpu(c.GpuId, known));
        }

        var spec = new ClusterSpec
        {
            Gpu = gpu.Spec,
            GpuCount = c.GpuCount,
            GpusPerNode = c.GpusPerNode,
            ScaleUpDomain = c.NvlinkDomain,
            GpusPerDomain = c.GpusPerDomain,
            ScaleOutBytesPerSecond = c.ScaleOutGBps > 0 ? c.ScaleOutGBps * 1e9 : gpu.Spec.ScaleOutBytesPerSecond,
            ScaleOutEfficiency = c.ScaleOutEfficiency,
        };
        return new ClusterPreset(new PresetInfo(c.Id, c.Name, c.Source), gpu.Info, spec);
    }

    private static PresetFileReport Check(string flag, string path, PresetKind kind)
    {
        string text = InputFile.Read(flag, path);
        PresetFileReport report = PresetFileCheck.Check(Path.GetFullPath(path), text, kind);
        if (report.HasErrors)
        {
            throw new UsageException(report.Summary);
        }

        return report;
    }
}
