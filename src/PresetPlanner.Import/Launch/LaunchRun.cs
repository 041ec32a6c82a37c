using System.Collections.Generic;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Import.Launch;

/// <summary>
/// A run as a framework's launch configuration states it (<see cref="MegatronLaunch"/>, <see cref="MegatronBridgeLaunch"/>): its layout, its settings,
/// and what the configuration says that the planner does not model.
/// </summary>
/// <param name="Framework">Whose configuration it is.</param>
/// <param name="Layout">The layout; its data-parallel degree is 0 when the configuration leaves it to the world size.</param>
/// <param name="Settings">The settings: the configuration's, over the baseline the caller gave.</param>
/// <param name="NotModelled">What the configuration says that the planner does not model: notes ("flag: why") first, then the flags it does not know (learning rate, data paths), by name.</param>
public sealed record LaunchRun(ExportFramework Framework, ParallelLayout Layout, TrainingSettings Settings, IReadOnlyList<string> NotModelled)
{
    /// <summary>The layout on <paramref name="gpus"/> GPUs: the data-parallel degree the world size leaves, N / (t p c).</summary>
    public ParallelLayout On(int gpus)
    {
        long modelParallel = (long)Layout.Tp * Layout.Pp * Layout.Cp;
        return Layout.Dp > 0 || modelParallel <= 0 || gpus % modelParallel != 0 ? Layout : Layout with { Dp = (int)(gpus / modelParallel) };
    }
}
