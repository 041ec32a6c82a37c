using PresetPlanner.Cli.Input;
using Spectre.Console;

namespace PresetPlanner.Cli.Output;

/// <summary>Where commands write, and the guard that turns a bad argument into one line on stderr and exit code 2.</summary>
internal sealed class CliOutput(TextWriter output, TextWriter error, bool terminal)
{
    public const int UsageError = 2;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public IAnsiConsole Console() => ConsoleFactory.Create(Out, terminal);

    public int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UsageException ex)
        {
            Error.WriteLine("preset-planner: " + ex.Message);
            return UsageError;
        }
    }
}
