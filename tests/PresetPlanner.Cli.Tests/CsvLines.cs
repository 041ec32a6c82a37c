namespace PresetPlanner.Cli.Tests;

/// <summary>Splits RFC 4180 CSV (quoted fields may contain commas) into rows of fields.</summary>
internal static class CsvLines
{
    public static string[][] Parse(string text) => text
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(Fields)
        .ToArray();

    /// <summary>The fields of one line.</summary>
    public static List<string> Split(string line) => [.. Fields(line)];

    /// <summary>A field quoted when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string field) => field.AsSpan().IndexOfAny(",\"\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}
