using System;
using System.Linq;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;

namespace PresetPlanner.Import.Launch;

/// <summary>
/// A launch configuration read as its run, whichever framework's it is: a DeepSpeed config when it is a JSON object, a
/// torchtitan job config when it has a TOML
/// table header (<c>[parallelism]</c>), Megatron-Bridge overrides when it sets a ConfigContainer section's field
/// (<c>model.tensor_model_parallel_size=8</c>), Megatron-LM arguments otherwise.
/// </summary>
public static class LaunchFile
{
    private static readonly string[] s_sections = ["model.", "train.", "ddp.", "optimizer.", "mixed_precision", "comm_overlap.", "dataset.", "checkpoint."];

    /// <summary>Whether <paramref name="text"/> is a DeepSpeed config (a JSON object), which leaves TP, PP and EP to its training script.</summary>
    public static bool IsDeepSpeed(string text) => text is not null && text.TrimStart().StartsWith('{');

    /// <summary>
    /// The run <paramref name="text"/> launches for <paramref name="model"/>, over <paramref name="baseline"/>; a DeepSpeed
    /// config takes the script's <paramref name="tp"/>, <paramref name="pp"/> and <paramref name="ep"/>.
    /// </summary>
    /// <exception cref="PlanInputException">A value is not one the framework accepts (the argument or key is named).</exception>
    public static LaunchRun Read(string text, in ModelSpec model, in TrainingSettings baseline, int? tp = null, int? pp = null, int? ep = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsDeepSpeed(text))
        {
            return DeepSpeedLaunch.Read(text, model, baseline, tp, pp, ep);
        }

        if (text.Split('\n').Any(line => line.TrimStart().StartsWith('[') && line.Contains(']', StringComparison.Ordinal) && !line.Contains('=', StringComparison.Ordinal)))
        {
            return TorchtitanLaunch.Read(text, model, baseline);
        }

        bool bridge = ShellArguments.Words(text).Any(w => w.Contains('=', StringComparison.Ordinal) && !w.StartsWith('-')
            && s_sections.Any(section => w.TrimStart('+').StartsWith(section, StringComparison.Ordinal)));
        return bridge ? MegatronBridgeLaunch.Read(text, model, baseline) : MegatronLaunch.Read(text, model, baseline);
    }
}
