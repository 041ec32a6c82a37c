using System;
using System.Linq;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;

namespace PresetPlanner.Import.Launch;

/// <summary>
/// A launch configuration read as its run, whichever framework's it is: a torchtitan job config when it has a TOML
/// table header (<c>[parallelism]</c>), Megatron-Bridge overrides when it sets a ConfigContainer section's field
/// (<c>model.tensor_model_parallel_size=8</c>), Megatron-LM arguments otherwise.
/// </summary>
public static class LaunchFile
{
    private static readonly string[] s_sections = ["model.", "train.", "ddp.", "optimizer.", "mixed_precision", "comm_overlap.", "dataset.", "checkpoint."];

    /// <summary>The run <paramref name="text"/> launches for <paramref name="model"/>, over <paramref name="baseline"/>.</summary>
    /// <exception cref="PlanInputException">A value is not one the framework accepts (the argument or key is named).</exception>
    public static LaunchRun Read(string text, in ModelSpec model, in TrainingSettings baseline)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Split('\n').Any(line => line.TrimStart().StartsWith('[') && line.Contains(']', StringComparison.Ordinal) && !line.Contains('=', StringComparison.Ordinal)))
        {
            return TorchtitanLaunch.Read(text, model, baseline);
        }

        bool bridge = ShellArguments.Words(text).Any(w => w.Contains('=', StringComparison.Ordinal) && !w.StartsWith('-')
            && s_sections.Any(section => w.TrimStart('+').StartsWith(section, StringComparison.Ordinal)));
        return bridge ? MegatronBridgeLaunch.Read(text, model, baseline) : MegatronLaunch.Read(text, model, baseline);
    }
}
