namespace PresetPlanner.Cli.Input;

/// <summary>How results are printed.</summary>
internal enum OutputFormat
{
    Table,
    Markdown,
    Json,
    Csv,
}
