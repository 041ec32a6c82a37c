using Spectre.Console;

namespace PresetPlanner.Cli.Output;

/// <summary>A Spectre console over any writer: no colours or ANSI codes when output is redirected or captured.</summary>
internal static class ConsoleFactory
{
    /// <summary>A console on <paramref name="writer"/>; <paramref name="width"/> above 0 sets its width (int.MaxValue: never wrap).</summary>
    public static IAnsiConsole Create(TextWriter writer, bool terminal, int width = 0)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (width > 0)
        {
            console.Profile.Width = Math.Min(width, 4000);
        }
        else if (!terminal)
        {
            console.Profile.Width = 250;
        }

        return console;
    }
}
