using System.CommandLine.Parsing;
using System.CommandLine;
using System.CommandLine.Help;
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
        try
        {
            return Parse(args, output, error, terminal, terminalWidth);
        }
        catch (IOException ex)
        {
            // Help, the version or a suggestion written to a full or closed device (the commands guard their own).
            return CliOutput.Fail(error, "could not write the output: " + ex.Message);
        }
    }

    private static int Parse(string[] args, TextWriter output, TextWriter error, bool terminal, int terminalWidth)
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
        // Help wraps to 100 columns whatever the terminal (System.CommandLine would use the console's width, or none).
        foreach (HelpOption help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction action)
            {
                action.MaxWidth = Options.HelpWidth;
            }
        }

        root.SetAction(_ => cli.Guard(() =>
        {
            StrategyTable table = Presets.Llama70B.PlanOn(Presets.H100x64);
            PlanOutput.Render(cli, table, OutputFormat.Table, PlanCommand.DefaultTop, onlyFeasible: false);
            return CliOutput.Success;
        }));

        // Response files are off: "@file" is an argument like any other, so nothing is read that the user did not name
        // with a flag (a response file naming itself recursed until the stack overflowed; "@/dev/zero" read gigabytes).
        ParseResult parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            return CliOutput.Fail(error, parsed.Errors[0].Message + " (see --help)");
        }

        // An unknown "--flag" lands in a free MODEL or CLUSTER slot; it is an unknown option, not an unknown id.
        foreach (ArgumentResult argument in parsed.CommandResult.Children.OfType<ArgumentResult>())
        {
            if (argument.Tokens.FirstOrDefault(t => t.Value.StartsWith("--", StringComparison.Ordinal)) is { } token)
            {
                return CliOutput.Fail(error, $"unknown option '{Terminal.Quoted(token.Value)}' for '{parsed.CommandResult.Command.Name}' (see {parsed.CommandResult.Command.Name} --help)");
            }
        }

        if (parsed.GetValue(noColor))
        {
            cli.Colour = false;
        }

        // The default handler would print an exception's stack trace; Run's own catch turns output errors into one line.
        int exit = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        output.Flush();
        return exit;
    }
}
