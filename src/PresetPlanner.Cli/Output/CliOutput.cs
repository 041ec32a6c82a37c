using PresetPlanner.Cli.Input;
using PresetPlanner.Validation;
using Spectre.Console;

namespace PresetPlanner.Cli.Output;

/// <summary>
/// Where commands write, and the guard that turns bad input into one line on stderr and exit code 2: a usage error, a
/// core input error (named by its flag), an output that cannot be written, or a file that cannot be.
/// </summary>
internal sealed class CliOutput(TextWriter output, TextWriter error, bool terminal, int terminalWidth = 0)
{
    /// <summary>Whether output goes to a terminal that takes colour (not redirected, no NO_COLOR, no --no-color).</summary>
    public bool Colour { get; set; }

    /// <summary>The width tables must fit: the terminal's, or <see cref="TableWidth.Default"/> when it is unknown.</summary>
    public int Width => terminal && terminalWidth >= 40 ? terminalWidth : TableWidth.Default;

    /// <summary>An answer was printed.</summary>
    public const int Success = 0;

    /// <summary>The input is valid but nothing fits (scripts tell this from success).</summary>
    public const int NothingFits = 1;

    /// <summary>Bad input, or output that could not be written.</summary>
    public const int UsageError = 2;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public IAnsiConsole Console(int width = 0) => ConsoleFactory.Create(Out, terminal && Colour, width);

    public int Guard(Func<int> action)
    {
        try
        {
            int code = action();
            Out.Flush();
            return code;
        }
        catch (UsageException ex)
        {
            return Fail(ex.Message);
        }
        catch (PlanInputException ex)
        {
            return Fail(Flags.Usage(ex).Message);
        }
        catch (IOException ex)
        {
            return Fail("could not write the output: " + OneLine(ex.Message));
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to the file named by <paramref name="flag"/>; a path that is empty, a folder, in a
    /// missing folder or not writable is a usage error naming the flag.
    /// </summary>
    public static void WriteFile(string flag, string path, string content)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new UsageException($"{flag}: give a file name");
            }

            if (Directory.Exists(path))
            {
                throw new UsageException($"{flag} '{path}': is a folder; give a file name");
            }

            File.WriteAllText(path, content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{flag} '{path}': cannot write: {OneLine(ex.Message)}");
        }
    }

    private int Fail(string message) => Fail(Error, message);

    /// <summary>
    /// Writes "preset-planner: message" as one line without control characters (<see cref="Terminal.OneLine"/>) to
    /// <paramref name="error"/>; returns <see cref="UsageError"/>.
    /// </summary>
    public static int Fail(TextWriter error, string message)
    {
        try
        {
            error.WriteLine("preset-planner: " + Terminal.OneLine(message));
        }
        catch (IOException)
        {
            // Nowhere left to say it; the exit code still does.
        }

        return UsageError;
    }

    private static string OneLine(string text) => Terminal.OneLine(text);
}
