using System.CommandLine;

namespace PresetPlanner.Cli.Input;

/// <summary>--format: table (default), markdown, json or csv.</summary>
internal sealed class FormatOption
{
    public Option<string?> Format { get; } = Options.Completing(Options.Text("--format", "table (default), markdown, json or csv"), ["table", "markdown", "json", "csv"]);

    public void AddTo(Command command) => command.Add(Format);

    public OutputFormat Read(ParseResult pr) => Parse(pr.GetValue(Format));

    public static OutputFormat Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "table" => OutputFormat.Table,
        "markdown" or "md" => OutputFormat.Markdown,
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        string other => throw new UsageException($"--format: '{other}' is not table, markdown, json or csv"),
    };
}
