using PresetPlanner.Import.Presets;
using PresetPlanner.Specs;

namespace PresetPlanner.Cli.Input;

/// <summary>
/// <c>--model-file</c>, <c>--gpu-file</c>, <c>--cluster-file</c>: a preset JSON in the schema of presets/, read by
/// <see cref="PresetFile"/> (the generator's own reading, shared by source), so it is held to the build's rules and its
/// problems are the build's located messages (<c>file(line,col): error PP00xx: ...</c>), warnings included, as this
/// repository's build treats them.
/// </summary>
internal static class PresetFiles
{
    public static ModelPreset Model(string flag, string path)
    {
        string text = InputFile.Read(flag, path);
        return Checked(() => PresetFile.ReadModel(Path.GetFullPath(path), text));
    }

    public static GpuPreset Gpu(string flag, string path)
    {
        string text = InputFile.Read(flag, path);
        return Checked(() => PresetFile.ReadGpu(Path.GetFullPath(path), text));
    }

    /// <summary>A cluster file; its "gpu" names <paramref name="fileGpu"/> (from --gpu-file) or a built-in GPU.</summary>
    public static ClusterPreset Cluster(string flag, string path, GpuPreset? fileGpu)
    {
        string text = InputFile.Read(flag, path);
        GpuPreset[] gpus = fileGpu is GpuPreset own ? [own, .. Presets.Gpus.All] : Presets.Gpus.All.ToArray();
        return Checked(() => PresetFile.ReadCluster(Path.GetFullPath(path), text, gpus));
    }

    private static T Checked<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (PresetFileException ex)
        {
            throw new UsageException(ex.Message);
        }
    }
}
