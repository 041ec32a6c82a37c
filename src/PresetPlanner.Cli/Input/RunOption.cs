using System.CommandLine;
using PresetPlanner.Import.Launch;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;

namespace PresetPlanner.Cli.Input;

/// <summary>
/// <c>evaluate --run FILE</c>: a Megatron-LM launch script or argument list, or Megatron-Bridge overrides, read as the
/// run it launches (<see cref="LaunchFile"/>) instead of the layout flags.
/// </summary>
internal sealed class RunOption
{
    public Option<string?> Run { get; } = Options.Text("--run", "A Megatron-LM launch script or argument list, or Megatron-Bridge overrides, to evaluate as the run it launches, instead of --tp --pp ... (docs/import.md)");

    public void AddTo(Command command) => command.Add(Run);

    /// <summary>The run the file launches for <paramref name="model"/>, over <paramref name="baseline"/>; null without --run.</summary>
    public LaunchRun? Read(ParseResult pr, in ModelSpec model, in TrainingSettings baseline, LayoutOptions layout)
    {
        if (pr.GetValue(Run) is not string path)
        {
            return null;
        }

        if (layout.Given(pr) is string flag)
        {
            throw new UsageException($"give --run or the layout flags, not both ({flag} with --run)");
        }

        string text = InputFile.Read("--run", path);
        try
        {
            return LaunchFile.Read(text, model, baseline);
        }
        catch (PlanInputException ex) when (ex.Input == InputField.Config)
        {
            throw new UsageException($"--run {InputFile.Printable(path)}: {ex.Key} {ex.Rule}");
        }
    }
}
