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
    public Option<string?> Run { get; } = Options.Text("--run", "A Megatron-LM launch script or arguments, Megatron-Bridge overrides, a torchtitan TOML or a DeepSpeed JSON (with --tp --pp --ep) to evaluate as its run (docs/import.md)");

    public void AddTo(Command command) => command.Add(Run);

    /// <summary>The run the file launches for <paramref name="model"/>, over <paramref name="baseline"/>; null without --run.</summary>
    public LaunchRun? Read(ParseResult pr, in ModelSpec model, in TrainingSettings baseline, LayoutOptions layout)
    {
        if (pr.GetValue(Run) is not string path)
        {
            return null;
        }

        string text = InputFile.Read("--run", path);
        bool deepSpeed = LaunchFile.IsDeepSpeed(text);
        if (layout.Given(pr, except: deepSpeed ? ["--tp", "--pp", "--ep", "--sp", "--no-sp"] : []) is string flag)
        {
            throw new UsageException(deepSpeed
                ? $"a DeepSpeed config takes only --tp, --pp, --ep and --sp/--no-sp beside it (its script sets them), not {flag}"
                : $"give --run or the layout flags, not both ({flag} with --run)");
        }

        try
        {
            LaunchRun run = LaunchFile.Read(text, model, baseline, LayoutOptions.Degree(pr, layout.Tp), LayoutOptions.Degree(pr, layout.Pp), LayoutOptions.Degree(pr, layout.Ep));
            return deepSpeed && layout.SequenceParallelGiven(pr) is bool sp ? run with { Layout = run.Layout with { SequenceParallel = sp } } : run;
        }
        catch (PlanInputException ex) when (ex.Input == InputField.Config)
        {
            throw new UsageException($"--run {InputFile.Printable(path)}: {ex.Key} {ex.Rule}");
        }
    }
}
