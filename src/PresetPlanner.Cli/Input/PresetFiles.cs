extern alias generator;

using System.Reflection;
using PresetFileCheck = generator::PresetPlanner.Generator.Parsing.PresetFileCheck;
using PresetFileReport = generator::PresetPlanner.Generator.Parsing.PresetFileReport;
using PresetKind = generator::PresetPlanner.Generator.Specs.PresetKind;

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
        PresetFileReport report = Check(flag, path, PresetKind.Model, out _);
        var m = report.Model!;
        return new ModelPreset(new PresetInfo(m.Id, m.Name, m.Source), Copy<ModelSpec>(m.Shape));
    }

    public static GpuPreset Gpu(string flag, string path)
    {
        PresetFileReport report = Check(flag, path, PresetKind.Gpu, out _);
        var g = report.Gpu!;
        return new GpuPreset(new PresetInfo(g.Id, g.Name, g.Source), Copy<GpuSpec>(g.Shape));
    }

    /// <summary>A cluster file; its "gpu" names <paramref name="fileGpu"/> (from --gpu-file) or a built-in GPU.</summary>
    public static ClusterPreset Cluster(string flag, string path, GpuPreset? fileGpu)
    {
        PresetFileReport report = Check(flag, path, PresetKind.Cluster, out string text);
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
            throw new UsageException(PresetFileCheck.UnknownGpu(path, text, c.GpuId, known));
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

    private static PresetFileReport Check(string flag, string path, PresetKind kind, out string text)
    {
        text = InputFile.Read(flag, path);
        PresetFileReport report = PresetFileCheck.Check(Path.GetFullPath(path), text, kind);
        if (report.HasErrors)
        {
            string first = report.Diagnostics[0];
            throw new UsageException(report.Diagnostics.Count > 1 ? $"{first} (and {report.Diagnostics.Count - 1} more)" : first);
        }

        return report;
    }

    // The generator links the core's spec types into its own assembly, so its ModelSpec is another type with the same
    // members: copy them by name (enums by value).
    private static T Copy<T>(object source)
        where T : struct
    {
        object target = default(T);
        foreach (PropertyInfo property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            object? value = source.GetType().GetProperty(property.Name)?.GetValue(source);
            if (value is not null)
            {
                property.SetValue(target, property.PropertyType.IsEnum ? Enum.ToObject(property.PropertyType, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)) : value);
            }
        }

        return (T)target;
    }
}
