using System.CommandLine;
using PresetPlanner.Presentation.Export;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Cli.Input;

/// <summary><c>--emit FRAMEWORK</c>: print the chosen layout as the framework's arguments, overrides, TOML or JSON instead of the report.</summary>
internal sealed class EmitOption
{
    public Option<string?> Emit { get; } = Options.Choice<ExportFramework>("--emit", "Print the layout for a framework instead of the report: " + string.Join(", ", Spelling.All<ExportFramework>()));

    public void AddTo(Command command) => command.Add(Emit);

    /// <summary>
    /// The framework asked for, or null. --emit prints the framework's own format, so a --format other than the default
    /// table is a usage error rather than ignored (a script asking for JSON would otherwise read arguments).
    /// </summary>
    public ExportFramework? Read(ParseResult pr, FormatOption format)
    {
        if (pr.GetValue(Emit) is not string text)
        {
            return null;
        }

        ExportFramework framework = Options.Parse<ExportFramework>("--emit", text, Spelling.TryParse);
        if (format.Read(pr) != OutputFormat.Table)
        {
            throw new UsageException($"--emit {Spelling.Of(framework)} prints the framework's own format ({(framework == ExportFramework.DeepSpeed ? "a DeepSpeed JSON" : framework == ExportFramework.Torchtitan ? "TOML" : "arguments")}); drop --format");
        }

        return framework;
    }

    /// <summary>Writes the fragment to standard output; for JSON, which has no comments, the notes go to standard error.</summary>
    public static void Write(TextWriter output, TextWriter error, ExportFragment fragment)
    {
        output.Write(fragment.Text);
        if (fragment.Framework == ExportFramework.DeepSpeed)
        {
            foreach (string note in fragment.Notes)
            {
                error.WriteLine("preset-planner: note: " + note);
            }
        }
    }
}
