using System.CommandLine.Parsing;
using System.CommandLine;
using PresetPlanner.Cli.Commands;
using PresetPlanner.Cli.Input;
using PresetPlanner.Cli.Output;
using PresetPlanner.Planning;

namespace PresetPlanner.Cli;

/// <summary>The command line: with no arguments it plans the seed example, Llama-3.1-70B on 64 H100 (8 per node).</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error, bool terminal = false, int terminalWidth = 0)
    {
        // NO_COLOR (no-color.org): any non-empty value turns colour off, as --no-color does.
        var cli = new CliOutput(output, error, terminal, terminalWidth) { Colour = terminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) };
        var noColor = new Option<bool>("--no-color") { Description = "No colour: the memory breakdown as a legend with figures (also NO_COLOR=1)", Recursive = true };
        var root = new RootCommand("preset-planner: how should I split the training of this model across this GPU cluster?")
        {
            noColor,
            PlanCommand.Create(cli),
            EvaluateCommand.Create(cli),
            ListCommand.Create(cli),
            ValidateCommand.Create(cli),
            SearchCommands.MinGpus(cli),
            SearchCommands.MaxSeq(cli),
            SearchCommands.Sweep(cli),
        };
        root.SetAction(_ => cli.Guard(() =>
        {
            StrategyTable table = Presets.Llama70B.PlanOn(Presets.H100x64);
            PlanCommand.Render(cli, table, OutputFormat.Table, PlanCommand.DefaultTop, onlyFeasible: false);
            return CliOutput.Success;
        }));

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine("preset-planner: " + parsed.Errors[0].Message + " (see --help)");
            return CliOutput.UsageError;
        }

        // An unknown "--flag" lands in a free MODEL or CLUSTER slot; it is an unknown option, not an unknown id.
        foreach (ArgumentResult argument in parsed.CommandResult.Children.OfType<ArgumentResult>())
        {
            if (argument.Tokens.FirstOrDefault(t => t.Value.StartsWith("--", StringComparison.Ordinal)) is { } token)
            {
                error.WriteLine($"preset-planner: unknown option '{InputFile.Printable(token.Value)}' for '{parsed.CommandResult.Command.Name}' (see {parsed.CommandResult.Command.Name} --help)");
                return CliOutput.UsageError;
            }
        }

        if (parsed.GetValue(noColor))
        {
            cli.Colour = false;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
